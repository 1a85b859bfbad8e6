import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/** A user's project: an eslint.config.mjs that default-imports the plugin, and a leaky entity. */
const PROJECT = path.join(__dirname, 'fixtures', 'esm-config');
/** A JavaScript project written for CommonJS, linted with ESLint's own parser: an ElectroDB entity and a Fastify app, both required. */
const COMMONJS_PROJECT = path.join(__dirname, 'fixtures', 'commonjs');
const ESLINT_PACKAGE = require.resolve('eslint/package.json');
const ESLINT_BIN = path.join(path.dirname(ESLINT_PACKAGE), (JSON.parse(readFileSync(ESLINT_PACKAGE, 'utf8')) as { bin: { eslint: string } }).bin.eslint);

interface LintResult {
  messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/**
 * The package as users get it: the built CommonJS dist, default-imported from an eslint.config.mjs
 * and run by the ESLint CLI with type information. Needs `npm run build` first (npm test does it).
 */
describe('the built package in an eslint.config.mjs', () => {
  it('reports with capsule-guard rule ids, resolving an imported const through type information', () => {
    const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', 'order.ts'], { cwd: PROJECT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as LintResult[];
    expect(result.messages.map(({ ruleId, line, column, endLine, endColumn }) => ({ ruleId, line, column, endLine, endColumn }))).toEqual([
      { ruleId: 'capsule-guard/isolated-key-templates', line: 4, column: 15, endLine: 4, endColumn: 23 },
      { ruleId: 'capsule-guard/capsule-id-required', line: 6, column: 14, endLine: 6, endColumn: 25 },
    ]);
    expect(result.messages[0].message).toContain("the pk template 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#{capsuleId}' segment");
  });

  it('does not load TypeScript until a file is linted', () => {
    const script = [
      "require('@capsule-guard/eslint-plugin');",
      "const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(file));",
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], { cwd: PROJECT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("checks a CommonJS module's required ElectroDB entity and Fastify app, without type information", () => {
    const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', 'models.cjs', 'server.cjs'], { cwd: COMMONJS_PROJECT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as (LintResult & { filePath: string })[];
    const reported = results.flatMap(({ filePath, messages }) =>
      messages.map(({ ruleId, line, column, endLine, endColumn }) => ({ file: path.basename(filePath), ruleId, line, column, endLine, endColumn })),
    );
    expect(reported).toEqual([
      { file: 'models.cjs', ruleId: 'capsule-guard/isolated-key-templates', line: 12, column: 61, endLine: 12, endColumn: 87 },
      { file: 'server.cjs', ruleId: 'capsule-guard/explicit-route-params', line: 3, column: 9, endLine: 3, endColumn: 33 },
    ]);
    expect(results[0].messages[0].message).toContain("is composed of ['tenantId', 'contractId'], which does not begin with 'tenantId' then 'capsuleId'");
    expect(results[1].messages[0].message).toContain("Route GET /contracts/:contractId: the URL has path parameters 'contractId' but the route declares no schema.params");
  });
});
