import { Linter } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import { RULE_NAMES, ruleId } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import plugin from './index';

/** A correct entity of a project whose capsule field is named `envId`. */
const ENV_ENTITY = [
  "import { entity, capsuleIsolated } from '@capsule-guard/core';",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{envId}#ORDER#{id}' })",
  '@capsuleIsolated',
  'export class OrderEntity { tenantId!: string; envId!: string; id!: string }',
  '',
].join('\n');

const base: Linter.Config = { files: ['**/*.ts'], languageOptions: { parser: typescriptEslintParser } };

function lint(...configs: Linter.Config[]): [string | null, string | undefined, number, string][] {
  return new Linter()
    .verify(ENV_ENTITY, [base, ...configs], 'order.ts')
    .map((m) => [m.ruleId, m.messageId, m.line, m.message]);
}

const everyRule = (entry: Linter.RuleEntry): Linter.RulesRecord => Object.fromEntries(RULE_NAMES.map((rule) => [ruleId(rule), entry]));

describe('options shared by every rule', () => {
  it("are read from settings['capsule-guard'] by every rule", () => {
    expect(lint(plugin.configs.recommended)).not.toEqual([]);
    expect(lint(plugin.configs.recommended, { settings: { 'capsule-guard': { capsuleField: 'envId' } } })).toEqual([]);
  });

  it('are written once through configure(), which validates them when the config is loaded', () => {
    const config = plugin.configure({ capsuleField: 'envId' });
    expect(config.rules).toEqual(plugin.configs.recommended.rules);
    expect(config.settings).toEqual({ 'capsule-guard': { capsuleField: 'envId' } });
    expect(lint(config)).toEqual([]);
    expect(() => plugin.configure({ capsuleFeild: 'envId' } as never)).toThrow(/unknown option "capsuleFeild"/u);
  });

  it('still accept options on each rule, which agree when they are the same everywhere', () => {
    expect(lint({ plugins: { 'capsule-guard': plugin }, rules: everyRule(['error', { capsuleField: 'envId' }]) })).toEqual([]);
  });

  it('let a rule option override a setting, and report rules that then disagree, once, naming them and the option', () => {
    const messages = lint(plugin.configure({ capsuleField: 'envId' }), {
      rules: { 'capsule-guard/capsule-id-required': ['error', { capsuleField: 'capsuleId' }] },
    });
    expect(messages.filter(([, messageId]) => messageId === 'inconsistentOptions')).toEqual([
      [
        'capsule-guard/isolation-scope-required',
        'inconsistentOptions',
        1,
        'capsule-guard rules are configured with different options, so they disagree about correct code: option "capsuleField" is ' +
          '"envId" for capsule-guard/isolation-scope-required, capsule-guard/isolated-key-templates, capsule-guard/explicit-route-params, ' +
          'capsule-guard/valid-ignore-comments, capsule-guard/isolated-key-literals but "capsuleId" for capsule-guard/capsule-id-required. ' +
          "Write shared options once, in settings['capsule-guard'] (or capsuleGuard.configure(options)), not in the options of single rules.",
      ],
    ]);
    // The rule configured differently checks with what it was given.
    expect(messages.map(([rule, messageId]) => [rule, messageId])).toContainEqual(['capsule-guard/capsule-id-required', 'missingCapsuleId']);
  });

  it("rejects an invalid setting with an error naming the option and settings['capsule-guard']", () => {
    expect(() => lint(plugin.configs.recommended, { settings: { 'capsule-guard': { delimiter: 'x' } } })).toThrow(
      /capsule-guard: invalid options: option "delimiter" must be .* \(in ESLint settings\['capsule-guard'\]\)/u,
    );
  });
});
