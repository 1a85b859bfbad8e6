import type * as ts from 'typescript';
import type { StaticProperty } from '../static-value';
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

const COMPOSITE_INSTEAD = 'Write composite as an array literal of attribute names, or a const of one.';
const NO_ATTRIBUTES = (list: ts.Node): KeyValue => ({ kind: 'composite', attributes: [], list });
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

  const name = modelName(context, properties.get('model'));
  const attributes = schema?.ok === false
    ? unverifiableAttributes(`the entity schema cannot be read statically (${schema.reason})`)
    : readAttributes(context, properties.get('attributes'), 'attributes', anchor(properties.get('attributes'), node.expression), unreadable);
  const indexes = properties.get('indexes');
  const indexAnchor = anchor(indexes, schemaExpression ?? node.expression);
  const patterns = indexes ? evaluator.properties(indexes) : undefined;
  if (patterns && !patterns.ok) unreadable.push({ subject: 'indexes', problem: patterns, node: indexAnchor });
  if (schema?.ok && !indexes) {
    keys.push({ name: 'pk (primary access pattern)', isPartitionKey: true, anchor: node.expression, value: missingPk(context) });
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
    const pk = definition.value.get('pk');
    if (!pk) keys.push({ name: `pk (${where})`, isPartitionKey: true, anchor: at, value: missingPk(context) });
    else keys.push(readKey(context, `pk (${where})`, pk, anchor(pk, at), true));
    const sk = definition.value.get('sk');
    if (sk) keys.push(readKey(context, `sk (${where})`, sk, anchor(sk, at), false));
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
  };
}

/** `model.entity`, the name ElectroDB stores items under. */
function modelName(context: AdapterContext, model: StaticProperty | undefined): { text: string; node?: ts.Node } {
  const properties = model ? context.evaluator.properties(model) : undefined;
  const entity = properties?.ok ? properties.value.get('entity') : undefined;
  const text = entity ? context.evaluator.string(entity) : undefined;
  return text?.ok && entity ? { text: text.value, node: entity.value } : { text: '(unnamed)' };
}

function missingPk(context: AdapterContext): KeyValue {
  const { tenantField, capsuleField } = context.options;
  return { kind: 'missing', example: `pk: { field: 'pk', composite: ['${tenantField}', '${capsuleField}', 'id'] }` };
}

/** A `pk` or `sk` object: its template, else its composite list; keys are lowercased unless `casing: 'none'`. */
function readKey(context: AdapterContext, name: string, property: StaticProperty, at: ts.Node, isPartitionKey: boolean): LibraryKey {
  const { evaluator, ts } = context;
  const key = evaluator.properties(property);
  if (!key.ok) return { name, isPartitionKey, anchor: at, value: { kind: 'unreadable', problem: key, instead: TEMPLATE_INSTEAD } };
  const casing = key.value.get('casing');
  const casingValue = casing ? evaluator.string(casing) : undefined;
  const keepsCase = casingValue?.ok === true && casingValue.value === 'none';
  const written = ts.isObjectLiteralExpression(property.value) && property.value.getSourceFile() === context.sourceFile;
  const lowercased = keepsCase ? undefined : { fixAt: written && !casing ? property.value : undefined };
  const template = key.value.get('template');
  if (template) {
    const text = evaluator.string(template);
    const anchor = inFile(context, template.value, at);
    const value: KeyValue = text.ok ? { kind: 'template', text: text.value } : { kind: 'unreadable', problem: text, instead: TEMPLATE_INSTEAD };
    return { name, isPartitionKey, anchor, value, lowercased };
  }
  const composite = key.value.get('composite');
  // ElectroDB requires a composite list; without one there is no key to read, and for a pk that is a finding.
  if (!composite) return { name, isPartitionKey, anchor: at, value: isPartitionKey ? missingPk(context) : NO_ATTRIBUTES(at), lowercased };
  const list = evaluator.stringList(composite);
  const anchor = inFile(context, composite.value, at);
  const value: KeyValue = list.ok
    ? { kind: 'composite', attributes: list.value.map((element) => element.value), list: anchor }
    : { kind: 'unreadable', problem: list, instead: COMPOSITE_INSTEAD };
  return { name, isPartitionKey, anchor, value, lowercased };
}
