import type * as ts from 'typescript';
import type { DecoratorUse } from '../decorators';
import type { StaticProperty } from '../static-value';
import { forEachNodeContaining } from '../walk';
import {
  inFile,
  type AdapterContext,
  type AdapterResult,
  type Attributes,
  type LibraryEntity,
  type LibraryKey,
  type LibraryScope,
  type UnreadablePart,
} from './library-entity';
import { LibraryImports } from './library-imports';
import { DOUBLE_BRACES } from './library-template';
import { commentScope } from './platform-comment';

/**
 * TypeDORM: `@Entity({ name, primaryKey: { partitionKey, sortKey }, indexes: { GSI1: { partitionKey,
 * sortKey, type: INDEX_TYPE.GSI }, LSI1: { sortKey, type: INDEX_TYPE.LSI } } })` from
 * `@typedorm/common`, on a class whose fields are its attributes. Placeholders are `{{field}}`; a
 * local index shares the table's partition key, so only its sort key is its own.
 */
export const TYPEDORM = new LibraryImports('@typedorm/common', ['Entity'] as const, ['@']);

const TEMPLATE_INSTEAD = 'Write the key as a string literal, a const, or a concatenation of those.';
const LOCAL_INDEX = 'LOCAL_SECONDARY_INDEX';

export function typeDormEntities(context: AdapterContext): AdapterResult {
  const { ts, sourceFile } = context;
  const imports = TYPEDORM.resolver(context);
  if (!imports.mayFindDecorators) return { entities: [], declarations: [] };
  const entities: LibraryEntity[] = [];
  const declarations: ts.Node[] = [];
  forEachNodeContaining(ts, sourceFile, '@', (node) => {
    if ((!ts.isClassDeclaration(node) && !ts.isClassExpression(node)) || onlyOurDecorators(context, node)) return;
    const use = imports.decoratorsOf(node).find((decorator) => decorator.name === 'Entity');
    if (!use) return;
    entities.push(readEntity(context, node, use));
    declarations.push(use.decorator);
  });
  return { entities, declarations };
}

/**
 * A class whose decorators are all ours is no TypeDORM entity. Ours are mostly imported by name,
 * which answers without the checker, so most classes of a project are passed over without asking
 * it where each decorator comes from.
 */
function onlyOurDecorators(context: AdapterContext, node: ts.ClassLikeDeclaration): boolean {
  const written = context.ts.getDecorators(node) ?? [];
  return written.length > 0 && context.ours.decoratorsOf(node).length === written.length;
}

function readEntity(context: AdapterContext, declaration: ts.ClassLikeDeclaration, use: DecoratorUse<'Entity'>): LibraryEntity {
  const { evaluator } = context;
  const className = declaration.name?.text ?? '(anonymous class)';
  const nameNode = declaration.name ?? use.decorator;
  const unreadable: UnreadablePart[] = [];
  const keys: LibraryKey[] = [];
  const [optionsExpression] = use.call?.arguments ?? [];
  const at = optionsExpression ?? use.decorator.expression;
  const options = optionsExpression ? evaluator.properties(optionsExpression) : undefined;
  if (options && !options.ok) unreadable.push({ subject: '@Entity options', problem: options, node: at });
  const properties = options?.ok ? options.value : new Map<string, StaticProperty>();
  const anchor = (property: StaticProperty | undefined, fallback: ts.Node) => (property ? inFile(context, property.value, fallback) : fallback);

  const primaryKey = properties.get('primaryKey');
  const tableKeys: LibraryKey[] = [];
  if (!primaryKey && options?.ok !== false) tableKeys.push(missingKey(context, 'partitionKey (primary key)', at));
  if (primaryKey) readKeyPair(context, 'primary key', primaryKey, anchor(primaryKey, at), true, tableKeys, unreadable);
  keys.push(...tableKeys.map((key) => ({ ...key, primary: true })));
  const indexes = properties.get('indexes');
  const indexesAt = anchor(indexes, at);
  const entries = indexes ? evaluator.properties(indexes) : undefined;
  if (entries && !entries.ok) unreadable.push({ subject: 'indexes', problem: entries, node: indexesAt });
  for (const [name, index] of entries?.ok ? entries.value : []) {
    readKeyPair(context, `index '${name}'`, index, anchor(index, indexesAt), !isLocalIndex(context, index), keys, unreadable);
  }
  return {
    library: 'TypeDORM',
    label: `TypeDORM entity '${className}'`,
    name: className,
    nameNode,
    scope: scopeOf(context, declaration),
    attributes: classAttributes(context, declaration),
    capsuleExample: `${context.options.capsuleField}!: string;`,
    syntax: DOUBLE_BRACES,
    keys,
    unreadable,
    declaration,
    // TypeDORM names the table with a `Table` object, mostly given to the connection, not to the entity.
    table: undefined,
  };
}

