import type * as ts from 'typescript';
import { SINGLE_BRACES } from '../../adapters/library-template';
import { addProperty, suggestion } from '../../edits';
import type { Suggestion } from '../../finding';
import { identifierRules } from '../../identifiers';
import type { StaticProperty, Unknown } from '../../static-value';
import {
  isLiteralSegment,
  parseKeyTemplate,
  pathText,
  soloPlaceholder,
  type ParsedTemplate,
  type Placeholder,
  type Segment,
} from '../../template';
import type { CapsuleGuardOptions } from '../../options';
import type { ClassCheck, DecoratedClass, Report } from '../check-targets';
import { anchorWithin, decoratorUse, isWithin } from '../check-targets';
import type { messages } from '.';

type TemplateReport = Report<keyof typeof messages>;

/** One key template of an entity, and where a finding about it is shown. */
interface KeyTemplate {
  /** 'pk', 'sk', "GSI 'gsi1' pk", … as it appears in messages. */
  readonly name: string;
  readonly property: StaticProperty;
  /** The expression inside the decorator through which the template was reached. */
  readonly anchor: ts.Node;
  readonly isPartitionKey: boolean;
}

/**
 * Partition keys of capsule-isolated entities contain `TENANT#{tenantId}` then
 * `CAPSULE#{capsuleId}` as whole segments, at the start and adjacent unless the `scopeAtStart`
 * option is off; every template of every entity is static, well-formed and names existing fields.
 */
export const checkKeyTemplates: ClassCheck<keyof typeof messages> = (target, report) => {
  const isolated = decoratorUse(target, 'capsuleIsolated') !== undefined;
  // Every @entity is checked: a second one is an error of its own, never a way around this one.
  for (const entity of target.decorators) {
    if (entity.name !== 'entity') continue;
    const templates = collectTemplates(target, entity.decorator, entity.call, report);
    for (const template of templates) checkTemplate(target, template, isolated, report);
  }
};

/**
 * Reports a value that could not be read: as a value that can change, as one that needs type
 * information, or with `fallback` (the message for any other reason).
 */
function reportUnreadable(
  report: TemplateReport,
  value: Unknown,
  fallback: 'unverifiableTemplate' | 'unverifiableOptions',
  data: Record<string, string>,
  node: ts.Node,
): void {
  report(value.cause ?? fallback, { ...data, reason: value.cause ? value.reason : `: ${value.reason}` }, node);
}

function collectTemplates(
  target: DecoratedClass,
  decorator: ts.Decorator,
  call: ts.CallExpression | undefined,
  report: TemplateReport,
): KeyTemplate[] {
  const { evaluator, className } = target;
  const [optionsExpression] = call?.arguments ?? [];
  // Worked out only for a finding that shows it: it lists the class's key paths, which costs more than the check.
  let exampleText: string | undefined;
  const exampleOf = (): string => (exampleText ??= exampleTemplate(target));
  if (!optionsExpression) {
    // `@entity()` gets its options object; a bare `@entity` is not called, so it gets none.
    const example = exampleOf();
    const at = call ? call.arguments.pos : -1;
    const fix = call ? suggestion(`Add pk: '${example}'`, [{ start: at, end: at, text: `{ pk: '${example}' }` }]) : [];
    report('missingPk', { className, example }, decorator.expression, fix);
    return [];
  }
  const options = evaluator.properties(optionsExpression);
  if (!options.ok) {
    reportUnreadable(report, options, 'unverifiableOptions', { className, subject: '@entity options object' }, optionsExpression);
    return [];
  }
  const templates: KeyTemplate[] = [];
  const anchorOf = (property: StaticProperty, fallback: ts.Node) => anchorWithin(decorator, fallback, property.value, property.entry);
  const add = (name: string, property: StaticProperty | undefined, fallback: ts.Node, isPartitionKey: boolean) => {
    if (property) templates.push({ name, property, anchor: anchorOf(property, fallback), isPartitionKey });
  };

  const pk = options.value.get('pk');
  if (!pk) report('missingPk', { className, example: exampleOf() }, decorator.expression, addPkSuggestion(target, optionsExpression, decorator, exampleOf()));
  add('pk', pk, optionsExpression, true);
  add('sk', options.value.get('sk'), optionsExpression, false);

  const gsi = options.value.get('gsi');
  if (!gsi) return templates;
  const gsiAnchor = anchorOf(gsi, optionsExpression);
  const indexes = evaluator.properties(gsi);
  if (!indexes.ok) {
    reportUnreadable(report, indexes, 'unverifiableTemplate', { className, templateName: 'GSI', subject: 'GSI definitions' }, gsiAnchor);
    return templates;
  }
  for (const [index, indexProperty] of indexes.value) {
    const indexAnchor = anchorOf(indexProperty, gsiAnchor);
    const keys = evaluator.properties(indexProperty);
    if (!keys.ok) {
      reportUnreadable(report, keys, 'unverifiableTemplate', { className, templateName: `GSI '${index}'`, subject: `GSI '${index}'` }, indexAnchor);
      continue;
    }
    const gsiPk = keys.value.get('pk');
    if (!gsiPk) report('missingGsiPk', { className, index, example: exampleOf() }, indexAnchor, addPkSuggestion(target, indexProperty.value, decorator, exampleOf()));
    add(`GSI '${index}' pk`, gsiPk, indexAnchor, true);
    add(`GSI '${index}' sk`, keys.value.get('sk'), indexAnchor, false);
  }
  return templates;
}

