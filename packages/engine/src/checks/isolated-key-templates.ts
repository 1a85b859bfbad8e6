import type * as ts from 'typescript';
import type { Suggestion } from '../finding';
import { isLiteralSegment, parseKeyTemplate, pathText, soloPlaceholder, type ParsedTemplate, type Placeholder } from '../template';
import type { ClassCheck, DecoratedClass, Report } from './check-context';
import { decoratorUse, isWithin } from './check-context';

type TemplateReport = Report<'isolated-key-templates'>;

/** One key template of an entity, and where a finding about it is shown. */
interface KeyTemplate {
  /** 'pk', 'sk', "GSI 'gsi1' pk", … as it appears in messages. */
  readonly name: string;
  readonly expression: ts.Expression;
  /** The expression inside the decorator through which the template was reached. */
  readonly anchor: ts.Node;
  readonly isPartitionKey: boolean;
}

/**
 * Partition keys of capsule-isolated entities contain `TENANT#{tenantId}` then
 * `CAPSULE#{capsuleId}` as whole segments, at the start and adjacent unless the `scopeAtStart`
 * option is off; every template of every entity is static, well-formed and names existing fields.
 */
export const checkKeyTemplates: ClassCheck<'isolated-key-templates'> = (target, report) => {
  const entity = decoratorUse(target, 'entity');
  if (!entity) return;
  const templates = collectTemplates(target, entity.decorator, entity.call, report);
  const isolated = decoratorUse(target, 'capsuleIsolated') !== undefined;
  for (const template of templates) checkTemplate(target, template, isolated, report);
};

function collectTemplates(
  target: DecoratedClass,
  decorator: ts.Decorator,
  call: ts.CallExpression | undefined,
  report: TemplateReport,
): KeyTemplate[] {
  const { evaluator, className } = target;
  const anchorIn = (node: ts.Node, fallback: ts.Node) => (isWithin(node, decorator) ? node : fallback);
  const [optionsExpression] = call?.arguments ?? [];
  if (!optionsExpression) {
    report('missingPk', { className, example: exampleTemplate(target) }, decorator.expression);
    return [];
  }
  const options = evaluator.properties(optionsExpression);
  if (!options.ok) {
    report('unverifiableOptions', { className }, optionsExpression);
    return [];
  }
  const templates: KeyTemplate[] = [];
  const add = (name: string, expression: ts.Expression | undefined, anchor: ts.Node, isPartitionKey: boolean) => {
    if (expression) templates.push({ name, expression, anchor: anchorIn(expression, anchor), isPartitionKey });
  };

  const pk = options.value.get('pk');
  if (!pk) report('missingPk', { className, example: exampleTemplate(target) }, decorator.expression);
  add('pk', pk, optionsExpression, true);
  add('sk', options.value.get('sk'), optionsExpression, false);

  const gsiExpression = options.value.get('gsi');
  if (!gsiExpression) return templates;
  const gsiAnchor = anchorIn(gsiExpression, optionsExpression);
  const indexes = evaluator.properties(gsiExpression);
  if (!indexes.ok) {
    report('unverifiableTemplate', { className, templateName: 'GSI', reason: `: ${indexes.reason}` }, gsiAnchor);
    return templates;
  }
  for (const [index, indexExpression] of indexes.value) {
    const indexAnchor = anchorIn(indexExpression, gsiAnchor);
    const keys = evaluator.properties(indexExpression);
    if (!keys.ok) {
      report('unverifiableTemplate', { className, templateName: `GSI '${index}'`, reason: `: ${keys.reason}` }, indexAnchor);
      continue;
    }
    const gsiPk = keys.value.get('pk');
    if (!gsiPk) report('missingGsiPk', { className, index, example: exampleTemplate(target) }, indexAnchor);
    add(`GSI '${index}' pk`, gsiPk, indexAnchor, true);
    add(`GSI '${index}' sk`, keys.value.get('sk'), indexAnchor, false);
  }
  return templates;
}

