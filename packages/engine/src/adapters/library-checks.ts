import type * as ts from 'typescript';
import { addProperty, replaceString, suggestion } from '../edits';
import type { Suggestion } from '../finding';
import { identifierRules } from '../identifiers';
import type { Unknown } from '../static-value';
import type { ParsedTemplate } from '../template';
import type { messages as capsuleMessages } from '../rules/capsule-id-required';
import type { Report } from '../rules/check-targets';
import type { messages as keyMessages } from '../rules/isolated-key-templates';
import type { messages as scopeMessages } from '../rules/isolation-scope-required';
import { reportCapsuleId } from '../rules/capsule-id-required/check';
import { fixedTemplate, replaceLiteralSuggestion, scopePlacement } from '../rules/isolated-key-templates/check';
import { platformReasonProblem } from '../rules/isolation-scope-required/check';
import { COMPOSITE_INSTEAD } from './electrodb';
import { isIsolated, type AdapterContext, type KeyValue, type LibraryEntity, type LibraryKey } from './library-entity';
import { parseLibraryTemplate, placeholderFor } from './library-template';

/**
 * The three entity rules, for an entity declared with a modelling library: the same meaning as
 * for `@entity`, in the library's terms and template syntax. Library entities are isolated by
 * default, so there is no "missing scope": only an opt-out must say why.
 *
 * What the two share is shared: where a key's scope segments are (`scopePlacement`), the corrected
 * template, the capsule field report and the opt-out's reason. The rest reads another model (no
 * class, attribute objects, ElectroDB composite lists) and reports its own message ids, which the
 * parity fixture pins in every front end.
 */
export type LibraryCheck<MessageId extends string> = (target: LibraryTarget, report: Report<MessageId>) => void;

/** One library entity, with what its file is read with. */
export interface LibraryTarget extends AdapterContext {
  readonly entity: LibraryEntity;
}

export const checkLibraryScope: LibraryCheck<keyof typeof scopeMessages> = ({ entity, ...context }, report) => {
  const { scope } = entity;
  if (scope.kind === 'platformComment' && scope.reason === '') {
    report('platformCommentWithoutReason', { entity: entity.label }, entity.nameNode);
  } else if (scope.kind === 'platformDecorator') {
    const problem = platformReasonProblem(context, scope.use);
    if (problem) report(problem, { className: entity.name }, entity.nameNode);
  }
};

export const checkLibraryCapsule: LibraryCheck<keyof typeof capsuleMessages> = ({ entity, ...context }, report) => {
  if (!isIsolated(entity)) return;
  const { options, fields } = context;
  if (entity.declaration) {
    reportCapsuleId({ options, fields, declaration: entity.declaration, className: entity.name, nameNode: entity.nameNode }, report);
    return;
  }
  const capsuleField = options.capsuleField;
  const lookup = entity.attributes.lookup(capsuleField);
  const data = { entity: entity.label, capsuleField };
  if (lookup.kind === 'unverifiable') return report('unverifiableCapsuleAttribute', { ...data, reason: lookup.reason }, entity.nameNode);
  if (lookup.kind === 'found' && lookup.required) return;
  const detail = lookup.kind === 'found' ? ` ('${capsuleField}' is declared, but not with required: true)` : '';
  report('missingCapsuleAttribute', { ...data, detail, example: entity.capsuleExample }, entity.nameNode);
};

type KeyReport = Report<keyof typeof keyMessages>;
type TemplateValue = Extract<KeyValue, { kind: 'template' }>;

export const checkLibraryKeys: LibraryCheck<keyof typeof keyMessages> = ({ entity, ...context }, report) => {
  for (const part of entity.unreadable) reportUnreadable(entity, part.subject, part.problem, part.instead ?? AS_CONST, part.node, report);
  const isolated = isIsolated(entity);
  for (const key of entity.keys) {
    const { value } = key;
    if (value.kind === 'unreadable') reportUnreadable(entity, `${key.name} template`, value.problem, value.instead, key.anchor, report);
    else if (value.kind === 'missing') report('libraryMissingKey', { entity: entity.label, keyName: key.name, example: value.example }, key.anchor);
    else if (value.kind === 'composite') checkComposite(entity, context, key, value.attributes, isolated, report);
    else checkTemplate(entity, context, key, value, isolated, report);
  }
};

const AS_CONST = "Write it as an object literal, or a const declared 'as const'.";

/** The library's own message for each reason a value cannot be read (see UnreadableCause). */
const UNREADABLE_MESSAGES = { mutableValue: 'libraryMutableValue', needsTypeInformation: 'libraryNeedsTypeInformation' } as const;

