import type * as ts from 'typescript';
import { importedTemplateSyntaxes, LIBRARY_TEMPLATE_SYNTAXES, templatePackagesOf } from '../../adapters/library-entities';
import { DOLLAR_BRACES, parseLibraryTemplate, placeholderFor, SINGLE_BRACES, type PlaceholderSyntax } from '../../adapters/library-template';
import type { TS } from '../../finding';
import { identifierRules, type IdentifierRules } from '../../identifiers';
import type { CapsuleGuardOptions } from '../../options';
import { isLiteralSegment, parseKeyTemplate, soloPlaceholder, type Placeholder, type Segment, type TemplateParseResult } from '../../template';
import { forEachNodeContaining } from '../../walk';
import type { CheckedFile, Report } from '../check-targets';
import type { messages } from '.';

type KeyLiteralReport = Report<keyof typeof messages>;

/**
 * A `${expression}` whose value is only known at run time stands in the parsed key as the
 * placeholder `{$<index>}`: a name no field can have, so it is told apart from `{field}`.
 */
const VALUE_MARK = '$';

/** The texts a hand-built key of ours begins with: `TENANT#` and `CAPSULE#` by default. */
function segmentStarts(options: CapsuleGuardOptions): readonly [tenant: string, capsule: string] {
  return [options.tenantPrefix + options.delimiter, options.capsulePrefix + options.delimiter];
}

/** Cheap pre-filter: a file without either segment text holds no key written by hand. */
export function mentionsKeySegment(text: string, options: CapsuleGuardOptions): boolean {
  const [tenant, capsule] = segmentStarts(options);
  return text.includes(tenant) || text.includes(capsule);
}

/**
 * Every string literal, template literal and outermost `+` concatenation outside an `@entity`
 * call whose text begins with the tenant segment continues `TENANT#<value>#CAPSULE#<value>`;
 * none begins with the capsule segment. Only subtrees holding a segment's text are walked, then
 * those holding the name of a const found to begin with one (`${TENANT_PREFIX}${id}`), so most
 * code is never visited.
 */
export function checkKeyLiterals(file: CheckedFile, report: KeyLiteralReport): void {
  const { ts, sourceFile } = file;
  const checked = new Set<ts.Node>();
  const keyConsts = new Set<string>();
  // Read when a key is met: in most files the segments' text is only in entity decorators' keys.
  let imported: PlaceholderSyntax[] | undefined;
  const visit = (node: ts.Node): boolean | void => {
    if (ts.isTypeNode(node) || file.entityDeclarations.has(node) || (ts.isDecorator(node) && isEntityDecorator(file, node))) return false;
    if (!isKeyExpression(ts, node) || isPartOfLargerKey(ts, node) || isPropertyName(node) || checked.has(node)) return;
    checked.add(node);
    const key = readKey(file, node);
    if (!key) return;
    const constName = declaredConstName(ts, node);
    if (constName) keyConsts.add(constName);
    const librarySyntaxes = (imported ??= importedTemplateSyntaxes(ts, sourceFile));
    // An entity of this file may be declared with a library it reaches through a barrel, not by name.
    const usedByEntity = librarySyntaxes.length === 0 && constName !== undefined && isUsedByLibraryEntity(file, constName);
    checkKey(file, key, node, usedByEntity ? LIBRARY_TEMPLATE_SYNTAXES : librarySyntaxes, constName !== undefined, report);
  };
  for (const needle of segmentStarts(file.options)) forEachNodeContaining(ts, sourceFile, needle, visit);
  for (const name of keyConsts) forEachNodeContaining(ts, sourceFile, name, visit);
}

type KeyExpression = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression | ts.BinaryExpression;

function isKeyExpression(ts: TS, node: ts.Node): node is KeyExpression {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || isConcatenation(ts, node);
}

function isConcatenation(ts: TS, node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/** A term of a concatenation or a `${}` of a template is checked as part of the whole, once. */
function isPartOfLargerKey(ts: TS, node: ts.Node): boolean {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return isConcatenation(ts, parent) || ts.isTemplateSpan(parent);
}

/** `{ 'TENANT#x': 1 }` names a property; it is no key. */
function isPropertyName(node: ts.Node): boolean {
  return (node.parent as { readonly name?: ts.Node }).name === node;
}

function isEntityDecorator(file: CheckedFile, decorator: ts.Decorator): boolean {
  return file.decorators.decoratorsOf(decorator.parent).some((use) => use.decorator === decorator && use.name === 'entity');
}

/** `const PREFIX = 'TENANT#'`: its uses are looked for too, since they build keys from it. */
function declaredConstName(ts: TS, node: ts.Node): string | undefined {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) parent = parent.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && ts.getCombinedNodeFlags(parent) & ts.NodeFlags.Const
    ? parent.name.text
    : undefined;
}

