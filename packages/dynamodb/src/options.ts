/**
 * The options of `isolateClient`, validated once when the client is isolated and resolved into the
 * rules the guard applies per request: which tables are isolated, which attributes hold their
 * partition keys (table and every index), and which key prefixes belong to platform-wide items
 * kept in the same table.
 */
import { getEntityMetadata, type AnyClass, type EntityOptions } from '@capsule-guard/core';

/** How one isolated table stores its keys; the explicit form for projects that do not use `@entity`. */
export interface TableIsolation {
  /** The attribute that holds the table's partition key, e.g. 'pk'. */
  readonly partitionKey: string;
  /** Partition key attribute of every index that can be queried, by index name, e.g. { gsi1: 'gsi1pk' }. */
  readonly indexes?: Readonly<Record<string, string>>;
  /**
   * Key prefixes of platform-wide items kept in the same table (e.g. 'PLATFORM#'): keys that begin
   * with one are allowed in any scope, and outside one. None may overlap the tenant segment.
   */
  readonly platformPrefixes?: readonly string[];
}

export interface IsolateClientOptions {
  /**
   * `@entity` classes. The tables of `@capsuleIsolated` ones are isolated, with every GSI they
   * declare; `@platformScoped` ones in the same table contribute their key prefixes as platform
   * prefixes.
   */
  readonly entities?: readonly AnyClass[];
  /**
   * Tables to isolate, or the key attributes of entity tables. An entity table not listed here
   * stores its partition key in 'pk' and a GSI's in '<index name>pk' (gsi1 → 'gsi1pk').
   */
  readonly tables?: Readonly<Record<string, TableIsolation>>;
  /** The table of entities whose `@entity` names none. */
  readonly defaultTable?: string;
  /** Segment before the tenant id; default 'TENANT', as in the build-time options. */
  readonly tenantPrefix?: string;
  /** Segment before the capsule id; default 'CAPSULE'. */
  readonly capsulePrefix?: string;
  /** Key segment delimiter; default '#'. */
  readonly delimiter?: string;
}

export interface TableRule {
  readonly name: string;
  readonly partitionKey: string;
  /** Index name → its partition key attribute. */
  readonly indexes: ReadonlyMap<string, string>;
  /** The table's and every index's partition key attribute. */
  readonly keyAttributes: ReadonlySet<string>;
  readonly platformPrefixes: readonly string[];
}

export interface GuardConfig {
  readonly tables: ReadonlyMap<string, TableRule>;
  readonly tenantPrefix: string;
  readonly capsulePrefix: string;
  readonly delimiter: string;
}

const OPTION_KEYS = ['entities', 'tables', 'defaultTable', 'tenantPrefix', 'capsulePrefix', 'delimiter'];
const TABLE_KEYS = ['partitionKey', 'indexes', 'platformPrefixes'];

class OptionError extends TypeError {
  constructor(option: string, detail: string) {
    super(`isolateClient: option "${option}" ${detail}`);
    this.name = 'TypeError';
  }
}

const show = (value: unknown) => (typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : (JSON.stringify(value) ?? String(value)));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireName(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new OptionError(option, `must be a non-empty string; got ${show(value)}.`);
  return value;
}

function rejectUnknownKeys(option: string, value: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new OptionError(option ? `${option}.${unknown}` : unknown, `is not an option; the options are ${known.join(', ')}.`);
  }
}

interface TableDraft {
  partitionKey: string;
  indexes: Map<string, string>;
  platformPrefixes: Set<string>;
  /** Whether the table was listed in `tables` (its attributes are then not guessed). */
  explicit: boolean;
}