function reportUnreadable(entity: LibraryEntity, subject: string, problem: Unknown, instead: string, node: ts.Node, report: KeyReport): void {
  const messageId = problem.cause ? UNREADABLE_MESSAGES[problem.cause] : 'libraryUnverifiable';
  report(messageId, { entity: entity.label, subject, reason: problem.reason, instead }, node);
}

function checkTemplate(entity: LibraryEntity, context: AdapterContext, key: LibraryKey, value: TemplateValue, isolated: boolean, report: KeyReport): void {
  const { ts, sourceFile, options } = context;
  const { text } = value;
  const data = { entity: entity.label, keyName: key.name, template: text };
  const parsed = parseLibraryTemplate(text, options.delimiter, entity.syntax, identifierRules(ts, sourceFile.languageVersion));
  if (!parsed.ok) return report('libraryMalformedTemplate', { ...data, problem: parsed.error.problem }, key.anchor);
  const names = parsed.template.placeholders.map((placeholder) => placeholder.path[0]);
  checkCompositeBesideTemplate(entity, context, key, value, names, report);
  // A placeholder written twice is one problem, reported once.
  const seen = new Set<string>();
  for (const placeholder of parsed.template.placeholders) {
    const attribute = placeholder.path[0];
    if (seen.has(attribute)) continue;
    seen.add(attribute);
    const lookup = entity.attributes.lookup(attribute);
    if (lookup.kind === 'missing') {
      const suggestion = attributeSuggestion(entity, (name) => placeholderFor(entity.syntax, name));
      report('libraryUnknownAttribute', { ...data, placeholder: placeholder.source, attribute, suggestion }, key.anchor);
    } else if (lookup.kind === 'unverifiable') {
      const fieldData = { className: entity.name, templateName: key.name, template: text, placeholders: `placeholder '${placeholder.source}'` };
      report('unverifiableField', { ...fieldData, reason: lookup.reason }, key.anchor);
    }
  }
  if (!isolated || !key.isPartitionKey) return;
  checkScopeSegments(entity, context, key, parsed.template, data, report);
  if (names.includes(options.tenantField) || names.includes(options.capsuleField)) reportLowercased(entity, context, key, names, report);
}

/**
 * ElectroDB takes a key's attributes from its template, and throws ("Incompatible PK 'template'
 * and 'composite' properties") when a `composite` written beside it does not list exactly those
 * attributes in the same order, repeats included.
 */
function checkCompositeBesideTemplate(
  entity: LibraryEntity,
  context: AdapterContext,
  key: LibraryKey,
  { text, composite }: TemplateValue,
  templateNames: readonly string[],
  report: KeyReport,
): void {
  if (!composite) return;
  const { attributes, list } = composite;
  if (!attributes.ok) return reportUnreadable(entity, `${key.name} composite`, attributes, COMPOSITE_INSTEAD, list, report);
  const same = attributes.value.length === templateNames.length && attributes.value.every((name, i) => name === templateNames[i]);
  if (same) return;
  const edits = compositeEdits(context, list, templateNames);
  const data = {
    entity: entity.label, keyName: key.name, composite: attributes.value.map((name) => `'${name}'`).join(', '),
    template: text, keyKind: key.isPartitionKey ? 'PK' : 'SK', fixed: edits.text,
  };
  report('compositeTemplateMismatch', data, list, edits.suggestions);
}

/** `[${names}]` in the list's own quotes, and a suggestion replacing the list when it is an array literal in this file. */
function compositeEdits(context: AdapterContext, list: ts.Node, names: readonly string[]): { text: string; suggestions: Suggestion[] } {
  const { ts, sourceFile } = context;
  const isArray = ts.isArrayLiteralExpression(list);
  const quote = isArray ? quoteOf(sourceFile, list) : "'";
  const text = names.map((name) => `${quote}${name}${quote}`).join(', ');
  const suggestions = isArray && list.getSourceFile() === sourceFile
    ? suggestion(`Change the composite to [${text}]`, [{ start: list.getStart(sourceFile), end: list.end, text: `[${text}]` }])
    : [];
  return { text, suggestions };
}