/** `partitionKey` (unless the index is local) and `sortKey` of the primary key or of an index. */
function readKeyPair(
  context: AdapterContext,
  where: string,
  property: StaticProperty,
  at: ts.Node,
  hasPartitionKey: boolean,
  keys: LibraryKey[],
  unreadable: UnreadablePart[],
): void {
  const { evaluator } = context;
  const pair = evaluator.properties(property);
  if (!pair.ok) {
    unreadable.push({ subject: where, problem: pair, node: at });
    return;
  }
  const partitionKey = pair.value.get('partitionKey');
  if (hasPartitionKey && !partitionKey) keys.push(missingKey(context, `partitionKey (${where})`, at));
  if (hasPartitionKey && partitionKey) keys.push(readTemplate(context, `partitionKey (${where})`, partitionKey, at, true));
  const sortKey = pair.value.get('sortKey');
  if (sortKey) keys.push(readTemplate(context, `sortKey (${where})`, sortKey, at, false));
}

function readTemplate(context: AdapterContext, name: string, property: StaticProperty, at: ts.Node, isPartitionKey: boolean): LibraryKey {
  const text = context.evaluator.string(property);
  const anchor = inFile(context, property.value, at);
  return {
    name, isPartitionKey, anchor,
    value: text.ok ? { kind: 'template', text: text.value } : { kind: 'unreadable', problem: text, instead: TEMPLATE_INSTEAD },
  };
}

function missingKey(context: AdapterContext, name: string, at: ts.Node): LibraryKey {
  const { tenantField, capsuleField, tenantPrefix, capsulePrefix, delimiter: d } = context.options;
  const example = `partitionKey: '${tenantPrefix}${d}{{${tenantField}}}${d}${capsulePrefix}${d}{{${capsuleField}}}${d}…'`;
  return { name, isPartitionKey: true, anchor: at, value: { kind: 'missing', example } };
}

/** `type: INDEX_TYPE.LSI`, or the enum's value written out. */
function isLocalIndex(context: AdapterContext, index: StaticProperty): boolean {
  const { ts, evaluator } = context;
  const fields = evaluator.properties(index);
  const type = fields.ok ? fields.value.get('type') : undefined;
  if (!type) return false;
  if (ts.isPropertyAccessExpression(type.value)) return type.value.name.text === 'LSI';
  const text = evaluator.string(type);
  return text.ok && text.value === LOCAL_INDEX;
}

/** A comment before the class, or our `@platformScoped({ reason })` decorator on it. */
function scopeOf(context: AdapterContext, declaration: ts.ClassLikeDeclaration): LibraryScope {
  const platform = context.ours.decoratorsOf(declaration).find((use) => use.name === 'platformScoped');
  return platform ? { kind: 'platformDecorator', use: platform } : commentScope(context.ts, context.sourceFile, declaration);
}

/** The class's fields are the entity's attributes, read as for our decorator (inherited, nested, typed). */
function classAttributes(context: AdapterContext, declaration: ts.ClassLikeDeclaration): Attributes {
  const { fields } = context;
  return {
    lookup: (name) => {
      const lookup = fields.lookupPath(declaration, [name]);
      if (lookup.kind === 'found') return { kind: 'found', required: fields.isUsableKeyPath(declaration, [name]) };
      return lookup.kind === 'missing' ? { kind: 'missing' } : { kind: 'unverifiable', reason: lookup.reason };
    },
    names: () => {
      const own = fields.classFields(declaration);
      return own.ok ? [...own.fields.keys()] : [];
    },
  };
}