function explicitTable(name: string, value: unknown): TableDraft {
  const option = `tables.${name}`;
  if (!isRecord(value)) throw new OptionError(option, `must be an object { partitionKey, indexes?, platformPrefixes? }; got ${show(value)}.`);
  rejectUnknownKeys(option, value, TABLE_KEYS);
  const partitionKey = requireName(`${option}.partitionKey`, value.partitionKey);
  const indexes = new Map<string, string>();
  if (value.indexes !== undefined) {
    if (!isRecord(value.indexes)) throw new OptionError(`${option}.indexes`, `must map index names to partition key attributes, e.g. { gsi1: 'gsi1pk' }; got ${show(value.indexes)}.`);
    for (const [index, attribute] of Object.entries(value.indexes)) indexes.set(index, requireName(`${option}.indexes.${index}`, attribute));
  }
  const prefixes = value.platformPrefixes ?? [];
  if (!Array.isArray(prefixes)) throw new OptionError(`${option}.platformPrefixes`, `must be an array of strings; got ${show(prefixes)}.`);
  const platformPrefixes = new Set(prefixes.map((prefix, i) => requireName(`${option}.platformPrefixes[${i}]`, prefix)));
  return { partitionKey, indexes, platformPrefixes, explicit: true };
}

/** The literal text before a template's first placeholder: what every key it builds begins with. */
function literalPrefix(template: string): string {
  const brace = template.indexOf('{');
  return brace === -1 ? template : template.slice(0, brace);
}

function entityName(entity: AnyClass): string {
  return entity.name || '(anonymous class)';
}

function describeEntity(entity: unknown, at: string, defaultTable: string | undefined) {
  if (typeof entity !== 'function') throw new OptionError(at, `must be an @entity class; got ${show(entity)}.`);
  const name = entityName(entity as AnyClass);
  const metadata = getEntityMetadata(entity as AnyClass);
  const options: EntityOptions | undefined = metadata?.options;
  if (!metadata || !options) throw new OptionError(at, `is class ${name}, which is not declared with @entity.`);
  if (metadata.scopes.length !== 1) {
    throw new OptionError(at, `is entity ${name}, which declares ${metadata.scopes.length === 0 ? 'no scope' : 'more than one scope'}: write exactly one of @capsuleIsolated or @platformScoped({ reason }).`);
  }
  const table = options.table ?? defaultTable;
  if (table === undefined) throw new OptionError(at, `is entity ${name}, whose @entity names no table: add table: '…' to it, or pass the option defaultTable.`);
  const isolated = metadata.scopes[0].kind === 'capsule-isolated';
  const partitionKeys = [
    { index: undefined, template: options.pk },
    ...Object.entries(options.gsi ?? {}).map(([index, keys]) => ({ index, template: keys.pk })),
  ];
  return { name, table, isolated, partitionKeys };
}

function validatedSegments(options: IsolateClientOptions) {
  const tenantPrefix = requireName('tenantPrefix', options.tenantPrefix ?? 'TENANT');
  const capsulePrefix = requireName('capsulePrefix', options.capsulePrefix ?? 'CAPSULE');
  const delimiter = requireName('delimiter', options.delimiter ?? '#');
  if (/[{}]/u.test(delimiter)) throw new OptionError('delimiter', `must not contain braces; got ${show(delimiter)}.`);
  for (const [option, prefix] of [['tenantPrefix', tenantPrefix], ['capsulePrefix', capsulePrefix]] as const) {
    if (prefix.includes(delimiter)) throw new OptionError(option, `must not contain the delimiter ${show(delimiter)}; got ${show(prefix)}.`);
  }
  if (tenantPrefix === capsulePrefix) throw new OptionError('capsulePrefix', `must differ from tenantPrefix; both are ${show(tenantPrefix)}.`);
  return { tenantPrefix, capsulePrefix, delimiter };
}

/**
 * A platform prefix that is a prefix of the tenant segment, or begins with it, would let a key of
 * another capsule through as "platform data".
 */
function checkPlatformPrefix(table: string, prefix: string, tenantSegment: string, source: string): void {
  if (prefix.startsWith(tenantSegment) || tenantSegment.startsWith(prefix)) {
    throw new OptionError(
      `tables.${table}.platformPrefixes`,
      `cannot allow ${show(prefix)} (${source}): capsule-isolated keys begin with ${show(tenantSegment)}, so it would let other capsules' keys through. Give platform-wide keys a prefix of their own, e.g. 'PLATFORM#'.`,
    );
  }
}

