import type * as ts from 'typescript';
import type { Static, StaticProperty } from '../static-value';
import { forEachNodeContaining } from '../walk';
import { readAttributes, unverifiableAttributes } from './attribute-table';
import {
  inFile,
  type AdapterContext,
  type AdapterResult,
  type KeyValue,
  type LibraryEntity,
  type LibraryKey,
  type UnreadablePart,
} from './library-entity';
import { LibraryImports } from './library-imports';
import { DOLLAR_BRACES } from './library-template';
import { commentScope } from './platform-comment';

/**
 * ElectroDB: `new Entity({ model: { entity }, attributes, indexes }, { table })` from `electrodb`.
 * An access pattern without `index` is the table's primary index, each with `index` a GSI. A key
 * is its `template` (`${attr}` placeholders) when it has one, else built from `composite` in order.
 */
export const ELECTRODB = new LibraryImports('electrodb', ['Entity'] as const, ['new']);

export const COMPOSITE_INSTEAD = 'Write composite as an array literal of attribute names, or a const of one.';
const NO_ATTRIBUTES = (list: ts.Node, prefix: string): KeyValue => ({ kind: 'composite', attributes: [], list, prefix });
const TEMPLATE_INSTEAD = 'Write the template as a string literal, a const, or a concatenation of those.';

export function electroDbEntities(context: AdapterContext): AdapterResult {
  const { ts, sourceFile } = context;
  const imports = ELECTRODB.resolver(context);
  if (!imports.mayFindDecorators) return { entities: [], declarations: [] };
  const entities: LibraryEntity[] = [];
  const declarations: ts.Node[] = [];
  forEachNodeContaining(ts, sourceFile, 'new', (node) => {
    if (!ts.isNewExpression(node) || imports.nameOf(node.expression) !== 'Entity') return;
    entities.push(readEntity(context, node));
    declarations.push(node);
  });
  return { entities, declarations };
}

function readEntity(context: AdapterContext, node: ts.NewExpression): LibraryEntity {
  const { ts, sourceFile, evaluator, options } = context;
  const unreadable: UnreadablePart[] = [];
  const keys: LibraryKey[] = [];
  const [schemaExpression] = node.arguments ?? [];
  const schema = schemaExpression ? evaluator.properties(schemaExpression) : undefined;
  if (schema && !schema.ok) unreadable.push({ subject: 'entity schema', problem: schema, node: schemaExpression });
  const properties = schema?.ok ? schema.value : new Map<string, StaticProperty>();
  const anchor = (property: StaticProperty | undefined, fallback: ts.Node) => (property ? inFile(context, property.value, fallback) : fallback);

  const model = modelFields(context, properties.get('model'));
  const name = model.entity;
  const attributes = schema?.ok === false
    ? unverifiableAttributes(`the entity schema cannot be read statically (${schema.reason})`)
    : readAttributes(context, properties.get('attributes'), 'attributes', anchor(properties.get('attributes'), node.expression), unreadable);
  const indexes = properties.get('indexes');
  const indexAnchor = anchor(indexes, schemaExpression ?? node.expression);
  const patterns = indexes ? evaluator.properties(indexes) : undefined;
  if (patterns && !patterns.ok) unreadable.push({ subject: 'indexes', problem: patterns, node: indexAnchor });
  if (schema?.ok && !indexes) {
    keys.push({ name: 'pk (primary access pattern)', isPartitionKey: true, anchor: node.expression, value: missingPk(context), primary: true });
  }
  for (const [pattern, property] of patterns?.ok ? patterns.value : []) {
    const at = anchor(property, indexAnchor);
    const definition = evaluator.properties(property);
    if (!definition.ok) {
      unreadable.push({ subject: `access pattern '${pattern}'`, problem: definition, node: at });
      continue;
    }
    const index = definition.value.get('index');
    const indexName = index ? evaluator.string(index) : undefined;
    const where = `access pattern '${pattern}'${indexName?.ok ? `, index '${indexName.value}'` : ''}`;
    // Without `index` the access pattern is the table's own index.
    const primary = index === undefined;
    const pk = definition.value.get('pk');
    if (!pk) keys.push({ name: `pk (${where})`, isPartitionKey: true, anchor: at, value: missingPk(context), primary });
    else keys.push({ ...readKey(context, `pk (${where})`, pk, anchor(pk, at), true, model.prefix), primary });
    const sk = definition.value.get('sk');
    if (sk) keys.push({ ...readKey(context, `sk (${where})`, sk, anchor(sk, at), false, model.prefix), primary });
  }
  return {
    library: 'ElectroDB',
    label: `ElectroDB entity '${name.text}'`,
    name: name.text,
    nameNode: name.node ? inFile(context, name.node, node.expression) : node.expression,
    scope: commentScope(ts, sourceFile, node),
    attributes,
    capsuleExample: `${options.capsuleField}: { type: 'string', required: true }`,
    syntax: DOLLAR_BRACES,
    keys,
    unreadable,
    table: tableOption(context, node.arguments?.[1]),
  };
}