function checkTemplate(target: DecoratedClass, template: KeyTemplate, isolated: boolean, report: TemplateReport): void {
  const { className, options } = target;
  const templateName = template.name;
  const value = target.evaluator.string(template.property);
  if (!value.ok) {
    reportUnreadable(report, value, 'unverifiableTemplate', { className, templateName, subject: `${templateName} template` }, template.anchor);
    return;
  }
  const parsed = parseKeyTemplate(value.value, options.delimiter, identifierRules(target.ts, target.sourceFile.languageVersion));
  if (!parsed.ok) {
    report('malformedTemplate', { className, templateName, template: value.value, problem: parsed.error.problem }, template.anchor);
    return;
  }
  const data = { className, templateName, template: value.value };
  checkPlaceholders(target, parsed.template, data, template.anchor, report);
  if (isolated && template.isPartitionKey) checkIsolation(target, parsed.template, template, data, report);
}

function checkPlaceholders(
  target: DecoratedClass,
  template: ParsedTemplate,
  data: Record<string, string>,
  anchor: ts.Node,
  report: TemplateReport,
): void {
  const { placeholders } = template;
  // Placeholders that cannot be verified for one reason (`{context.tenantId}` and
  // `{context.capsuleId}` when the type of `context` is unknown) are one problem, reported once.
  let unverifiable: Map<string, string[]> | undefined;
  for (let i = 0; i < placeholders.length; i++) {
    const placeholder = placeholders[i];
    // A placeholder written twice (`{tenantId}…{tenantId}`) is one problem, reported once.
    if (writtenBefore(placeholders, i)) continue;
    const lookup = target.fields.lookupPath(target.declaration, placeholder.path);
    if (lookup.kind === 'found') continue;
    if (lookup.kind === 'unverifiable') {
      unverifiable ??= new Map();
      const sources = unverifiable.get(lookup.reason);
      if (sources) sources.push(placeholder.source);
      else unverifiable.set(lookup.reason, [placeholder.source]);
      continue;
    }
    const suggestion = fieldSuggestion(target);
    report('unknownField', { ...data, placeholder: placeholder.source, reason: lookup.reason, suggestion }, anchor);
  }
  for (const [reason, sources] of unverifiable ?? []) {
    report('unverifiableField', { ...data, placeholders: placeholderList(sources), reason }, anchor);
  }
}

function writtenBefore(placeholders: readonly Placeholder[], index: number): boolean {
  const { source } = placeholders[index];
  for (let i = 0; i < index; i++) if (placeholders[i].source === source) return true;
  return false;
}

