import { expect, it, vi } from 'vitest';
import { EXIT_FINDINGS } from './cli';
import { runCli, tempProject, TSCONFIG } from './testing/temp-project';
import { FAILING_ENTITY, failingEntityFindings } from '../../engine/src/testing/failing-typescript';

// The CLI's own TypeScript, with one export the engine's checks call failing for real.
vi.mock('typescript', async (importOriginal) => {
  const real = await importOriginal<typeof import('typescript') & { default: typeof import('typescript') }>();
  const { typeScriptFailingAt } = await vi.importActual<typeof import('../../engine/src/testing/failing-typescript')>('../../engine/src/testing/failing-typescript');
  return { ...real, default: typeScriptFailingAt(real.default) };
});

it("reports an internal error of the engine as the engine's finding of each rule that failed, as every front end does", () => {
  const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': FAILING_ENTITY });
  const { exitCode, stdout, stderr } = runCli(['check', '-p', 'tsconfig.json', '--format', 'json'], root);

  expect([exitCode, stderr]).toEqual([EXIT_FINDINGS, '']);
  const shown = (JSON.parse(stdout) as { ruleId: string; file: string; line: number; column: number; message: string }[]).map(
    ({ ruleId, file, line, column, message }) => ({ ruleId, file, line, column, message }),
  );
  expect(shown).toEqual(
    failingEntityFindings(`${root}/src/order.ts`).map(({ ruleId, line, column, message }) => ({ ruleId, file: 'src/order.ts', line, column, message })),
  );
});