function addEntities(drafts: Map<string, TableDraft>, options: IsolateClientOptions): Map<string, string[]> {
  const platformSources = new Map<string, string[]>();
  if (options.entities === undefined) return platformSources;
  if (!Array.isArray(options.entities)) throw new OptionError('entities', `must be an array of @entity classes; got ${show(options.entities)}.`);
  const defaultTable = options.defaultTable === undefined ? undefined : requireName('defaultTable', options.defaultTable);
  const described = options.entities.map((entity, i) => describeEntity(entity, `entities[${i}]`, defaultTable));
  for (const entity of described.filter((e) => e.isolated)) {
    const draft = drafts.get(entity.table) ?? { partitionKey: 'pk', indexes: new Map(), platformPrefixes: new Set(), explicit: false };
    drafts.set(entity.table, draft);
    for (const { index } of entity.partitionKeys) {
      if (index === undefined || draft.indexes.has(index)) continue;
      if (draft.explicit) {
        throw new OptionError(`tables.${entity.table}.indexes`, `has no entry for index '${index}', which entity ${entity.name} declares: add ${index}: '<its partition key attribute>'.`);
      }
      draft.indexes.set(index, `${index}pk`);
    }
  }
  for (const entity of described.filter((e) => !e.isolated && drafts.has(e.table))) {
    for (const { index, template } of entity.partitionKeys) {
      const prefix = typeof template === 'string' ? literalPrefix(template) : '';
      const key = index === undefined ? 'pk' : `gsi.${index}.pk`;
      if (prefix === '') {
        throw new OptionError('entities', `includes platform-scoped entity ${entity.name}, stored in isolated table '${entity.table}', whose ${key} template begins with a placeholder: its keys cannot be told apart from capsule keys. Begin it with a literal segment such as 'PLATFORM#'.`);
      }
      drafts.get(entity.table)?.platformPrefixes.add(prefix);
      platformSources.set(prefix, [...(platformSources.get(prefix) ?? []), `the ${key} template of platform-scoped entity ${entity.name}`]);
    }
  }
  return platformSources;
}

/** Validates the options and resolves them into the guard's rules; throws a TypeError naming the option at fault. */
export function resolveOptions(options: IsolateClientOptions | undefined): GuardConfig {
  if (!isRecord(options)) throw new TypeError(`isolateClient: the options must be an object with entities and/or tables; got ${show(options)}.`);
  rejectUnknownKeys('', options, OPTION_KEYS);
  const segments = validatedSegments(options);
  const drafts = new Map<string, TableDraft>();
  if (options.tables !== undefined) {
    if (!isRecord(options.tables)) throw new OptionError('tables', `must map table names to { partitionKey, indexes? }; got ${show(options.tables)}.`);
    for (const [name, table] of Object.entries(options.tables)) drafts.set(name, explicitTable(name, table));
  }
  const platformSources = addEntities(drafts, options);
  if (drafts.size === 0) throw new TypeError('isolateClient: no table to isolate: pass entities with at least one @capsuleIsolated entity, or tables.');
  const tenantSegment = `${segments.tenantPrefix}${segments.delimiter}`;
  const tables = new Map<string, TableRule>();
  for (const [name, draft] of drafts) {
    for (const prefix of draft.platformPrefixes) checkPlatformPrefix(name, prefix, tenantSegment, platformSources.get(prefix)?.join(', ') ?? 'listed in the option');
    tables.set(name, {
      name,
      partitionKey: draft.partitionKey,
      indexes: draft.indexes,
      keyAttributes: new Set([draft.partitionKey, ...draft.indexes.values()]),
      platformPrefixes: [...draft.platformPrefixes],
    });
  }
  return { tables, ...segments };
}
