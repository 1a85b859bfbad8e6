import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runProcess } from './harness';

const COMPILE_CACHE = path.join(REPO_ROOT, 'packages/cli/dist/compile-cache.js');
const directory = mkdtempSync(path.join(os.tmpdir(), 'capsule-guard-compile-cache-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Loads TypeScript the way the bin does, in a fresh process, and says how and whether it works. */
async function load(env: NodeJS.ProcessEnv = {}): Promise<{ use: string; works: boolean }> {
  const script = `
    const use = require(${JSON.stringify(COMPILE_CACHE)}).useCompileCache(${JSON.stringify(directory)});
    const ts = require(require.resolve('typescript', { paths: [${JSON.stringify(path.dirname(COMPILE_CACHE))}] }));
    const source = ts.createSourceFile('a.ts', 'export const a = 1;', ts.ScriptTarget.Latest);
    console.log(JSON.stringify({ use, works: ts.isVariableStatement(source.statements[0]) }));`;
  const result = await runProcess(process.execPath, ['-e', script], REPO_ROOT, { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { use: string; works: boolean };
}

const nodeKeepsItsOwn = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(nodeKeepsItsOwn)('TypeScript from the code cache (Node without module.enableCompileCache)', () => {
  it('compiles and saves the cache on the first run, loads from it on the next', async () => {
    expect(await load()).toEqual({ use: 'compiled', works: true });
    const [cache] = readdirSync(directory);
    expect(cache).toMatch(/^typescript-[0-9a-f]{16}\.v8cache$/u);
    expect(await load()).toEqual({ use: 'cached', works: true });
  });

  it('compiles from the source when the cache is not V8 code, and replaces it', async () => {
    for (const file of readdirSync(directory)) writeFileSync(path.join(directory, file), 'not a code cache');
    expect(await load()).toEqual({ use: 'compiled', works: true });
    expect(await load()).toEqual({ use: 'cached', works: true });
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', async () => {
    expect(await load({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ use: 'off', works: true });
  });
});
