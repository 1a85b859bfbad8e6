import { Linter } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import * as engine from '@capsule-guard/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from './index';

// The real engine, observed: how often the plugin runs it is the plugin's business.
vi.mock('@capsule-guard/engine', async (importOriginal) => {
  const actual = await importOriginal<typeof engine>();
  return { ...actual, checkSourceFile: vi.fn(actual.checkSourceFile) };
});
const checkSourceFile = vi.mocked(engine.checkSourceFile);

const ENTITY = [
  "import { entity } from '@capsule-guard/core';",
  '',
  "@entity({ pk: 'ORDER#{id}' })",
  'export class OrderEntity {',
  '  id!: string;',
  '}',
  '',
].join('\n');

function lint(text: string, rules: Linter.RulesRecord, filename = 'order.ts'): Linter.LintMessage[] {
  return new Linter().verify(
    text,
    { files: ['**/*.ts'], languageOptions: { parser: typescriptEslintParser }, plugins: { 'capsule-guard': plugin }, rules },
    filename,
  );
}

const allRules = (setting: Linter.RuleEntry): Linter.RulesRecord =>
  Object.fromEntries(engine.RULE_NAMES.map((rule) => [engine.ruleId(rule), setting]));

afterEach(() => {
  checkSourceFile.mockClear();
});

describe('createRule', () => {
  it('runs the engine once per file for all rules, and each rule reports only its own findings', () => {
    const messages = lint(ENTITY, allRules('error'));
    expect(checkSourceFile).toHaveBeenCalledTimes(1);
    expect(messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['capsule-guard/isolation-scope-required', 'missingScope', 4, 14],
    ]);
  });

  it('never runs the engine on a file that names no decorator module and holds no suppression', () => {
    expect(lint('export const answer = 42;\n', allRules('error'))).toEqual([]);
    expect(checkSourceFile).not.toHaveBeenCalled();
    const suppression = '// capsule-guard-ignore capsule-guard/isolated-key-templates -- reviewed\nexport const answer = 42;\n';
    expect(lint(suppression, allRules('error')).map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['capsule-guard/valid-ignore-comments', 'unusedSuppression', 1, 1],
    ]);
    expect(checkSourceFile).toHaveBeenCalledTimes(1);
  });

  it('decides per set of options whether a file can hold findings', () => {
    const acme = ENTITY.replace("'@capsule-guard/core'", "'@acme/entities'").replace('{id}', '{orderId}');
    const messages = lint(acme, {
      ...allRules('error'),
      'capsule-guard/isolated-key-templates': ['error', { decoratorModules: ['@acme/entities'] }],
    });
    expect(checkSourceFile).toHaveBeenCalledTimes(1);
    expect(messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['capsule-guard/isolated-key-templates', 'unknownField', 3, 15],
    ]);
  });

  it('runs the engine again for a rule configured with different options', () => {
    lint(ENTITY, {
      ...allRules('error'),
      'capsule-guard/isolated-key-templates': ['error', { capsuleField: 'environmentId' }],
    });
    expect(checkSourceFile).toHaveBeenCalledTimes(2);
    const options = checkSourceFile.mock.calls.map(([, , context]) => context?.options?.capsuleField);
    expect(options.sort()).toEqual(['capsuleId', 'environmentId']);
  });

  it('runs the engine once for rules whose options resolve alike, written or left out', () => {
    lint(ENTITY, {
      ...allRules('error'),
      'capsule-guard/isolated-key-templates': ['error', {}],
      'capsule-guard/capsule-id-required': ['error', { capsuleField: 'capsuleId' }],
    });
    expect(checkSourceFile).toHaveBeenCalledTimes(1);
  });

  it('runs the engine again on the next lint pass of the same text', () => {
    lint(ENTITY, allRules('error'));
    lint(ENTITY, allRules('error'));
    expect(checkSourceFile).toHaveBeenCalledTimes(2);
  });

  it('turns an engine crash into one internalError report per rule naming the file, never an ESLint crash', () => {
    checkSourceFile.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const messages = lint(ENTITY, allRules('error'), 'src/order.ts');
    expect(checkSourceFile).toHaveBeenCalledTimes(1);
    expect(messages).toHaveLength(engine.RULE_NAMES.length);
    for (const [i, rule] of engine.RULE_NAMES.entries()) {
      expect(messages[i]).toMatchObject({
        ruleId: engine.ruleId(rule),
        messageId: 'internalError',
        line: 1,
        column: 1,
        message: `capsule-guard could not finish checking 'src/order.ts' for ${engine.ruleId(rule)} (boom). The file was not verified; please report this with the file's code.`,
      });
    }
  });

  it('rejects options the schema does not allow, naming the option', () => {
    expect(() => lint(ENTITY, { 'capsule-guard/isolated-key-templates': ['error', { capsuleFeld: 'x' }] })).toThrow(
      /capsuleFeld/u,
    );
    expect(checkSourceFile).not.toHaveBeenCalled();
  });

  it('rejects options only the engine can judge, with its message', () => {
    const clash = { tenantPrefix: 'KEY', capsulePrefix: 'KEY' };
    expect(() => lint(ENTITY, { 'capsule-guard/isolated-key-templates': ['error', clash] })).toThrow(
      'capsule-guard: invalid options: options "tenantPrefix" and "capsulePrefix" must differ',
    );
    expect(() => lint(ENTITY, { 'capsule-guard/isolated-key-templates': ['error', { delimiter: '.' }] })).toThrow(
      'capsule-guard: invalid options: option "delimiter" must be a non-empty string of punctuation other than "{", "}", "$", "_" or ".", such as "#"; got "."',
    );
    expect(checkSourceFile).not.toHaveBeenCalled();
  });
});

describe('configs.recommended', () => {
  it('reports every rule as an error with its capsule-guard rule id', () => {
    const messages = new Linter().verify(
      ENTITY,
      [{ files: ['**/*.ts'], languageOptions: { parser: typescriptEslintParser } }, plugin.configs.recommended],
      'order.ts',
    );
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['capsule-guard/isolation-scope-required', 2, 4, 14],
    ]);
  });
});
