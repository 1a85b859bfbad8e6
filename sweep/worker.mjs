// @ts-check
/**
 * Runs the in-process front ends on one batch and writes their outcomes as JSON. The sweep starts
 * one such process per batch, so a front end that hangs or exhausts memory on some file is caught
 * by a timeout, named with its batch, and cannot take the whole sweep down with it.
 * Usage: node sweep/worker.mjs <batch.json> <outcomes.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readJson } from '../bench/json.mjs';
import { loadFrontEnds, runEngineUntyped, runEslint, runTransform, runTsserverPlugin } from './front-ends.mjs';

/** @typedef {import('./sweep.mjs').Batch} Batch */

const [batchPath, outPath] = process.argv.slice(2);
/** @type {Batch} */
const batch = readJson(batchPath);
const frontEnds = loadFrontEnds(batch.workspace);
const files = batch.files.map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }));
/** @type {import('./front-ends.mjs').Outcomes[]} */
const outcomes = [];
/**
 * Runs one front end and notes how long it took, so a slow one can be told from a hung one.
 * @param {() => import('./front-ends.mjs').Outcomes} run
 */
const timed = (run) => {
  const started = performance.now();
  const outcome = run();
  outcome.ms = performance.now() - started;
  outcomes.push(outcome);
};
timed(() => runEngineUntyped(frontEnds, files));
timed(() => runEslint(frontEnds, files));

if (batch.tsconfig) {
  const { ts } = frontEnds;
  const tsconfig = batch.tsconfig;
  // Never undefined: an unrecoverable diagnostic throws instead.
  const parsed = /** @type {import('typescript').ParsedCommandLine} */ (ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  }));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  timed(() => runTransform(frontEnds, program, files));
  // typescript-eslint finds each linted file in the program by its absolute path.
  timed(() => runEslint(frontEnds, files, { program, cwd: dirname(tsconfig), paths: (file) => file.path }));
  timed(() => runTsserverPlugin(frontEnds, parsed.fileNames, parsed.options, files));
}
writeFileSync(outPath, JSON.stringify(outcomes));
