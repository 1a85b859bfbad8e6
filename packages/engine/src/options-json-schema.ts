import { OPTION_SPECS, type OptionName, type ValueSchema } from './option-specs';
import { HOST_KEYS, LANGUAGE_SERVICE_ENTRY, OPTION_NAMES, TRANSFORM_ENTRY } from './options';

/** The options as JSON schema properties, each with its description. */
function optionProperties(valueOf: (name: OptionName) => object) {
  return Object.fromEntries(OPTION_NAMES.map((name) => [name, { description: OPTION_SPECS[name].description, ...valueOf(name) }]));
}

/** A schema's types without its value rules: `{ type: 'string' }` for a string of any pattern. */
function typesOnly(schema: ValueSchema): object {
  return schema.type === 'array' ? { type: 'array', items: typesOnly(schema.items) } : { type: schema.type };
}

/** JSON schema of the options, with every rule the validator applies to a single value. */
export const OPTIONS_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: optionProperties((name) => OPTION_SPECS[name].schema),
} as const;

/**
 * The options schema ESLint validates a rule's own options against: names and types only. ESLint
 * words a broken value rule as "Value "." should match pattern …", where resolveOptions, which
 * every rule runs next, names the option and what it accepts; so value rules are left to it. No
 * defaults either: ESLint fills them in, and a rule's own options must override the shared
 * settings only where the user wrote them.
 */
export const RULE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: optionProperties((name) => typesOnly(OPTION_SPECS[name].schema)),
} as const;

/** Descriptions of the keys tsserver and ts-patch read from a plugin entry; any value is theirs to check. */
const HOST_KEY_DESCRIPTION = 'read by tsserver or ts-patch, not by capsule-guard';

/**
 * JSON schema of one tsconfig `compilerOptions.plugins` entry of ours (the language-service
 * plugin or the transformer), with our options and their defaults, for editor hints. Shipped as
 * `@capsule-guard/ts-plugin/schema.json`.
 */
export function pluginEntryJsonSchema() {
  const hostKeys = Object.fromEntries([...HOST_KEYS].map((key) => [key, { description: HOST_KEY_DESCRIPTION }]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'capsule-guard tsconfig plugin entry',
    description: `An entry of compilerOptions.plugins: { "name": "${LANGUAGE_SERVICE_ENTRY}" } for the editor, { "transform": "${TRANSFORM_ENTRY}", "transformProgram": true } for the build; options may be written on either entry.`,
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['name'] }, { required: ['transform'] }],
    properties: {
      ...hostKeys,
      name: { description: 'the language-service plugin, for editor diagnostics', const: LANGUAGE_SERVICE_ENTRY },
      transform: { description: 'the ts-patch transformer, for build failures', const: TRANSFORM_ENTRY },
      transformProgram: { description: 'ts-patch runs the transformer over the whole program', const: true },
      ...optionProperties((name) => ({ ...OPTION_SPECS[name].schema, default: OPTION_SPECS[name].default })),
    },
  };
}

/** The README's options table (option, default, meaning), one row per option. */
export function optionsMarkdownTable(): string {
  const rows = OPTION_NAMES.map((name) => {
    const { default: value, description } = OPTION_SPECS[name];
    return `| \`${name}\` | \`${JSON.stringify(value)}\` | ${description} |`;
  });
  return ['| option | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
