/**
 * Reading options. ESLint rule options, tsconfig plugin entries and the CLI all pass the user's
 * raw object through `resolveOptions`, which validates it against the one schema (OPTION_SPECS),
 * so an option means the same everywhere and an invalid one is rejected with the same message everywhere.
 */

import { OPTION_SPECS, valueMatches, type OptionName } from './option-specs';

export const CORE_MODULE = '@capsule-guard/core';

/** The resolved options; what each one means is said once, in OPTION_SPECS. */
export type CapsuleGuardOptions = { readonly [K in OptionName]: (typeof OPTION_SPECS)[K]['default'] };

export const OPTION_NAMES = Object.keys(OPTION_SPECS) as OptionName[];

export const DEFAULT_OPTIONS: CapsuleGuardOptions = Object.freeze(
  Object.fromEntries(OPTION_NAMES.map((name) => [name, OPTION_SPECS[name].default])) as CapsuleGuardOptions,
);

export class OptionsError extends Error {
  constructor(message: string) {
    super(`capsule-guard: invalid options: ${message}`);
    this.name = 'OptionsError';
  }
}

/** Keys a tsconfig plugin entry carries for tsserver or ts-patch themselves; they are not our options. */
export const HOST_KEYS: ReadonlySet<string> = new Set([
  'name', 'transform', 'transformProgram', 'type', 'import', 'after', 'afterDeclarations',
  'isEsm', 'tsConfig', 'resolvePathAliases',
]);

const isOptionName = (key: string): key is OptionName => Object.hasOwn(OPTION_SPECS, key);

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
    if (!isOptionName(key)) {
      throw new OptionsError(`unknown option "${key}"; accepted options are ${OPTION_NAMES.join(', ')}`);
    }
    const { schema, expected } = OPTION_SPECS[key];
    if (!valueMatches(schema, value)) {
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

/** The language-service plugin (`name`) and the ts-patch transformer (`transform`) entry points. */
export const LANGUAGE_SERVICE_ENTRY = '@capsule-guard/ts-plugin';
export const TRANSFORM_ENTRY = '@capsule-guard/ts-plugin/transform';
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