/**
 * Whether an entity this file declares with a modelling library names the const `name`: then the
 * const holds that entity's template, in the library's syntax, which the entity's own check reads
 * against its library.
 */
function isUsedByLibraryEntity(file: CheckedFile, name: string): boolean {
  return [...file.entityDeclarations].some((declaration) => namesIdentifier(file.ts, file.sourceFile, declaration, name));
}

/** Whether `name` is written as an identifier inside `container`. */
function namesIdentifier(ts: TS, sourceFile: ts.SourceFile, container: ts.Node, name: string): boolean {
  let found = false;
  forEachNodeContaining(ts, sourceFile, name, (node) => {
    if (found) return false;
    found = ts.isIdentifier(node) && node.text === name;
  }, container);
  return found;
}

/** A hand-built key: its text with run-time values as `{$<index>}`, and those values' expressions. */
interface HandBuiltKey {
  readonly text: string;
  readonly values: readonly ts.Expression[];
}

/** The key an expression builds, when its text begins with one of our segments. */
function readKey(file: CheckedFile, node: KeyExpression): HandBuiltKey | undefined {
  const values: ts.Expression[] = [];
  let text = '';
  const addTerm = (term: ts.Expression): void => {
    const value = file.evaluator.string(term);
    if (value.ok) text += value.value;
    else text += `{${VALUE_MARK}${values.push(term) - 1}}`;
  };
  const { ts } = file;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
  else if (ts.isTemplateExpression(node)) {
    text = node.head.text;
    for (const span of node.templateSpans) {
      addTerm(span.expression);
      text += span.literal.text;
    }
  } else {
    for (const term of concatenationTerms(ts, node)) addTerm(term);
  }
  return segmentStarts(file.options).some((start) => text.startsWith(start)) ? { text, values } : undefined;
}

/** `a + b + c` nests to the left, one level per term: flattened in a loop, in source order. */
function concatenationTerms(ts: TS, node: ts.BinaryExpression): ts.Expression[] {
  const terms: ts.Expression[] = [];
  let left: ts.Expression = node;
  while (isConcatenation(ts, left)) {
    terms.push(left.right);
    left = skipParentheses(ts, left.left);
  }
  terms.push(left);
  return terms.reverse();
}

