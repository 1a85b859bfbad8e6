import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  CORE_MODULE,
  DEFAULT_OPTIONS,
  OPTION_NAMES,
  OptionsError,
  optionsFromPluginEntries,
  resolveOptions,
} from './options';
import { OPTIONS_JSON_SCHEMA, RULE_OPTIONS_SCHEMA } from './options-json-schema';

const ACCEPTED = OPTION_NAMES.join(', ');

/** Values each option rejects, with the words that say what it accepts instead. */
const INVALID_VALUES: [option: string, value: unknown, expected: string][] = [
  ['decoratorModules', '@acme/entities', 'an array of module specifiers such as "@acme/entities"'],
  ['decoratorModules', ['@acme/entities', ''], 'an array of module specifiers such as "@acme/entities"'],
  ['decoratorModules', ['  '], 'an array of module specifiers such as "@acme/entities"'],
  ['decoratorModules', [42], 'an array of module specifiers such as "@acme/entities"'],
  ['tenantField', 'tenant-id', 'a JavaScript identifier such as "capsuleId"'],
  ['tenantField', '', 'a JavaScript identifier such as "capsuleId"'],
  ['tenantField', 7, 'a JavaScript identifier such as "capsuleId"'],
  ['capsuleField', 'context.capsuleId', 'a JavaScript identifier such as "capsuleId"'],
  ['capsuleField', '1capsule', 'a JavaScript identifier such as "capsuleId"'],
  ['tenantPrefix', '', 'a non-empty string without "{", "}" or "$", such as "CAPSULE"'],
  ['tenantPrefix', 'T{x}', 'a non-empty string without "{", "}" or "$", such as "CAPSULE"'],
  ['capsulePrefix', '$CAPSULE', 'a non-empty string without "{", "}" or "$", such as "CAPSULE"'],
  ['capsulePrefix', null, 'a non-empty string without "{", "}" or "$", such as "CAPSULE"'],
  ['delimiter', '', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', 'x', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', '1', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', '.', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', '_', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', '{', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', '$', 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['delimiter', ['#'], 'a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"'],
  ['requestContextTypes', 'RequestContext', 'an array of type names such as "RequestContext"'],
  ['requestContextTypes', ['Request Context'], 'an array of type names such as "RequestContext"'],
  ['scopeAtStart', 'false', 'true or false'],
];

function rejection(raw: unknown): OptionsError {
  try {
    resolveOptions(raw);
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('defaults', () => {
  it('are the names and prefixes of the product contract', () => {
    expect(DEFAULT_OPTIONS).toEqual({
      decoratorModules: [],
      tenantField: 'tenantId',
      capsuleField: 'capsuleId',
      tenantPrefix: 'TENANT',
      capsulePrefix: 'CAPSULE',
      delimiter: '#',
      requestContextTypes: ['RequestContext'],
      scopeAtStart: true,
    });
    expect(CORE_MODULE).toBe('@capsule-guard/core');
  });

  it.each([undefined, null])('are used when no options are given (%s)', (raw) => {
    expect(resolveOptions(raw)).toBe(DEFAULT_OPTIONS);
  });

  it('fill in every option an empty object leaves out', () => {
    expect(resolveOptions({})).toEqual(DEFAULT_OPTIONS);
  });

  it('cannot be modified by a caller', () => {
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.decoratorModules)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.requestContextTypes)).toBe(true);
  });
});

describe('valid options', () => {
  it('override the defaults they name and keep the rest', () => {
    const options = resolveOptions({
      decoratorModules: ['@acme/entities', './entities/decorators'],
      tenantField: 'orgId',
      capsuleField: 'envId',
      tenantPrefix: 'ORG',
      capsulePrefix: 'ENV',
      delimiter: '::',
    });
    expect(options).toEqual({
      decoratorModules: ['@acme/entities', './entities/decorators'],
      tenantField: 'orgId',
      capsuleField: 'envId',
      tenantPrefix: 'ORG',
      capsulePrefix: 'ENV',
      delimiter: '::',
      requestContextTypes: ['RequestContext'],
      scopeAtStart: true,
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('accept empty lists', () => {
    expect(resolveOptions({ decoratorModules: [], requestContextTypes: [] })).toMatchObject({
      decoratorModules: [],
      requestContextTypes: [],
    });
  });

  it.each(['|', '/', '-', '::', '#'])('accept the punctuation delimiter %s', (delimiter) => {
    expect(resolveOptions({ delimiter }).delimiter).toBe(delimiter);
  });

  it('ignore the keys a tsconfig plugin entry carries for its loader', () => {
    expect(
      resolveOptions({ name: '@capsule-guard/ts-plugin', transform: '@capsule-guard/ts-plugin/transform', transformProgram: true }),
    ).toEqual(DEFAULT_OPTIONS);
    expect(resolveOptions({ transform: '@capsule-guard/ts-plugin/transform', transformProgram: true, tenantField: 'orgId' }).tenantField).toBe('orgId');
  });
});

describe('invalid options', () => {
  it.each([
    ['a string', 'tenantId'],
    ['an array', ['tenantId']],
    ['a number', 42],
  ])('reject %s instead of an options object', (_, raw) => {
    const error = rejection(raw);
    expect(error.message).toBe(`capsule-guard: invalid options: expected an object with any of: ${ACCEPTED}`);
  });

  it('reject an unknown option by name, listing the accepted ones', () => {
    const error = rejection({ tenantFeild: 'orgId' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OptionsError');
    expect(error.message).toBe(`capsule-guard: invalid options: unknown option "tenantFeild"; accepted options are ${ACCEPTED}`);
  });

  it.each(INVALID_VALUES)('reject %s = %j, naming the option and what it accepts', (option, value, expected) => {
    expect(rejection({ [option]: value }).message).toBe(
      `capsule-guard: invalid options: option "${option}" must be ${expected}; got ${JSON.stringify(value)}`,
    );
  });

  it('reject a tenant prefix equal to the capsule prefix', () => {
    expect(rejection({ tenantPrefix: 'CAPSULE' }).message).toBe(
      'capsule-guard: invalid options: options "tenantPrefix" and "capsulePrefix" must differ',
    );
    expect(rejection({ tenantPrefix: 'ENV', capsulePrefix: 'ENV' }).message).toContain('"capsulePrefix"');
  });
});

describe('JSON schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(OPTIONS_JSON_SCHEMA);

  it('describes exactly the options resolveOptions accepts, each with its meaning', () => {
    expect(Object.keys(OPTIONS_JSON_SCHEMA.properties)).toEqual(OPTION_NAMES);
    expect(OPTION_NAMES).toEqual(Object.keys(DEFAULT_OPTIONS));
    expect(OPTIONS_JSON_SCHEMA.additionalProperties).toBe(false);
    for (const property of Object.values(OPTIONS_JSON_SCHEMA.properties)) expect(property.description).toMatch(/^[a-z].{10,}/u);
  });

  it.each(INVALID_VALUES)('rejects %s = %j as resolveOptions does', (option, value) => {
    expect(validate({ [option]: value })).toBe(false);
  });

  it.each([
    ['decoratorModules', ['@acme/entities', './entities/decorators']],
    ['tenantField', '$org_1'],
    ['tenantPrefix', 'ORG-1'],
    ['capsulePrefix', 'ENV'],
    ['delimiter', '::'],
    ['delimiter', '|'],
    ['requestContextTypes', []],
    ['scopeAtStart', false],
  ])('accepts %s = %j as resolveOptions does', (option, value) => {
    expect(resolveOptions({ [option]: value })[option as keyof typeof DEFAULT_OPTIONS]).toEqual(value);
    expect(validate({ [option]: value })).toBe(true);
  });

  it("has ESLint check a rule's options for names and types only, so resolveOptions words every value rule", () => {
    const validateRuleOptions = new Ajv({ allErrors: true }).compile(RULE_OPTIONS_SCHEMA);
    expect(Object.keys(RULE_OPTIONS_SCHEMA.properties)).toEqual(OPTION_NAMES);
    expect(validateRuleOptions({ delimiter: '.', tenantField: 'tenant-id', decoratorModules: [' '] })).toBe(true);
    expect(validateRuleOptions({ delimiter: ['#'] })).toBe(false);
    expect(validateRuleOptions({ scopeAtStart: 'false' })).toBe(false);
    expect(validateRuleOptions({ tenantFeild: 'orgId' })).toBe(false);
    // ESLint fills defaults into the options it validates: a rule's own options would override the shared ones.
    expect(JSON.stringify(RULE_OPTIONS_SCHEMA)).not.toContain('"default"');
  });
});

describe('tsconfig plugin entries', () => {
  const editor = { name: '@capsule-guard/ts-plugin' };
  const build = { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true };

  it('reads options written once, on either entry, for both', () => {
    expect(optionsFromPluginEntries([{ ...editor, capsuleField: 'envId' }, build]).capsuleField).toBe('envId');
    expect(optionsFromPluginEntries([editor, { ...build, capsuleField: 'envId' }]).capsuleField).toBe('envId');
    expect(optionsFromPluginEntries([editor, build])).toBe(DEFAULT_OPTIONS);
  });

  it('accepts both entries writing the same options, and names the option where they differ', () => {
    expect(optionsFromPluginEntries([{ ...editor, delimiter: '|' }, { ...build, delimiter: '|' }]).delimiter).toBe('|');
    expect(() => optionsFromPluginEntries([{ ...editor, delimiter: '|' }, { ...build, tenantField: 'orgId' }])).toThrow(
      'capsule-guard: invalid options: option "tenantField" differs between the tsconfig plugin entries for @capsule-guard/ts-plugin; write the options once, on either entry, or give both entries the same options',
    );
  });

  it('names a misspelt entry of ours and what to write, and leaves other plugins alone', () => {
    expect(() => optionsFromPluginEntries([editor, { ...build, transform: '@capsule-guard/ts-plugin/transfrom' }])).toThrow(
      'capsule-guard: invalid options: the plugin entry "transform": "@capsule-guard/ts-plugin/transfrom" names no module of @capsule-guard/ts-plugin; write "transform": "@capsule-guard/ts-plugin/transform"',
    );
    expect(() => optionsFromPluginEntries([{ name: '@capsule-guard/tsplugin' }])).toThrow(
      'the plugin entry "name": "@capsule-guard/tsplugin" names no module of @capsule-guard/ts-plugin; write "name": "@capsule-guard/ts-plugin"',
    );
    expect(optionsFromPluginEntries([{ transform: 'typescript-transform-paths' }, { name: '@styled/typescript-styled-plugin', tags: ['css'] }])).toBe(
      DEFAULT_OPTIONS,
    );
  });

  it('names an entry point written under the other key, and which key it belongs under', () => {
    expect(() => optionsFromPluginEntries([editor, { ...build, transform: '@capsule-guard/ts-plugin' }])).toThrow(
      'capsule-guard: invalid options: the plugin entry "transform": "@capsule-guard/ts-plugin" names the editor plugin, which belongs under "name"; write "transform": "@capsule-guard/ts-plugin/transform"',
    );
    expect(() => optionsFromPluginEntries([{ name: '@capsule-guard/ts-plugin/transform' }, build])).toThrow(
      'the plugin entry "name": "@capsule-guard/ts-plugin/transform" names the build transformer, which belongs under "transform"; write "name": "@capsule-guard/ts-plugin"',
    );
  });
});
