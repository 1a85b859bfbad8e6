import type * as ts from 'typescript';
import { skipWrappers, type DecoratorResolver } from '../decorators';
import type { TS } from '../finding';
import { isJavaScript } from '../mutability';
import type { Static, StaticInput, StaticProperty } from '../static-value';
import { forEachNodeContaining } from '../walk';
import { attributeMap, readAttributes, unverifiableAttributes } from './attribute-table';
import {
  inFile,
  isTrue,
  type AdapterContext,
  type AdapterResult,
  type Attributes,
  type KeyValue,
  type LibraryEntity,
  type LibraryKey,
  type UnreadablePart,
} from './library-entity';
import { importedJsonSchema } from './json-schema';
import { LibraryImports } from './library-imports';
import { FORMATTED_DOLLAR_BRACES } from './library-template';
import { commentScope } from './platform-comment';

/**
 * OneTable: a schema `{ indexes: { primary: { hash, sort }, gs1: { hash, sort } }, models: { … } }`
 * from `dynamodb-onetable`, passed to `new Table({ schema })` or typed `OneSchema`. A model's keys
 * are the `value` templates (`${field}`, `${field:size:pad}`) of the attributes the indexes' `hash`
 * and `sort` name; a local index (`type: 'local'`) shares the table's partition key.
 */
export const ONETABLE = new LibraryImports('dynamodb-onetable', ['Table', 'OneSchema'] as const, ['new', 'models'], 'models');

const VALUE_INSTEAD =
  "Write the attribute's value as a template string, e.g. value: 'TENANT#${tenantId}#…'; a function or value: true is computed at run time and cannot be checked.";
const DEFAULT_TYPE_FIELD = '_type';
const PRIMARY_INDEX = 'primary';

/** One index of the schema: the attributes holding its partition and sort keys. */
interface SchemaIndex {
  readonly name: string;
  readonly hash: string | undefined;
  readonly sort: string | undefined;
}

/** A schema as found: what to read it through, where to report it, the table a `new Table({ name })` gives it. */
interface SchemaUse {
  readonly input: StaticInput;
  readonly at: ts.Node;
  readonly table: string | undefined;
  /** The JSON module a schema is imported from, named in messages, since findings are shown where it is used. */
  readonly file?: string;
}

export function oneTableEntities(context: AdapterContext): AdapterResult {
  const { ts, sourceFile } = context;
  const imports = ONETABLE.resolver(context);
  if (!imports.mayFindDecorators) return { entities: [], declarations: [] };
  // By the object declared: a schema both typed and given to a Table is one schema, reported once.
  const schemas = new Map<ts.Node, SchemaUse>();
  const add = (declared: ts.Node, input: StaticInput, at: ts.Node, table?: string, file?: string) => {
    if (!schemas.has(declared)) schemas.set(declared, { input, at, table, file });
  };
  forEachNodeContaining(ts, sourceFile, 'new', (node) => {
    if (!ts.isNewExpression(node) || imports.nameOf(node.expression) !== 'Table') return;
    const [params] = node.arguments ?? [];
    const read = params ? context.evaluator.properties(params) : undefined;
    const schema = read?.ok ? read.value.get('schema') : undefined;
    const table = context.evaluator.stringMember(read, 'name')?.value;
    if (!schema) return;
    const at = inFile(context, schema.entry, node.expression);
    const json = importedJsonSchema(context, schema.value);
    if (json) add(json.object, json.object, at, table, json.specifier);
    else add(declaredSchema(context, schema), schema, at, table);
  });
  // Every schema declares its models: a typed schema is found where 'models' is written.
  forEachNodeContaining(ts, sourceFile, 'models', (node) => {
    const typed = typedSchema(context, imports, node);
    if (typed) add(typed.declared, typed.input, typed.declared);
  });
  const entities: LibraryEntity[] = [];
  const declarations: ts.Node[] = [];
  for (const [declared, use] of schemas) {
    entities.push(...readSchema(context, use));
    declarations.push(declared);
  }
  return { entities, declarations };
}

/**
 * The object a `schema` property names, followed through a const in this file; otherwise the
 * property's value. It only tells schemas apart: values are read through the property, so a
 * schema that can change is reported as such.
 */
function declaredSchema(context: AdapterContext, schema: StaticProperty): ts.Expression {
  const { ts, checker } = context;
  let expression = schema.value;
  while (ts.isIdentifier(expression)) {
    const declaration = checker?.getSymbolAtLocation(expression)?.valueDeclaration ?? localConst(context, expression.text);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) break;
    expression = skipWrappers(context.ts, declaration.initializer);
  }
  return expression;
}