function skipParentheses(ts: TS, node: ts.Expression): ts.Expression {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

function checkKey(
  file: CheckedFile,
  key: HandBuiltKey,
  node: ts.Node,
  librarySyntaxes: readonly PlaceholderSyntax[],
  /** The key initialises a const, which may hold a library entity's template. */
  inConst: boolean,
  report: KeyLiteralReport,
): void {
  const { options } = file;
  const [tenantSegment, capsuleSegment] = segmentStarts(options);
  const show = (text: string) => displayed(key, text);
  const d = options.delimiter;
  const identifiers = identifierRules(file.ts, file.sourceFile.languageVersion);
  const { parsed, syntax } = parseKey(key.text, d, identifiers, librarySyntaxes);
  const data = {
    key: quoted(node.getText(file.sourceFile)),
    tenantSegment,
    capsuleSegment,
    expected: `${tenantSegment}${placeholderFor(syntax, options.tenantField)}${d}${capsuleSegment}${placeholderFor(syntax, options.capsuleField)}${d}…`,
  };
  if (!parsed.ok) {
    const hint = inConst && librarySyntaxes.length === 0 ? libraryHint(key.text, d, identifiers) : '';
    report('malformedKey', { ...data, problem: show(parsed.error.problem) + hint }, node);
    return;
  }
  const { segments } = parsed.template;
  const segmentText = (index: number) => show(key.text.slice(segments[index].start, segments[index].end));
  // A correct key's first part, ending where a value goes (`TENANT#`, `TENANT#${t}#CAPSULE#`), is a
  // fragment to build keys from, not a key: where it is completed, the whole is checked. So is a
  // template's tenant segment (`TENANT#{tenantId}`): a template is completed where it is declared
  // as an entity's key, while a key with run-time values is sent as it is.
  const endsAt = (index: number) => segments.length === index + 1 && segments[index].parts.length === 0;
  if (isLiteralSegment(segments[0], options.capsulePrefix)) {
    if (!endsAt(1)) report('capsuleBeforeTenant', data, node);
    return;
  }
  if (endsAt(1)) return;
  if (!isValue(segments[1])) {
    report('missingTenantValue', { ...data, found: `'${segmentText(1)}'` }, node);
    return;
  }
  const isTemplate = key.values.length === 0;
  if (isTemplate && (segments.length === 2 || endsAt(2))) return;
  if (segments.length < 3 || !isLiteralSegment(segments[2], options.capsulePrefix)) {
    const found = segments.length < 3 ? 'the key ends after the tenant value' : `'${segmentText(2)}' follows it`;
    report('missingCapsuleSegment', { ...data, found }, node);
    return;
  }
  if (endsAt(3)) return;
  if (segments.length < 4 || !isValue(segments[3])) {
    report('missingCapsuleValue', { ...data, found: segments.length < 4 ? 'nothing' : `'${segmentText(3)}'` }, node);
  }
}

/**
 * Our `{field}` placeholders, or those of a modelling library the file imports (ElectroDB's
 * `${attr}`, OneTable's `${field:size:pad}`, TypeDORM's `{{field}}`): a template held in a const
 * for a library's entity is written in that library's syntax.
 */
function parseKey(
  text: string,
  delimiter: string,
  identifiers: IdentifierRules,
  librarySyntaxes: readonly PlaceholderSyntax[],
): { parsed: TemplateParseResult; syntax: PlaceholderSyntax } {
  const ours = parseKeyTemplate(text, delimiter, identifiers);
  // The syntax the message's corrected key is written in: the template's own (`{tenantId}` in a const of
  // our entity's template, `{{tenantId}}` in TypeDORM's), else a template literal's `${tenantId}`.
  if (ours.ok) return { parsed: ours, syntax: ours.template.placeholders.some(isNamedPlaceholder) ? SINGLE_BRACES : DOLLAR_BRACES };
  for (const syntax of librarySyntaxes) {
    const library = asLibraryTemplate(text, delimiter, syntax, identifiers);
    if (library) return { parsed: library, syntax };
  }
  return { parsed: ours, syntax: DOLLAR_BRACES };
}

/** A placeholder naming a field (`{tenantId}`), not a run-time value of a template literal (`{$0}`). */
function isNamedPlaceholder(placeholder: Placeholder): boolean {
  return !placeholder.path[0].startsWith(VALUE_MARK);
}

/** The text read in a library's syntax, when it holds that syntax's placeholders; undefined otherwise. */
function asLibraryTemplate(text: string, delimiter: string, syntax: PlaceholderSyntax, identifiers: IdentifierRules): TemplateParseResult | undefined {
  const library = parseLibraryTemplate(text, delimiter, syntax, identifiers);
  return library.ok && library.template.placeholders.length > 0 ? library : undefined;
}

/**
 * For a key that is not ours, in a file importing no library: when it reads as a library's
 * template, where to write it so it is read as one (a module importing the library).
 */
function libraryHint(text: string, delimiter: string, identifiers: IdentifierRules): string {
  const packages = LIBRARY_TEMPLATE_SYNTAXES.filter((syntax) => asLibraryTemplate(text, delimiter, syntax, identifiers)).flatMap(templatePackagesOf);
  return packages.length === 0
    ? ''
    : `. If it is the key template of an entity declared with ${packages.map((name) => `'${name}'`).join(' or ')}, keep it in a module that imports that package (or declares the entity), where it is read in the library's syntax`;
}

/** A `${expression}` or a `{field}` placeholder, alone in its segment. */
function isValue(segment: Segment): boolean {
  return soloPlaceholder(segment) !== undefined;
}

/** Our own text with each run-time value shown as the user wrote it, `${expression}`. */
function displayed(key: HandBuiltKey, text: string): string {
  let shown = '';
  let from = 0;
  for (let at = text.indexOf(`{${VALUE_MARK}`); at >= 0; at = text.indexOf(`{${VALUE_MARK}`, from)) {
    const close = text.indexOf('}', at);
    const value = key.values[Number(text.slice(at + 2, close))];
    if (close < 0 || value === undefined) break;
    shown += `${text.slice(from, at)}\${${value.getText()}}`;
    from = close + 1;
  }
  return shown + text.slice(from);
}

/** The expression as written, on one line and at most 80 characters, for a message. */
function quoted(source: string): string {
  const oneLine = source.replace(/\s+/gu, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
}
