/**
 * Builds an entity's DynamoDB keys from its declared templates. The build-time checks guarantee
 * that an isolated entity's templates contain its tenant and capsule segments; this guarantees
 * that the values put into them cannot escape those segments. A value that contains the
 * delimiter or a brace (e.g. a capsuleId of 'PRODUS#CONTRACT#x') could forge the segments of
 * another tenant's or capsule's key, and an empty value would widen a key to more than one, so
 * both are refused rather than escaped.
 */
import type { AnyClass, EntityOptions } from './decorators';
import { parseKeyTemplate } from './key-template';
import { getEntityMetadata } from './registry';

/** Values a placeholder accepts. */
export type KeyValue = string | number | bigint;

export interface KeyBuilderOptions {
  /** The segment delimiter of the key templates, as in the build-time `delimiter` option. Default '#'. */
  readonly delimiter?: string;
}

export interface IndexKeys {
  readonly pk: string;
  readonly sk?: string;
}

export interface EntityKeys extends IndexKeys {
  /** Keys of every declared global secondary index, by index name. */
  readonly gsi: Readonly<Record<string, IndexKeys>>;
}

export type KeyBuildErrorReason =
  | 'not-an-entity'
  | 'invalid-template'
  | 'missing-value'
  | 'invalid-value'
  | 'empty-value'
  | 'unsafe-value';

export class KeyBuildError extends Error {
  constructor(
    readonly reason: KeyBuildErrorReason,
    /** The entity class's name. */
    readonly entity: string,
    /** Which key: 'pk', 'sk', 'gsi.<name>.pk' or 'gsi.<name>.sk'; undefined for 'not-an-entity'. */
    readonly key: string | undefined,
    /** The placeholder at fault, e.g. 'capsuleId' or 'context.capsuleId'. */
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`Cannot build ${key === undefined ? 'keys' : `the ${key} key`} of entity '${entity}': ${detail}`);
    this.name = 'KeyBuildError';
  }
}

interface KeySite {
  readonly entity: string;
  readonly key: string;
  readonly forbidden: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Any function may be a class; `getEntityMetadata` simply knows nothing about the others. */
function isClass(value: unknown): value is AnyClass {
  return typeof value === 'function';
}

/** The nearest class, from the given one up its base classes, that is declared with `@entity`. */
function findEntity(start: unknown): { name: string; options: EntityOptions } | undefined {
  for (let current = start; isClass(current); current = Object.getPrototypeOf(current)) {
    const options = getEntityMetadata(current)?.options;
    if (options) return { name: current.name || '(anonymous class)', options };
  }
  return undefined;
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function isKeyValue(value: unknown): value is KeyValue {
  return typeof value === 'string' || typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));
}

function renderValue(site: KeySite, field: string, value: unknown): string {
  const fail = (reason: KeyBuildErrorReason, detail: string) =>
    new KeyBuildError(reason, site.entity, site.key, field, `field '${field}' ${detail}`);
  if (value === undefined || value === null) throw fail('missing-value', `has no value (got ${String(value)}).`);
  if (!isKeyValue(value)) {
    throw fail('invalid-value', `is ${typeof value === 'number' ? String(value) : `of type ${typeof value}`}; key values must be strings, finite numbers or bigints.`);
  }
  const text = String(value);
  if (text.trim() === '') {
    throw fail('empty-value', `is empty; an empty key segment would match more than one tenant, capsule or item.`);
  }
  const found = site.forbidden.find((char) => text.includes(char));
  if (found !== undefined) {
    throw fail(
      'unsafe-value',
      `has the value ${JSON.stringify(text)}, which contains ${JSON.stringify(found)}. Key values must not contain the delimiter or braces (${site.forbidden.map((c) => JSON.stringify(c)).join(', ')}): they could forge the key segments of another tenant or capsule.`,
    );
  }
  return text;
}

function buildKey(site: KeySite, template: unknown, values: unknown): string {
  if (typeof template !== 'string') {
    throw new KeyBuildError('invalid-template', site.entity, site.key, undefined, `@entity declares no ${site.key} template string.`);
  }
  const parsed = parseKeyTemplate(template);
  if (!parsed.ok) {
    throw new KeyBuildError('invalid-template', site.entity, site.key, undefined, `the template '${template}' is malformed: ${parsed.problem}.`);
  }
  return parsed.parts
    .map((part) => (part.kind === 'text' ? part.text : renderValue(site, part.name, valueAt(values, part.path))))
    .join('');
}

function forbiddenCharacters(options: KeyBuilderOptions | undefined): readonly string[] {
  const delimiter = options?.delimiter ?? '#';
  if (typeof delimiter !== 'string' || delimiter === '' || /[{}]/u.test(delimiter)) {
    throw new TypeError(`buildKeys: option "delimiter" must be a non-empty string without braces; got ${JSON.stringify(delimiter)}`);
  }
  // Every character of the delimiter, not just the whole delimiter: with '::', a value ending in
  // ':' would otherwise shift where the next segment starts.
  return [...new Set([...delimiter, '{', '}'])];
}

/**
 * Builds the pk, sk and GSI keys of an `@entity` class from `values` (an object with the
 * template's fields; nested placeholders read one level down). Given an instance instead of a
 * class, the instance itself supplies the values unless `values` is passed. Throws KeyBuildError,
 * naming the entity, key and field, instead of building a key from a missing, empty or unsafe value.
 */
export function buildKeys(entity: AnyClass, values: object, options?: KeyBuilderOptions): EntityKeys;
export function buildKeys(instance: object, values?: object, options?: KeyBuilderOptions): EntityKeys;
export function buildKeys(target: object, values?: object, options?: KeyBuilderOptions): EntityKeys {
  const forbidden = forbiddenCharacters(options);
  const givenClass = isClass(target);
  const start: unknown = givenClass ? target : (Object.getPrototypeOf(target) as object | null)?.constructor;
  const found = findEntity(start);
  if (!found) {
    const name = isClass(start) && start.name ? start.name : '(anonymous class)';
    throw new KeyBuildError('not-an-entity', name, undefined, undefined, `neither '${name}' nor a base class is declared with @entity.`);
  }
  const source = values ?? (givenClass ? undefined : target);
  const site = (key: string): KeySite => ({ entity: found.name, key, forbidden });
  const { pk, sk, gsi } = found.options;
  const keys = {
    pk: buildKey(site('pk'), pk, source),
    ...(sk !== undefined && { sk: buildKey(site('sk'), sk, source) }),
  };
  const gsiKeys: Record<string, IndexKeys> = {};
  for (const [name, templates] of Object.entries(gsi ?? {})) {
    const indexKeys = templates as Partial<IndexKeys> | undefined;
    gsiKeys[name] = {
      pk: buildKey(site(`gsi.${name}.pk`), indexKeys?.pk, source),
      ...(indexKeys?.sk !== undefined && { sk: buildKey(site(`gsi.${name}.sk`), indexKeys.sk, source) }),
    };
  }
  return { ...keys, gsi: gsiKeys };
}