/** `TENANT#<tenant>#CAPSULE#<capsule>` as whole segments, at the start unless `scopeAtStart` is off. */
function checkScopeSegments(
  entity: LibraryEntity,
  context: AdapterContext,
  key: LibraryKey,
  template: ParsedTemplate,
  data: Record<string, string>,
  report: KeyReport,
): void {
  const { options } = context;
  // A library placeholder names one attribute, never a nested path.
  const names = (field: string) => (path: readonly string[]) => path[0] === field;
  const { tenantAt, capsuleAt, placed } = scopePlacement(template.segments, options, names(options.tenantField), names(options.capsuleField));
  if (placed) return;
  const bothFound = tenantAt >= 0 && capsuleAt >= 0;
  const placeholder = (name: string) => placeholderFor(entity.syntax, name);
  const d = options.delimiter;
  const tenantSegment = `${options.tenantPrefix}${d}${placeholder(options.tenantField)}`;
  const capsuleSegment = `${options.capsulePrefix}${d}${placeholder(options.capsuleField)}`;
  const fixed = fixedTemplate(context, template, options.tenantField, options.capsuleField, entity.syntax);
  const suggestions = replaceLiteralSuggestion(context, key, fixed);
  if (tenantAt < 0) report('libraryMissingTenantSegment', { ...data, expected: tenantSegment, fixed }, key.anchor, suggestions);
  if (capsuleAt < 0) report('libraryMissingCapsuleSegment', { ...data, expected: capsuleSegment, fixed }, key.anchor, suggestions);
  if (bothFound) report('libraryScopeNotAtStart', { ...data, expected: `${tenantSegment}${d}${capsuleSegment}`, fixed }, key.anchor, suggestions);
}

/** ElectroDB without a template: the key is built from `composite` in order, so it begins with the tenant and capsule. */
function checkComposite(
  entity: LibraryEntity,
  context: AdapterContext,
  key: LibraryKey,
  attributes: readonly string[],
  isolated: boolean,
  report: KeyReport,
): void {
  const { tenantField, capsuleField } = context.options;
  for (const attribute of new Set(attributes)) {
    if (entity.attributes.lookup(attribute).kind !== 'missing') continue;
    const suggestion = attributeSuggestion(entity, (name) => name);
    report('libraryUnknownCompositeAttribute', { entity: entity.label, keyName: key.name, attribute, suggestion }, key.anchor);
  }
  if (!isolated || !key.isPartitionKey) return;
  if (attributes[0] !== tenantField || attributes[1] !== capsuleField) {
    const fixed = compositeEdits(context, key.anchor, [tenantField, capsuleField, ...attributes.filter((name) => name !== tenantField && name !== capsuleField)]);
    const leak = attributes[0] === tenantField ? 'capsules' : 'tenants';
    const data = {
      entity: entity.label, keyName: key.name, composite: attributes.map((name) => `'${name}'`).join(', '),
      tenantField, capsuleField, leak, fixed: fixed.text,
    };
    report('compositeNotScoped', data, key.anchor, fixed.suggestions);
  }
  reportLowercased(entity, context, key, attributes, report);
}

/** Where a tenant or capsule attribute is part of a key ElectroDB lowercases, ids differing in case collide. */
function reportLowercased(entity: LibraryEntity, context: AdapterContext, key: LibraryKey, names: readonly string[], report: KeyReport): void {
  if (!key.lowercased) return;
  const { tenantField, capsuleField } = context.options;
  const scoped = [tenantField, capsuleField].filter((name) => names.includes(name));
  if (scoped.length === 0) return;
  const attributes = scoped.map((name) => `'${name}'`).join(' and ');
  const { fixAt: object, casing, casingLiteral } = key.lowercased;
  const fix: Suggestion[] = object && context.ts.isObjectLiteralExpression(object)
    ? suggestion("Add casing: 'none'", [addProperty(context.sourceFile, object, "casing: 'none'")])
    : casingLiteral
      ? suggestion("Change casing to 'none'", [replaceString(context.sourceFile, casingLiteral, 'none')])
      : [];
  const data = { entity: entity.label, keyName: key.name, attributes, caseChange: caseChange(casing), instead: casing === undefined ? "Add casing: 'none' to this key." : "Set casing: 'none' on this key." };
  report('lowercasedKey', data, key.anchor, fix);
}

/** What ElectroDB does to the case of a key with this `casing` (see LibraryKey.lowercased). */
function caseChange(casing: string | null | undefined): string {
  if (casing === undefined) return 'ElectroDB lowercases keys unless told otherwise';
  if (casing === null) return "its casing cannot be read statically, and ElectroDB changes the case of a key unless casing is 'none'";
  return `casing: '${casing}' makes ElectroDB ${casing === 'upper' ? 'uppercase' : 'lowercase'} it`;
}

function quoteOf(sourceFile: ts.SourceFile, list: ts.ArrayLiteralExpression): string {
  const [first] = list.elements;
  const quote = first ? sourceFile.text[first.getStart(sourceFile)] : "'";
  return quote === '"' || quote === '`' ? quote : "'";
}

function attributeSuggestion(entity: LibraryEntity, written: (name: string) => string): string {
  const names = entity.attributes.names().slice(0, 5).map((name) => `'${written(name)}'`);
  return names.length > 0 ? names.join(', ') : 'a declared attribute';
}
