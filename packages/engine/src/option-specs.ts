/**
 * The one source of every option: its default, what it means, and the values it accepts. The
 * validator (`resolveOptions`), the JSON schemas (ESLint's `meta.schema`, the tsconfig plugin
 * entry's schema) and the README's options table are all produced from this table, so they cannot drift.
 */

/** The part of JSON schema the options use; `valueMatches` evaluates exactly this part. */
export type ValueSchema =
  | { readonly type: 'string'; readonly pattern: string }
  | { readonly type: 'boolean' }
  | { readonly type: 'array'; readonly items: ValueSchema };

export interface OptionSpec<T> {
  /** What the option means, as the README's options table and editor hints show it. */
  readonly description: string;
  readonly default: T;
  readonly schema: ValueSchema;
  /** The accepted values in words, for the message that rejects another value. */
  readonly expected: string;
}

const option = <T>(spec: OptionSpec<T>): OptionSpec<T> => spec;

const IDENTIFIER: ValueSchema = { type: 'string', pattern: '^[A-Za-z_$][\\w$]*$' };
const IDENTIFIER_EXPECTED = 'a JavaScript identifier such as "capsuleId"';
/** One whole key segment: template syntax in it would be read as a placeholder. */
const PREFIX: ValueSchema = { type: 'string', pattern: '^[^{}$]+$' };
const PREFIX_EXPECTED = 'a non-empty string without "{", "}" or "$", such as "CAPSULE"';

export const OPTION_SPECS = {
  decoratorModules: option<readonly string[]>({
    description:
      "more modules whose exports are our decorators: package names (`@acme/entities`), or files relative to the tsconfig.json's directory (`./src/decorators`; ESLint without type information: its working directory), matched by the file an import resolves to",
    default: Object.freeze([]),
    schema: { type: 'array', items: { type: 'string', pattern: '\\S' } },
    expected: 'an array of module specifiers such as "@acme/entities"',
  }),
  tenantField: option<string>({
    description: 'the field the tenant placeholder must name',
    default: 'tenantId',
    schema: IDENTIFIER,
    expected: IDENTIFIER_EXPECTED,
  }),
  capsuleField: option<string>({
    description: 'the field the capsule placeholder must name, and that `@capsuleIsolated` classes must have',
    default: 'capsuleId',
    schema: IDENTIFIER,
    expected: IDENTIFIER_EXPECTED,
  }),
  tenantPrefix: option<string>({
    description: 'literal segment before the tenant placeholder',
    default: 'TENANT',
    schema: PREFIX,
    expected: PREFIX_EXPECTED,
  }),
  capsulePrefix: option<string>({
    description: 'literal segment before the capsule placeholder',
    default: 'CAPSULE',
    schema: PREFIX,
    expected: PREFIX_EXPECTED,
  }),
  delimiter: option<string>({
    description: 'segment delimiter in key templates',
    default: '#',
    // Letters, digits, "_" and "." belong to field names and placeholders, so they cannot delimit.
    schema: { type: 'string', pattern: '^[^{}$A-Za-z0-9_.]+$' },
    expected: 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"',
  }),
  requestContextTypes: option<readonly string[]>({
    description: 'parameter type names that need no route declaration',
    default: Object.freeze(['RequestContext']),
    schema: { type: 'array', items: IDENTIFIER },
    expected: 'an array of type names such as "RequestContext"',
  }),
  scopeAtStart: option<boolean>({
    description:
      "an isolated entity's partition keys *begin* with `TENANT#{tenantId}#CAPSULE#{capsuleId}`, so an IAM `dynamodb:LeadingKeys` condition can enforce the isolation (`capsule-guard policy`); `false` only requires both segments, in order, anywhere in the key",
    default: true,
    schema: { type: 'boolean' },
    expected: 'true or false',
  }),
};

export type OptionName = keyof typeof OPTION_SPECS;

/** Whether a value is one the schema accepts; patterns are read as JSON schema reads them (Unicode). */
export function valueMatches(schema: ValueSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && new RegExp(schema.pattern, 'u').test(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && value.every((item) => valueMatches(schema.items, item));
  }
}