function checkTemplate(target: DecoratedClass, template: KeyTemplate, isolated: boolean, report: TemplateReport): void {
  const { className, options } = target;
  const templateName = template.name;
  const value = target.evaluator.string(template.expression);
  if (!value.ok) {
    report('unverifiableTemplate', { className, templateName, reason: `: ${value.reason}` }, template.anchor);
    return;
  }
  const parsed = parseKeyTemplate(value.value, options.delimiter);
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
  const isKeySegment = (index: number, prefix: string, matches: (path: readonly string[]) => boolean) => {
    const placeholder = index + 1 < segments.length ? soloPlaceholder(segments[index + 1]) : undefined;
    return isLiteralSegment(segments[index], prefix) && !!placeholder && matches(placeholder.path);
  };
  const tenantAt = segments.findIndex((_, i) => isKeySegment(i, options.tenantPrefix, tenantMatches));
  const capsuleFrom = tenantAt < 0 ? 0 : tenantAt + 2;
  const capsuleAt = segments.findIndex((_, i) => i >= capsuleFrom && isKeySegment(i, options.capsulePrefix, capsuleMatches));
  const scopeAtStart = tenantAt === 0 && capsuleAt === 2;
  if (tenantAt >= 0 && capsuleAt >= 0 && (scopeAtStart || !options.scopeAtStart)) return;

  const tenantPaths = keyPathTexts(target, options.tenantField);
  const capsulePaths = keyPathTexts(target, options.capsuleField);
  const tenantSegment = `${options.tenantPrefix}${options.delimiter}{${tenantPaths[0]}}`;
  const capsuleSegment = `${options.capsulePrefix}${options.delimiter}{${capsulePaths[0]}}`;
  const fixed = fixedTemplate(target, template, tenantPaths[0], capsulePaths[0]);
  const suggestions = replaceLiteralSuggestion(target, key, fixed);
  if (tenantAt < 0) {
    report('missingTenantSegment', { ...data, expected: tenantSegment, fixed }, key.anchor, suggestions);
  }
  if (capsuleAt < 0) {
    report('missingCapsuleSegment', { ...data, expected: capsuleSegment, fixed }, key.anchor, suggestions);
  }
  if (tenantAt >= 0 && capsuleAt >= 0) {
    report('scopeNotAtStart', { ...data, expected: `${tenantSegment}${options.delimiter}${capsuleSegment}`, fixed }, key.anchor, suggestions);
  }
}

/**
 * The template with its isolation segments repaired, for the message and the suggestion: a
 * wrong value after `TENANT#`/`CAPSULE#` is replaced, a capsule segment written before the tenant
 * segment is moved after it, and a missing segment is inserted. Other segments are kept as written.
 */
function fixedTemplate(target: DecoratedClass, template: ParsedTemplate, tenantPath: string, capsulePath: string): string {
  const { tenantPrefix, capsulePrefix, delimiter } = target.options;
  const source = template.source;
  const texts = template.segments.map((segment) => source.slice(segment.start, segment.end));
  const tenantValue = `{${tenantPath}}`;
  const capsuleValue = `{${capsulePath}}`;
  const pairAt = (prefix: string, from = 0) => texts.findIndex((text, i) => i >= from && text === prefix && i + 1 < texts.length);

  let tenantAt = pairAt(tenantPrefix);
  const earlyCapsule = pairAt(capsulePrefix);
  if (earlyCapsule >= 0 && tenantAt > earlyCapsule) {
    texts.splice(earlyCapsule, 2);
    tenantAt -= 2;
  }
  if (tenantAt < 0) {
    texts.unshift(tenantPrefix, tenantValue);
    tenantAt = 0;
  } else {
    replaceValue(texts, tenantAt + 1, tenantValue);
  }
  const capsuleAt = tenantAt + 2;
  // A capsule segment further on is moved up to follow the tenant segment directly.
  const lateCapsule = pairAt(capsulePrefix, capsuleAt + 1);
  if (texts[capsuleAt] !== capsulePrefix && lateCapsule >= 0) texts.splice(capsuleAt, 0, ...texts.splice(lateCapsule, 2));
  if (texts[capsuleAt] === capsulePrefix && capsuleAt + 1 < texts.length) replaceValue(texts, capsuleAt + 1, capsuleValue);
  else texts.splice(capsuleAt, 0, capsulePrefix, capsuleValue);
  // The four segments of the scope lead the key, where a LeadingKeys condition can match them.
  if (target.options.scopeAtStart) texts.unshift(...texts.splice(tenantAt, 4));
  return texts.join(delimiter);
}

/** Replaces a key value segment; `{tenantId}CAPSULE` (a missing delimiter) keeps its tail as its own segment. */
function replaceValue(texts: string[], at: number, value: string): void {
  const old = texts[at];
  const close = old.indexOf('}');
  const tail = old.startsWith('{') && close >= 0 ? old.slice(close + 1) : '';
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

/** Placeholder paths that may stand for a key field, e.g. `capsuleId` or `context.capsuleId`. */
function keyPathTexts(target: DecoratedClass, fieldName: string): string[] {
  const usable = target.fields.keyPaths(target.declaration, fieldName).usable.map(pathText);
  return usable.length > 0 ? usable : [fieldName];
}

/** A suggestion is offered only where the template is a plain literal written in the decorator. */
function replaceLiteralSuggestion(target: DecoratedClass, key: KeyTemplate, fixed: string): Suggestion[] {
  const { ts, sourceFile } = target;
  const node = key.anchor;
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return [];
  const start = node.getStart(sourceFile);
  const raw = sourceFile.text.slice(start, node.end);
  const quote = raw[0];
  if (raw !== `${quote}${node.text}${quote}` || fixed.includes(quote) || fixed.includes('\\')) return [];
  return [{ description: `Change the ${key.name} template to '${fixed}'`, edits: [{ start, end: node.end, text: `${quote}${fixed}${quote}` }] }];
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
