/**
 * The one options schema. ESLint rule options, tsconfig plugin entries and the CLI all pass the
 * user's raw object through `resolveOptions`, so an option means the same everywhere and an
 * invalid one is rejected with the same message everywhere.
 */

export const CORE_MODULE = '@capsule-guard/core';

export interface CapsuleGuardOptions {
  /** Modules, besides @capsule-guard/core, whose exports are our decorators (e.g. a local barrel). */
  readonly decoratorModules: readonly string[];
  readonly tenantField: string;
  readonly capsuleField: string;
  readonly tenantPrefix: string;
  readonly capsulePrefix: string;
  readonly delimiter: string;
  /** Parameter type names that carry the request context and need no route declaration. */
  readonly requestContextTypes: readonly string[];
  /**
   * An isolated entity's partition keys begin with the tenant segment directly followed by the
   * capsule segment, so IAM's `dynamodb:LeadingKeys` prefix condition can enforce the isolation.
   */
  readonly scopeAtStart: boolean;
}

export const DEFAULT_OPTIONS: CapsuleGuardOptions = Object.freeze({
  decoratorModules: Object.freeze([]) as readonly string[],
  tenantField: 'tenantId',
  capsuleField: 'capsuleId',
  tenantPrefix: 'TENANT',
  capsulePrefix: 'CAPSULE',
  delimiter: '#',
  requestContextTypes: Object.freeze(['RequestContext']) as readonly string[],
  scopeAtStart: true,
});

export class OptionsError extends Error {
  constructor(message: string) {
    super(`capsule-guard: invalid options: ${message}`);
    this.name = 'OptionsError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;
const TEMPLATE_SYNTAX = /[{}$]/u;

type Check = (value: unknown) => string | undefined;

const identifier: Check = (v) =>
  typeof v === 'string' && IDENTIFIER.test(v) ? undefined : 'a JavaScript identifier such as "capsuleId"';
const prefix: Check = (v) =>
  typeof v === 'string' && v.length > 0 && !TEMPLATE_SYNTAX.test(v)
    ? undefined
    : 'a non-empty string without "{", "}" or "$", such as "CAPSULE"';
const delimiter: Check = (v) =>
  typeof v === 'string' && v.length > 0 && !TEMPLATE_SYNTAX.test(v) && !/[A-Za-z0-9_.]/u.test(v)
    ? undefined
    : 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"';
const listOf =
  (item: Check, what: string): Check =>
  (v) =>
    Array.isArray(v) && v.every((x) => item(x) === undefined) ? undefined : `an array of ${what}`;
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const moduleName: Check = (v) =>
  typeof v === 'string' && v.trim().length > 0 ? undefined : 'module name';

const SCHEMA: Record<keyof CapsuleGuardOptions, Check> = {
  decoratorModules: listOf(moduleName, 'module specifiers such as "@acme/entities"'),
  tenantField: identifier,
  capsuleField: identifier,
  tenantPrefix: prefix,
  capsulePrefix: prefix,
  delimiter,
  requestContextTypes: listOf(identifier, 'type names such as "RequestContext"'),
  scopeAtStart: boolean,
};

export const OPTION_NAMES = Object.keys(SCHEMA) as (keyof CapsuleGuardOptions)[];

/** Keys a tsconfig plugin entry carries for tsserver or ts-patch themselves; they are not our options. */
const HOST_KEYS = new Set([
  'name', 'transform', 'transformProgram', 'type', 'import', 'after', 'afterDeclarations',
  'isEsm', 'tsConfig', 'resolvePathAliases',
]);

/**
 * Validates a raw options object and fills in defaults. Throws OptionsError naming the option
 * and the accepted values; unknown keys are errors too, so a typo is never silently ignored.
 */
export function resolveOptions(raw: unknown): CapsuleGuardOptions {
  if (raw === undefined || raw === null) return DEFAULT_OPTIONS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new OptionsError(`expected an object with any of: ${OPTION_NAMES.join(', ')}`);
  }
  const result: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(raw)) {
    if (HOST_KEYS.has(key)) continue;
    const check = (SCHEMA as Record<string, Check | undefined>)[key];
    if (!check) {
      throw new OptionsError(`unknown option "${key}"; accepted options are ${OPTION_NAMES.join(', ')}`);
    }
    const expected = check(value);
    if (expected !== undefined) {
      throw new OptionsError(`option "${key}" must be ${expected}; got ${JSON.stringify(value)}`);
    }
    result[key] = value;
  }
  if (result.tenantPrefix === result.capsulePrefix) {
    throw new OptionsError('options "tenantPrefix" and "capsulePrefix" must differ');
  }
  for (const key of ['tenantPrefix', 'capsulePrefix'] as const) {
    // A prefix is one whole segment; one containing the delimiter could never match.
    if ((result[key] as string).includes(result.delimiter as string)) {
      throw new OptionsError(
        `option "${key}" must not contain the delimiter ${JSON.stringify(result.delimiter)}; got ${JSON.stringify(result[key])}`,
      );
    }
  }
  return Object.freeze(result) as unknown as CapsuleGuardOptions;
}

