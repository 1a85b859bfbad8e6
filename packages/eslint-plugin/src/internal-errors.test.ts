import * as path from 'node:path';
import { Linter } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import { RULE_NAMES, ruleId } from '@capsule-guard/engine';
import { expect, it, vi } from 'vitest';
import { FAILING_ENTITY, failingEntityFindings } from '../../engine/src/testing/failing-typescript';
import plugin from './index';

// The TypeScript the plugin hands the engine, with one export the engine's checks call failing for real.
vi.mock('./typescript', async () => {
  const ts = await import('typescript');
  const { typeScriptFailingAt } = await vi.importActual<typeof import('../../engine/src/testing/failing-typescript')>('../../engine/src/testing/failing-typescript');
  return { loadTypeScript: () => typeScriptFailingAt(ts.default) };
});

it("reports an internal error of the engine as the engine's finding of each rule that failed, and ESLint goes on", () => {
  const rules = Object.fromEntries(RULE_NAMES.map((rule) => [ruleId(rule), 'error' as const]));
  const messages = new Linter().verify(
    FAILING_ENTITY,
    { files: ['**/*.ts'], languageOptions: { parser: typescriptEslintParser }, plugins: { 'capsule-guard': plugin }, rules },
    'src/order.ts',
  );
  expect(messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))).toEqual(
    failingEntityFindings(path.resolve('src/order.ts')).map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })),
  );
});