function localConst(context: AdapterContext, name: string): ts.Declaration | undefined {
  const { ts, sourceFile } = context;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const found = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * `const s: OneSchema = {…}`, `const s = {…} as const satisfies OneSchema`: the object declared,
 * and what to read it through (the const's name, whose mutability is known, or a fresh object).
 */
function typedSchema(
  context: AdapterContext,
  imports: DecoratorResolver<'Table' | 'OneSchema'>,
  node: ts.Node,
): { declared: ts.Expression; input: StaticInput } | undefined {
  const { ts } = context;
  let type: ts.TypeNode | undefined;
  let value: ts.Expression | undefined;
  if (ts.isVariableDeclaration(node) && node.initializer) [type, value] = [node.type, node.initializer];
  else if ((ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) && !isTypeWrapper(ts, node.parent)) [type, value] = [node.type, node.expression];
  if (!type || !value || !ts.isTypeReferenceNode(type) || !isOneSchema(context, imports, type.typeName)) return undefined;
  const declared = skipWrappers(context.ts, value);
  const variable = ts.findAncestor(node, ts.isVariableDeclaration);
  const named = variable && variable.initializer && skipWrappers(context.ts, variable.initializer) === declared && ts.isIdentifier(variable.name);
  return { declared, input: named ? variable.name : declared };
}

function isTypeWrapper(ts: TS, node: ts.Node): boolean {
  return ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node);
}

function isOneSchema(context: AdapterContext, imports: DecoratorResolver<'Table' | 'OneSchema'>, name: ts.EntityName): boolean {
  const { ts } = context;
  if (ts.isIdentifier(name)) return imports.nameOf(name) === 'OneSchema';
  return ts.isIdentifier(name.left) && imports.importedBinding(name.left.text) === 'module' && name.right.text === 'OneSchema';
}

function readSchema(context: AdapterContext, { input, at, table, file }: SchemaUse): LibraryEntity[] {
  const source = file === undefined ? '' : ` in '${file}'`;
  return readModels(context, input, at).map((entity) => ({ ...entity, label: `${entity.label}${source}`, table }));
}

/** The models of a schema, or one entity saying which part of it could not be read. */
function readModels(context: AdapterContext, input: StaticInput, at: ts.Node): Omit<LibraryEntity, 'table'>[] {
  const { evaluator } = context;
  const schema = evaluator.properties(input);
  if (!schema.ok) return [unreadableSchema(context, 'schema', schema, at)];
  const anchor = (property: StaticProperty | undefined) => (property ? inFile(context, property.value, at) : at);
  const indexes = readIndexes(context, schema.value.get('indexes'));
  if (!indexes.ok) return [unreadableSchema(context, 'indexes', indexes, anchor(schema.value.get('indexes')))];
  const typeField = readTypeField(context, schema.value.get('params'));
  const models = schema.value.get('models');
  const entries = models ? evaluator.properties(models) : undefined;
  if (entries && !entries.ok) return [unreadableSchema(context, 'models', entries, anchor(models))];
  return [...(entries?.ok ? entries.value : [])].map(([name, model]) => readModel(context, name, model, indexes.value, typeField, anchor(models)));
}

/** A schema that can change is read as written once declared 'as const'; `satisfies` keeps OneTable's type checking it. */
const SCHEMA_AS_CONST =
  "Declare the schema '{ … } as const satisfies OneSchema' (not typed ': OneSchema', whose properties can be changed after they are checked).";
/** JavaScript writes `as const` as a JSDoc cast, and has no `satisfies`. */
const JAVASCRIPT_SCHEMA_AS_CONST = "Declare the schema '/** @type {const} */ ({ … })', JavaScript's 'as const'.";

function unreadableSchema(context: AdapterContext, part: string, problem: Static<unknown> & { ok: false }, node: ts.Node): Omit<LibraryEntity, 'table'> {
  const subject = part === 'schema' ? 'schema object' : `schema's ${part} object`;
  const instead = problem.cause === 'mutableValue' ? (isJavaScript(context.ts, node) ? JAVASCRIPT_SCHEMA_AS_CONST : SCHEMA_AS_CONST) : undefined;
  return {
    library: 'OneTable',
    label: 'OneTable schema',
    name: '(schema)',
    nameNode: node,
    scope: { kind: 'isolated' },
    attributes: unverifiableAttributes(`the ${subject} cannot be read statically (${problem.reason})`),
    capsuleExample: capsuleExample(context),
    syntax: FORMATTED_DOLLAR_BRACES,
    keys: [],
    unreadable: [{ subject, problem, node, instead }],
  };
}

function readIndexes(context: AdapterContext, property: StaticProperty | undefined): Static<SchemaIndex[]> {
  const { evaluator } = context;
  if (!property) return { ok: true, value: [] };
  const indexes = evaluator.properties(property);
  if (!indexes.ok) return indexes;
  const result: SchemaIndex[] = [];
  for (const [name, index] of indexes.value) {
    const fields = evaluator.properties(index);
    if (!fields.ok) return fields;
    const read = (field: string) => {
      const value = fields.value.get(field);
      const text = value ? evaluator.string(value) : undefined;
      return text?.ok ? text.value : undefined;
    };
    // A local index is queried with the table's partition key: only its sort key is its own.
    const local = read('type') === 'local';
    result.push({ name, hash: local ? undefined : read('hash'), sort: read('sort') });
  }
  return { ok: true, value: result };
}

function readTypeField(context: AdapterContext, params: StaticProperty | undefined): string {
  const fields = params ? context.evaluator.properties(params) : undefined;
  return context.evaluator.stringMember(fields, 'typeField')?.value ?? DEFAULT_TYPE_FIELD;
}

function readModel(
  context: AdapterContext,
  name: string,
  model: StaticProperty,
  indexes: readonly SchemaIndex[],
  typeField: string,
  fallback: ts.Node,
): Omit<LibraryEntity, 'table'> {
  const { ts, sourceFile, evaluator } = context;
  const unreadable: UnreadablePart[] = [];
  const assignment = model.value.parent;
  const definition = ts.isPropertyAssignment(assignment) ? assignment : model.value;
  const nameNode = ts.isPropertyAssignment(assignment) ? inFile(context, assignment.name, fallback) : inFile(context, model.value, fallback);
  const attributes = withTypeField(readAttributes(context, model, `attributes of model '${name}'`, nameNode, unreadable), typeField);
  const fields = evaluator.properties(model);
  const keys: LibraryKey[] = [];
  for (const index of fields.ok ? indexes : []) {
    for (const [attribute, isPartitionKey] of [[index.hash, true], [index.sort, false]] as const) {
      if (attribute === undefined) continue;
      const keyName = `'${attribute}' value (index '${index.name}')`;
      const field = fields.ok ? fields.value.get(attribute) : undefined;
      if (!field) {
        // A model without a GSI's attributes is simply not in that (sparse) index; every model is in the primary one.
        if (isPartitionKey && index.name === PRIMARY_INDEX) keys.push({ name: keyName, isPartitionKey, anchor: nameNode, value: missingValue(context, attribute), primary: true });
        continue;
      }
      const key = readValue(context, keyName, field, inFile(context, field.value, nameNode), isPartitionKey);
      keys.push(index.name === PRIMARY_INDEX ? { ...key, primary: true } : key);
    }
  }
  return {
    library: 'OneTable',
    label: `OneTable model '${name}'`,
    name,
    nameNode,
    scope: definition.getSourceFile() === sourceFile ? commentScope(ts, sourceFile, definition) : { kind: 'isolated' },
    attributes,
    capsuleExample: capsuleExample(context),
    syntax: FORMATTED_DOLLAR_BRACES,
    keys,
    unreadable,
  };
}

/** `${_type}` names the model's type, which OneTable stores in an attribute of its own. */
function withTypeField(attributes: Attributes, typeField: string): Attributes {
  const typeAttribute = attributeMap(new Map([[typeField, true]]));
  return {
    lookup: (name) => (name === typeField ? typeAttribute.lookup(name) : attributes.lookup(name)),
    names: () => attributes.names(),
  };
}

/** The `value` template of a key attribute; `value: true`, a function or none cannot be checked. */
function readValue(context: AdapterContext, name: string, field: StaticProperty, at: ts.Node, isPartitionKey: boolean): LibraryKey {
  const { evaluator, ts } = context;
  const unreadable = (reason: string, node: ts.Node): LibraryKey => ({
    name, isPartitionKey, anchor: node, value: { kind: 'unreadable', problem: { ok: false, reason }, instead: VALUE_INSTEAD },
  });
  const definition = evaluator.properties(field);
  if (!definition.ok) return { name, isPartitionKey, anchor: at, value: { kind: 'unreadable', problem: definition, instead: VALUE_INSTEAD } };
  const value = definition.value.get('value');
  if (!value) return unreadable('it has no value template, so its key is written by hand at run time', at);
  const anchor = inFile(context, value.value, at);
  if (isTrue(ts, value.value)) return unreadable('value: true computes the key with the table\'s value function at run time', anchor);
  const text = evaluator.string(value);
  const result: KeyValue = text.ok ? { kind: 'template', text: text.value } : { kind: 'unreadable', problem: text, instead: VALUE_INSTEAD };
  return { name, isPartitionKey, anchor, value: result };
}

function missingValue(context: AdapterContext, attribute: string): KeyValue {
  const { tenantField, capsuleField, tenantPrefix, capsulePrefix, delimiter: d } = context.options;
  const template = `${tenantPrefix}${d}\${${tenantField}}${d}${capsulePrefix}${d}\${${capsuleField}}${d}…`;
  return { kind: 'missing', example: `${attribute}: { type: String, value: '${template}' }` };
}

function capsuleExample(context: AdapterContext): string {
  return `${context.options.capsuleField}: { type: String, required: true }`;
}