/** JSON schema of the same options, for ESLint's rule option validation and editor hints. */
export const OPTIONS_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    decoratorModules: { type: 'array', items: { type: 'string', minLength: 1 } },
    tenantField: { type: 'string', pattern: IDENTIFIER.source },
    capsuleField: { type: 'string', pattern: IDENTIFIER.source },
    tenantPrefix: { type: 'string', minLength: 1 },
    capsulePrefix: { type: 'string', minLength: 1 },
    delimiter: { type: 'string', minLength: 1 },
    requestContextTypes: { type: 'array', items: { type: 'string', pattern: IDENTIFIER.source } },
    scopeAtStart: { type: 'boolean' },
  },
} as const;

/** The language-service plugin (`name`) and the ts-patch transformer (`transform`) entry points. */
const LANGUAGE_SERVICE_ENTRY = '@capsule-guard/ts-plugin';
const TRANSFORM_ENTRY = '@capsule-guard/ts-plugin/transform';
const PLUGIN_ENTRY_NAMES = new Set([LANGUAGE_SERVICE_ENTRY, TRANSFORM_ENTRY]);
const OUR_SCOPE = '@capsule-guard';

type PluginEntry = Record<string, unknown>;

/** The npm scope of a module specifier (`@capsule-guard` of `@capsule-guard/ts-plugin/x`), if it has one. */
function scopeOf(specifier: string): string | undefined {
  const [first] = specifier.split('/');
  return first.startsWith('@') ? first : undefined;
}

/**
 * An entry that means to load one of our modules but names none of them: ts-patch would fail
 * with a bare "Cannot find module" stack (or tsserver skip it silently), so this says what to write.
 * Naming the other entry point (the editor plugin as `transform`, the transformer as `name`) is
 * just as wrong: each module is loaded with the other host's arguments.
 */
function misspeltEntry(entry: PluginEntry): string | undefined {
  for (const [key, expected] of [['transform', TRANSFORM_ENTRY], ['name', LANGUAGE_SERVICE_ENTRY]] as const) {
    const value = entry[key];
    if (typeof value !== 'string' || scopeOf(value) !== OUR_SCOPE || value === expected) continue;
    const named = PLUGIN_ENTRY_NAMES.has(value)
      ? `names the ${value === TRANSFORM_ENTRY ? 'build transformer' : 'editor plugin'}, which belongs under "${key === 'name' ? 'transform' : 'name'}"`
      : 'names no module of @capsule-guard/ts-plugin';
    return `the plugin entry "${key}": ${JSON.stringify(value)} ${named}; write "${key}": "${expected}"`;
  }
  return undefined;
}

const isOurEntry = (entry: PluginEntry) => PLUGIN_ENTRY_NAMES.has(String(entry.name)) || PLUGIN_ENTRY_NAMES.has(String(entry.transform));

/** Whether an entry writes any option of ours, beyond the keys tsserver and ts-patch read. */
const writesOptions = (entry: PluginEntry) => Object.keys(entry).some((key) => !HOST_KEYS.has(key));

/**
 * Options from a tsconfig's `compilerOptions.plugins`: the entries for the language-service
 * plugin (`name`) and the transformer (`transform`). Options may be written once, on either
 * entry, and apply to both; when both entries write options they must agree, so the editor and
 * the build can never check with different settings. A misspelt entry of ours is an error too.
 */
export function optionsFromPluginEntries(plugins: unknown): CapsuleGuardOptions {
  if (!Array.isArray(plugins)) return DEFAULT_OPTIONS;
  const entries = plugins.filter((entry): entry is PluginEntry => typeof entry === 'object' && entry !== null);
  for (const entry of entries) {
    const problem = misspeltEntry(entry);
    if (problem) throw new OptionsError(problem);
  }
  const resolved = entries.filter((entry) => isOurEntry(entry) && writesOptions(entry)).map(resolveOptions);
  const [first = DEFAULT_OPTIONS] = resolved;
  for (const other of resolved.slice(1)) {
    const differing = differingOption(first, other);
    if (differing) {
      throw new OptionsError(
        `option "${differing}" differs between the tsconfig plugin entries for @capsule-guard/ts-plugin; write the options once, on either entry, or give both entries the same options`,
      );
    }
  }
  return first;
}

/** The first option whose value differs between two resolved option sets, if any. */
export function differingOption(a: CapsuleGuardOptions, b: CapsuleGuardOptions): keyof CapsuleGuardOptions | undefined {
  return OPTION_NAMES.find((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
