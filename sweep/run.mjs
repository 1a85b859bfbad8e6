// @ts-check
/**
 * `npm run sweep`: the full robustness sweep (every node_modules TypeScript file, 2,000 mutated
 * files, the real CLI and tspc on every batch). Prints totals per front end and every failure,
 * writes the report as JSON and exits non-zero on any failure.
 *
 *   node sweep/run.mjs [--node-modules <limit, 0 = all>] [--packages <a,b>] [--mutated 2000] [--seed 1]
 *                      [--scale 2000] [--batch 200] [--out bench-out/sweep-report.json]
 *                      [--workspace <dir>]
 *
 * --workspace sweeps the packages built in another copy of this repository (e.g. with a fix
 * applied); the corpus is always this repository's node_modules and examples.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_WORKSPACE, runSweep } from './sweep.mjs';

/**
 * @type {{ nodeModules: number, packages?: string[], mutated: number, seed: number, scale: number, batch: number,
 *   out: string, workspace: string }}
 */
const options = {
  nodeModules: 0,
  mutated: 2000,
  seed: 1,
  scale: 2000,
  batch: 200,
  out: join(DEFAULT_WORKSPACE, 'bench-out', 'sweep-report.json'),
  workspace: DEFAULT_WORKSPACE,
};
/** @type {Record<string, keyof typeof options | undefined>} */
const FLAGS = {
  '--node-modules': 'nodeModules',
  // Only these packages' files of node_modules, e.g. --packages electrodb,dynamodb-onetable,@typedorm/common.
  '--packages': 'packages',
  '--mutated': 'mutated',
  '--seed': 'seed',
  '--scale': 'scale',
  '--batch': 'batch',
  '--out': 'out',
  '--workspace': 'workspace',
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  const key = FLAGS[flag];
  if (!key || value === undefined) {
    process.stderr.write(`unknown option or missing value: ${flag}\n`);
    process.exit(2);
  }
  if (key === 'out' || key === 'workspace') options[key] = value;
  else if (key === 'packages') options[key] = value.split(',');
  else options[key] = Number(value);
}

const report = await runSweep({
  workspace: resolve(options.workspace),
  nodeModules: { limit: options.nodeModules, packages: options.packages },
  mutated: { count: options.mutated, seed: options.seed, scale: options.scale },
  batchSize: options.batch,
  tools: 'every',
  log: (message) => process.stderr.write(`${message}\n`),
});

const lines = [`swept ${report.files.nodeModules} node_modules files and ${report.files.mutated} mutated files in ${(report.durationMs / 1000).toFixed(0)} s`];
/** @type {[title: string, width: number, value: (frontEnd: string, totals: import('./sweep.mjs').Totals) => string | number][]} */
const columns = [
  ['front end', 20, (frontEnd) => frontEnd],
  ['files', 7, (_, t) => t.checked],
  ['findings', 9, (_, t) => t.findings],
  ['crashes', 8, (_, t) => t.crashes],
  ['internal', 9, (_, t) => t.internalErrors],
  ['false+', 7, (_, t) => t.falsePositives],
  ['host errors', 12, (_, t) => t.hostErrors],
  ['seconds', 8, (_, t) => (t.ms / 1000).toFixed(1)],
];
/** @param {(string | number)[]} cells */
const row = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(columns[i][1]) : String(cell).padStart(columns[i][1]))).join(' ');
lines.push(row(columns.map(([title]) => title)));
for (const [frontEnd, t] of Object.entries(report.totals)) lines.push(row(columns.map(([, , value]) => value(frontEnd, t))));
for (const failure of report.failures.slice(0, 50)) {
  lines.push(`\n${failure.kind}${failure.frontEnd ? ` in ${failure.frontEnd}` : ''}: ${failure.file ?? failure.batch}\n${failure.error ?? failure.detail}`);
}
lines.push(report.failures.length === 0 ? '\nno failures' : `\n${report.failures.length} failure(s)`);
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify({ options, ...report }, null, 2)}\n`);
process.stdout.write(`${lines.join('\n')}\nreport: ${options.out}\n`);
process.exitCode = report.failures.length === 0 ? 0 : 1;