/**
 * `model.entity`, the name ElectroDB stores items under, and `$<service>`, what it begins a key
 * built from `composite` with.
 */
function modelFields(context: AdapterContext, model: StaticProperty | undefined): { entity: { text: string; node?: ts.Node }; prefix: string } {
  const { evaluator } = context;
  const properties = model ? evaluator.properties(model) : undefined;
  const entity = evaluator.stringMember(properties, 'entity');
  return {
    entity: entity ? { text: entity.value, node: entity.property.value } : { text: '(unnamed)' },
    prefix: `$${evaluator.stringMember(properties, 'service')?.value ?? ''}`,
  };
}

/** `{ table: 'platform_data' }`, the second argument of `new Entity`, when statically known. */
function tableOption(context: AdapterContext, options: ts.Expression | undefined): string | undefined {
  return context.evaluator.stringMember(options ? context.evaluator.properties(options) : undefined, 'table')?.value;
}

function missingPk(context: AdapterContext): KeyValue {
  const { tenantField, capsuleField } = context.options;
  return { kind: 'missing', example: `pk: { field: 'pk', composite: ['${tenantField}', '${capsuleField}', 'id'] }` };
}

/** A `pk` or `sk` object: its template, else its composite list; keys are lowercased unless `casing: 'none'`. */
function readKey(context: AdapterContext, name: string, property: StaticProperty, at: ts.Node, isPartitionKey: boolean, prefix: string): LibraryKey {
  const { evaluator, ts } = context;
  const key = evaluator.properties(property);
  if (!key.ok) return { name, isPartitionKey, anchor: at, value: { kind: 'unreadable', problem: key, instead: TEMPLATE_INSTEAD } };
  const casing = key.value.get('casing');
  const casingValue = casing ? evaluator.string(casing) : undefined;
  const keepsCase = casingValue?.ok === true && casingValue.value === 'none';
  const written = ts.isObjectLiteralExpression(property.value) && property.value.getSourceFile() === context.sourceFile;
  const casingLiteral = casing && ts.isStringLiteralLike(casing.value) && casing.value.getSourceFile() === context.sourceFile ? casing.value : undefined;
  const lowercased = keepsCase
    ? undefined
    : {
        fixAt: written && !casing ? property.value : undefined,
        casing: casing ? (casingValue?.ok ? casingValue.value : null) : undefined,
        casingLiteral,
      };
  const template = key.value.get('template');
  const composite = key.value.get('composite');
  if (template) {
    const text = evaluator.string(template);
    const anchor = inFile(context, template.value, at);
    const beside = composite && { list: inFile(context, composite.value, anchor), attributes: compositeNames(context, composite) };
    const value: KeyValue = text.ok ? { kind: 'template', text: text.value, composite: beside } : { kind: 'unreadable', problem: text, instead: TEMPLATE_INSTEAD };
    return { name, isPartitionKey, anchor, value, lowercased };
  }
  // ElectroDB requires a composite list; without one there is no key to read, and for a pk that is a finding.
  if (!composite) return { name, isPartitionKey, anchor: at, value: isPartitionKey ? missingPk(context) : NO_ATTRIBUTES(at, prefix), lowercased };
  const list = compositeNames(context, composite);
  const anchor = inFile(context, composite.value, at);
  const value: KeyValue = list.ok
    ? { kind: 'composite', attributes: list.value, list: anchor, prefix }
    : { kind: 'unreadable', problem: list, instead: COMPOSITE_INSTEAD };
  return { name, isPartitionKey, anchor, value, lowercased };
}

function compositeNames(context: AdapterContext, composite: StaticProperty): Static<readonly string[]> {
  const list = context.evaluator.stringList(composite);
  return list.ok ? { ok: true, value: list.value.map((element) => element.value) } : list;
}