/** "placeholder '{a}'", or "placeholders '{a}' and '{b}'", for a message. */
function placeholderList(sources: readonly string[]): string {
  const quoted = sources.map((source) => `'${source}'`);
  if (quoted.length === 1) return `placeholder ${quoted[0]}`;
  return `placeholders ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function checkIsolation(
  target: DecoratedClass,
  template: ParsedTemplate,
  key: KeyTemplate,
  data: Record<string, string>,
  report: TemplateReport,
): void {
  const { options } = target;
  const tenantMatches = keyPathMatcher(target, options.tenantField);
  const capsuleMatches = keyPathMatcher(target, options.capsuleField);
  const segments = template.segments;
  const { tenantAt, capsuleAt, placed } = scopePlacement(segments, options, tenantMatches, capsuleMatches);
  if (tenantAt >= 0) reportTenantField(target, segments, tenantAt, data, key.anchor, report);
  const bothFound = tenantAt >= 0 && capsuleAt >= 0;
  if (placed) return;
  // A segment written as it should be, whose field cannot hold a key: say why, not that it is missing.
  const tenantUnusable = tenantAt < 0 && reportUnusable(target, segments, options.tenantPrefix, options.tenantField, data, key, report);
  const capsuleUnusable = capsuleAt < 0 && reportUnusable(target, segments, options.capsulePrefix, options.capsuleField, data, key, report);
  if (!bothFound && (tenantAt >= 0 || tenantUnusable) && (capsuleAt >= 0 || capsuleUnusable)) return;

  const tenantPaths = keyPathTexts(target, options.tenantField);
  const capsulePaths = keyPathTexts(target, options.capsuleField);
  const tenantSegment = `${options.tenantPrefix}${options.delimiter}{${tenantPaths[0]}}`;
  const capsuleSegment = `${options.capsulePrefix}${options.delimiter}{${capsulePaths[0]}}`;
  const fixed = fixedTemplate(target, template, tenantPaths[0], capsulePaths[0]);
  const suggestions = replaceLiteralSuggestion(target, key, fixed);
  if (tenantAt < 0 && !tenantUnusable) {
    report('missingTenantSegment', { ...data, expected: tenantSegment, fixed }, key.anchor, suggestions);
  }
  if (capsuleAt < 0 && !capsuleUnusable) {
    report('missingCapsuleSegment', { ...data, expected: capsuleSegment, fixed }, key.anchor, suggestions);
  }
  if (bothFound) {
    report('scopeNotAtStart', { ...data, expected: `${tenantSegment}${options.delimiter}${capsuleSegment}`, fixed }, key.anchor, suggestions);
  }
}

/** Where a partition key's scope segments are, by segment index (-1 when absent). */
export interface ScopePlacement {
  readonly tenantAt: number;
  readonly capsuleAt: number;
  /** Both found, in order, and at the start of the key when `scopeAtStart` requires it. */
  readonly placed: boolean;
}

/**
 * Finds `TENANT#<tenant>` and, after it, `CAPSULE#<capsule>` as whole segments, each placeholder
 * accepted by its matcher; for `@entity` templates and library templates alike.
 */
export function scopePlacement(
  segments: readonly Segment[],
  options: Pick<CapsuleGuardOptions, 'tenantPrefix' | 'capsulePrefix' | 'scopeAtStart'>,
  tenantMatches: (path: readonly string[]) => boolean,
  capsuleMatches: (path: readonly string[]) => boolean,
): ScopePlacement {
  const isKeySegment = (index: number, prefix: string, matches: (path: readonly string[]) => boolean) => {
    const placeholder = index + 1 < segments.length ? soloPlaceholder(segments[index + 1]) : undefined;
    return isLiteralSegment(segments[index], prefix) && !!placeholder && matches(placeholder.path);
  };
  const tenantAt = segments.findIndex((_, i) => isKeySegment(i, options.tenantPrefix, tenantMatches));
  const capsuleFrom = tenantAt < 0 ? 0 : tenantAt + 2;
  const capsuleAt = segments.findIndex((_, i) => i >= capsuleFrom && isKeySegment(i, options.capsulePrefix, capsuleMatches));
  const bothFound = tenantAt >= 0 && capsuleAt >= 0;
  return { tenantAt, capsuleAt, placed: bothFound && ((tenantAt === 0 && capsuleAt === 2) || !options.scopeAtStart) };
}

/**
 * Reports `PREFIX#{path}` whose field exists but cannot hold a key (optional, `| undefined`, in a
 * `Partial<…>`), with the reason capsule-id-required gives; false when the template has none.
 */
function reportUnusable(
  target: DecoratedClass,
  segments: readonly Segment[],
  prefix: string,
  fieldName: string,
  data: Record<string, string>,
  key: KeyTemplate,
  report: TemplateReport,
): boolean {
  for (let i = 0; i + 1 < segments.length; i++) {
    const placeholder = soloPlaceholder(segments[i + 1]);
    if (!placeholder || !isLiteralSegment(segments[i], prefix) || placeholder.path[placeholder.path.length - 1] !== fieldName) continue;
    const usability = target.fields.keyPathUsability(target.declaration, placeholder.path);
    if (usability?.kind !== 'unusable') continue;
    reportUnusableField(target, prefix, fieldName, placeholder, usability.reason, data, key.anchor, report);
    return true;
  }
  return false;
}

function reportUnusableField(
  target: DecoratedClass,
  prefix: string,
  field: string,
  placeholder: Placeholder,
  reason: string,
  data: Record<string, string>,
  anchor: ts.Node,
  report: TemplateReport,
): void {
  const segment = `'${prefix}${target.options.delimiter}'`;
  report('unusableKeyField', { ...data, segment, placeholder: placeholder.source, reason, field }, anchor);
}

/**
 * A tenant segment whose field is declared but cannot hold a key (`tenantId?: string`), or whose
 * type cannot be read (imported, without type information): the template cannot be shown to
 * isolate tenants. (The capsule field's own defects are capsule-id-required's to report.)
 */
function reportTenantField(
  target: DecoratedClass,
  segments: readonly Segment[],
  tenantAt: number,
  data: Record<string, string>,
  anchor: ts.Node,
  report: TemplateReport,
): void {
  const { options } = target;
  const placeholder = soloPlaceholder(segments[tenantAt + 1]);
  const usability = placeholder && target.fields.keyPathUsability(target.declaration, placeholder.path);
  if (!placeholder || !usability) return;
  if (usability.kind === 'unusable') {
    reportUnusableField(target, options.tenantPrefix, options.tenantField, placeholder, usability.reason, data, anchor, report);
  } else if (usability.kind === 'unverifiable') {
    report('unverifiableField', { ...data, placeholders: placeholderList([placeholder.source]), reason: usability.reason }, anchor);
  }
}

/**
 * The template with its isolation segments repaired, for the message and the suggestion: a
 * wrong value after `TENANT#`/`CAPSULE#` is replaced, a capsule segment written before the tenant
 * segment is moved after it, and a missing segment is inserted. Other segments are kept as written.
 */
export function fixedTemplate(
  target: Pick<DecoratedClass, 'options'>,
  template: ParsedTemplate,
  tenantPath: string,
  capsulePath: string,
  syntax: { readonly open: string; readonly close: string } = SINGLE_BRACES,
): string {
  const { tenantPrefix, capsulePrefix, delimiter } = target.options;
  const source = template.source;
  const texts = template.segments.map((segment) => source.slice(segment.start, segment.end));
  const tenantValue = `${syntax.open}${tenantPath}${syntax.close}`;
  const capsuleValue = `${syntax.open}${capsulePath}${syntax.close}`;
  const pairAt = (prefix: string, from = 0) => texts.findIndex((text, i) => i >= from && text === prefix && i + 1 < texts.length);

  let tenantAt = pairAt(tenantPrefix);
  const earlyCapsule = pairAt(capsulePrefix);
  if (earlyCapsule >= 0 && tenantAt > earlyCapsule) {
    texts.splice(earlyCapsule, 2);
    tenantAt -= 2;
  }
  // A value written without a label before it (`{tenantId}#{capsuleId}#ORDER#{id}`) is the tenant's or the capsule's bare
  // placeholder: it gets its prefix where it stands. After a label of another name (`ORG#{tenantId}`) it is kept as written.
  const isBare = (value: string) => (text: string, i: number) => text === value && (i === 0 || texts[i - 1].startsWith(syntax.open));
  const bareTenant = texts.findIndex(isBare(tenantValue));
  if (tenantAt < 0 && bareTenant >= 0) {
    texts.splice(bareTenant, 0, tenantPrefix);
    tenantAt = bareTenant;
  } else if (tenantAt < 0) {
    texts.unshift(tenantPrefix, tenantValue);
    tenantAt = 0;
  } else {
    replaceValue(texts, tenantAt + 1, tenantValue, syntax);
  }
  let capsuleAt = tenantAt + 2;
  // A capsule segment further on is moved up to follow the tenant segment directly.
  const lateCapsule = pairAt(capsulePrefix, capsuleAt + 1);
  if (texts[capsuleAt] !== capsulePrefix && lateCapsule >= 0) texts.splice(capsuleAt, 0, ...texts.splice(lateCapsule, 2));
  if (texts[capsuleAt] === capsulePrefix && capsuleAt + 1 < texts.length) {
    replaceValue(texts, capsuleAt + 1, capsuleValue, syntax);
  } else {
    // The capsule's bare placeholder becomes the value of the capsule segment, rather than being written twice.
    const bareCapsule = texts.findIndex((text, i) => i !== tenantAt + 1 && isBare(capsuleValue)(text, i));
    if (bareCapsule >= 0) texts.splice(bareCapsule, 1);
    if (bareCapsule >= 0 && bareCapsule < tenantAt) {
      tenantAt--;
      capsuleAt--;
    }
    texts.splice(capsuleAt, 0, capsulePrefix, capsuleValue);
  }
  // The four segments of the scope lead the key, where a LeadingKeys condition can match them.
  if (target.options.scopeAtStart) texts.unshift(...texts.splice(tenantAt, 4));
  return texts.join(delimiter);
}

/** Replaces a key value segment; `{tenantId}CAPSULE` (a missing delimiter) keeps its tail as its own segment. */
function replaceValue(texts: string[], at: number, value: string, syntax: { readonly open: string; readonly close: string }): void {
  const old = texts[at];
  const close = old.indexOf(syntax.close);
  const tail = old.startsWith(syntax.open) && close >= 0 ? old.slice(close + syntax.close.length) : '';
  texts.splice(at, 1, value, ...(tail ? [tail] : []));
}

/**
 * Whether a placeholder may stand for a key field. When the field's paths cannot be resolved
 * (already reported as unverifiable), any `{field}` or `{x.field}` is taken at its word, so the
 * same template is not also reported as missing its segment.
 */
function keyPathMatcher(target: DecoratedClass, fieldName: string): (path: readonly string[]) => boolean {
  const { fields, declaration } = target;
  return (path) => {
    // Checked first and on its own: every other path of the class is looked into only when this fails.
    if (path[path.length - 1] === fieldName && fields.isUsableKeyPath(declaration, path)) return true;
    const paths = fields.keyPaths(declaration, fieldName);
    if (paths.usable.length > 0) return false;
    if (paths.unverifiable !== undefined) return path[path.length - 1] === fieldName;
    return pathText(path) === fieldName;
  };
}

/**
 * Placeholder paths that may stand for a key field, e.g. `capsuleId` or `context.capsuleId`: the
 * usable ones, else those declared with a type that cannot be read here, else the field name.
 */
function keyPathTexts(target: DecoratedClass, fieldName: string): string[] {
  const paths = target.fields.keyPaths(target.declaration, fieldName);
  const candidates = paths.usable.length > 0 ? paths.usable : (paths.unverified ?? []);
  return candidates.length > 0 ? candidates.map(pathText) : [fieldName];
}

/** A suggestion is offered only where the template is a plain literal written in the decorator. */
export function replaceLiteralSuggestion(
  target: Pick<DecoratedClass, 'ts' | 'sourceFile'>,
  key: Pick<KeyTemplate, 'anchor' | 'name'>,
  fixed: string,
): Suggestion[] {
  const { ts, sourceFile } = target;
  const node = key.anchor;
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return [];
  const start = node.getStart(sourceFile);
  const raw = sourceFile.text.slice(start, node.end);
  const quote = raw[0];
  if (raw !== `${quote}${node.text}${quote}` || fixed.includes(quote) || fixed.includes('\\')) return [];
  return [{ description: `Change the ${key.name} template to '${fixed}'`, edits: [{ start, end: node.end, text: `${quote}${fixed}${quote}` }] }];
}

/** Adds `pk: '<example>'` to an options object written in the decorator. */
function addPkSuggestion(target: DecoratedClass, object: ts.Expression, decorator: ts.Decorator, example: string): Suggestion[] {
  if (!target.ts.isObjectLiteralExpression(object) || !isWithin(object, decorator)) return [];
  return suggestion(`Add pk: '${example}'`, [addProperty(target.sourceFile, object, `pk: '${example}'`)]);
}

function exampleTemplate(target: DecoratedClass): string {
  const { options } = target;
  const d = options.delimiter;
  const tenant = keyPathTexts(target, options.tenantField)[0];
  const capsule = keyPathTexts(target, options.capsuleField)[0];
  const kind = /^[A-Za-z]/u.test(target.className) ? target.className.replace(/Entity$/u, '').toUpperCase() : 'ITEM';
  return `${options.tenantPrefix}${d}{${tenant}}${d}${options.capsulePrefix}${d}{${capsule}}${d}${kind}${d}{id}`;
}

function fieldSuggestion(target: DecoratedClass): string {
  const fields = target.fields.classFields(target.declaration);
  if (!fields.ok) return 'a declared field';
  const names = [...fields.fields.keys()].slice(0, 5).map((name) => `'{${name}}'`);
  return names.length > 0 ? names.join(', ') : 'a declared field';
}
