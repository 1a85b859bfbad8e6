// @ts-check
/**
 * The robustness sweep: every front end over TypeScript shipped in node_modules and over mutated
 * example files. It passes when no front end crashes, none reports an internal error, none reports
 * anything on code that does not use our decorators, and front ends that see the same program
 * agree on every finding.
 *
 * node_modules files are checked twice: as shipped (their own name, engine and ESLint untyped),
 * and renamed to a source file with an import of our decorators prepended, which turns every
 * front end's full analysis on (the text pre-filter would otherwise skip them) while they still
 * use none of the decorators, so every finding is a false positive.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateProject } from '../bench/generate.mjs';
import { parseJson, readJson } from '../bench/json.mjs';
import { ts } from '../bench/typescript-project.mjs';
import { asSourceFileName, nodeModulesFiles, sample } from './corpus.mjs';
import { BARREL_FILES, mutatedCorpus } from './mutations.mjs';

/**
 * @typedef {import('./front-ends.mjs').Outcome} Outcome
 * @typedef {import('./mutations.mjs').NamedText} NamedText
 * @typedef {'node_modules' | 'mutated'} Corpus
 * @typedef {{ workspace: string, tsconfig?: string, files: { name: string, path: string }[] }} Batch
 *   what a worker is given (tsconfig: the project the typed front ends share, absent for untyped-only batches)
 * @typedef {{ id: string, corpus: Corpus, files: string[], outcomes: Outcome[], failure?: string }} BatchResult
 * @typedef {{ root: string, files: { name: string, path: string }[], byRelative: Map<string, string> }} Project
 *   a written project: its files' names in the report and paths, and those names by path relative to the root
 * @typedef {{ checked: number, findings: number, filesWithFindings: number, crashes: number, internalErrors: number,
 *   hostErrors: number, falsePositives: number, ms: number }} Totals one front end's totals over the sweep
 * @typedef {{ kind: 'worker' | 'crash' | 'internal-error' | 'false-positive' | 'disagreement', frontEnd?: string,
 *   file?: string, batch?: string, error?: string, detail?: string }} Failure
 * @typedef {{ stdout: string, stderr: string, code?: number | string | null }} ToolRun
 *   a tool's run, or the error execFile rejects with when it fails (code: its exit code, or why it did not run)
 * @typedef {Outcome & { add: (relativeFile: string, line: string) => void, done: () => Outcome }} ToolOutcome
 */

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));
export const DEFAULT_WORKSPACE = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_OUR_DECORATORS = "import { apiEndpoint, capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';\n";
const TYPED = ['ts-patch-transform', 'tsserver-plugin', 'eslint-typed', 'cli', 'tspc'];
const UNTYPED = ['engine-untyped', 'eslint-untyped'];

/**
 * @param {object} options
 * @param {string} [options.workspace] repository whose built packages are swept
 * @param {{ limit: number, maxSize?: number, packages?: string[] }} options.nodeModules how many node_modules files (0: all), of which packages (all when absent)
 * @param {{ count: number, seed?: number, scale?: number }} options.mutated
 * @param {number} [options.batchSize] files per program / worker process
 * @param {'every' | 'first' | 'none'} [options.tools] which typed batches also run the real CLI and tspc
 * @param {number} [options.timeoutMs] per worker process
 * @param {(message: string) => void} [options.log]
 */
export async function runSweep(options) {
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 200;
  const tools = options.tools ?? 'every';
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const scratch = mkdtempSync(join(tmpdir(), 'capsule-guard-sweep-'));
  const started = Date.now();
  /** @type {BatchResult[]} */
  const results = [];
  const counts = { nodeModules: 0, mutated: 0 };
  try {
    // The corpus is this repository's node_modules, whichever workspace's build is swept.
    const packages = options.nodeModules.packages;
    /** @param {import('./corpus.mjs').CorpusFile} file */
    const inPackages = (file) => !packages || packages.some((name) => file.name.startsWith(`${name}/`));
    const shipped = sample(nodeModulesFiles(join(DEFAULT_WORKSPACE, 'node_modules')).filter(inPackages), options.nodeModules);
    const mutated = mutatedCorpus(mutationSources(scratch), options.mutated);
    Object.assign(counts, { nodeModules: shipped.length, mutated: mutated.length });
    log(`${shipped.length} node_modules files, ${mutated.length} mutated files`);

    // As shipped: own names, untyped front ends only (the typed ones skip declaration files).
    for (const [index, files] of chunks(shipped, batchSize * 4).entries()) {
      const batch = { workspace, files: files.map((f) => ({ name: `shipped/${label(f.name)}`, path: f.path })) };
      results.push(await runBatch(`shipped-${index}`, 'node_modules', batch, scratch, timeoutMs, log));
    }
    const importing = shipped.map((f) => ({ name: `importing/${label(f.name)}`, text: IMPORT_OUR_DECORATORS + readFileSync(f.path, 'utf8') }));
    // tsc reports nothing but syntax errors while any file of the program has one, so files that
    // do not parse get programs of their own, where tspc is only watched for crashing.
    const typedBatches = [
      ...byParsing(importing).flatMap(({ parses, files }) => chunks(files, batchSize).map((batch) => ({ corpus: /** @type {const} */ ('node_modules'), parses, files: batch }))),
      ...byParsing(mutated).flatMap(({ parses, files }) => chunks(files, batchSize).map((batch) => ({ corpus: /** @type {const} */ ('mutated'), parses, files: batch }))),
    ];
    /** @type {Set<string>} */
    const toolsRunOn = new Set();
    for (const [index, { corpus, parses, files }] of typedBatches.entries()) {
      const dir = writeProject(join(scratch, `typed-${index}`), workspace, files);
      const batch = { workspace, tsconfig: join(dir.root, 'tsconfig.json'), files: dir.files };
      const result = await runBatch(`typed-${index}`, corpus, batch, scratch, timeoutMs, log);
      const kind = `${corpus}-${parses}`;
      if (tools === 'every' || (tools === 'first' && !toolsRunOn.has(kind))) {
        toolsRunOn.add(kind);
        result.outcomes.push(await runCli(workspace, dir));
        result.outcomes.push(await runTspc(workspace, dir, parses));
      }
      results.push(result);
      rmSync(dir.root, { recursive: true, force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { durationMs: Date.now() - started, files: counts, ...summarise(results) };
}

/**
 * The examples, the parity fixture and a few generated benchmark files: code that uses every decorator.
 * @param {string} scratch
 */
function mutationSources(scratch) {
  const workspace = DEFAULT_WORKSPACE;
  /** @type {NamedText[]} */
  const sources = [];
  const adopted = ['electrodb', 'onetable', 'typedorm', 'nestjs', 'tsoa', 'fastify'].flatMap((example) => [
    `examples/${example}/clean/src`,
    `examples/${example}/leaky/src`,
  ]);
  for (const dir of ['examples/clean/src', 'examples/leaky/src', ...adopted, 'test/parity/fixture/src']) {
    for (const name of readdirSync(join(workspace, dir)).filter((n) => n.endsWith('.ts')).sort()) {
      sources.push({ name: `${dir}/${name}`, text: readFileSync(join(workspace, dir, name), 'utf8') });
    }
  }
  const generated = generateProject(join(scratch, 'generated'), { files: 15, leakEvery: 1, nodeModules: join(workspace, 'node_modules') });
  for (const name of ['catalog/entities20.ts', 'm00000/orders.ts', 'm00000/accounts.ts', 'm00000/ledger.ts', 'm00000/routes.ts']) {
    sources.push({ name: `generated/${name}`, text: readFileSync(join(generated.dir, 'src', name), 'utf8') });
  }
  return sources;
}

/**
 * Files that parse without syntax errors, and those that do not.
 * @param {NamedText[]} files
 */
function byParsing(files) {
  const parses = files.map((file) => {
    // The syntax errors of a file are internal to TypeScript: not in its declarations.
    const sourceFile = /** @type {import('typescript').SourceFile & { parseDiagnostics: readonly import('typescript').Diagnostic[] }} */ (
      ts.createSourceFile(file.name, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
    );
    return sourceFile.parseDiagnostics.length === 0;
  });
  return [
    { parses: true, files: files.filter((_, i) => parses[i]) },
    { parses: false, files: files.filter((_, i) => !parses[i]) },
  ];
}

/**
 * A file's name in the report; no node_modules segment, or ESLint would ignore it as a dependency.
 * @param {string} name
 */
const label = (name) => name.replaceAll('node_modules/', 'nm/');

/**
 * @template T
 * @param {T[]} items
 * @param {number} size
 * @returns {T[][]}
 */
const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * A project the typed front ends share: one tsconfig, the files, and node_modules to resolve our packages.
 * @param {string} root
 * @param {string} workspace
 * @param {NamedText[]} files
 * @returns {Project}
 */
function writeProject(root, workspace, files) {
  mkdirSync(join(root, 'src'), { recursive: true });
  symlinkSync(join(workspace, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  // Barrels the mutated files may import our decorators through; checked only as their imports.
  for (const [name, text] of Object.entries(BARREL_FILES)) writeFileSync(join(root, 'src', name), text);
  const written = files.map((file, i) => {
    // Declaration files become source files: the typed front ends skip declaration files.
    const fileName = `${String(i).padStart(4, '0')}-${asSourceFileName(basename(file.name)).replace(/[^\w.-]+/gu, '_')}`;
    const path = join(root, 'src', fileName);
    writeFileSync(path, file.text);
    return { name: file.name, path, relative: `src/${fileName}` };
  });
  const compilerOptions = {
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    plugins: [{ name: '@capsule-guard/ts-plugin' }, { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true }],
  };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: written.map((f) => f.relative) }, null, 2));
  return { root, files: written.map(({ name, path }) => ({ name, path })), byRelative: new Map(written.map((f) => [f.relative, f.name])) };
}

/**
 * @param {string} id
 * @param {Corpus} corpus
 * @param {Batch} batch
 * @param {string} scratch
 * @param {number} timeoutMs
 * @param {(message: string) => void} log
 * @returns {Promise<BatchResult>}
 */
async function runBatch(id, corpus, batch, scratch, timeoutMs, log) {
  const batchPath = join(scratch, `${id}.json`);
  const outPath = join(scratch, `${id}.outcomes.json`);
  writeFileSync(batchPath, JSON.stringify(batch));
  const started = Date.now();
  /** @type {{ code: number | null, signal: NodeJS.Signals | null, stderr: string }} */
  const { code, signal, stderr } = await new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, batchPath, outPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    /** @type {Buffer[]} */
    const chunksOfStderr = [];
    child.stderr.on('data', /** @param {Buffer} c */ (c) => chunksOfStderr.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: Buffer.concat(chunksOfStderr).toString() });
    });
  });
  log(`${id} (${corpus}, ${batch.files.length} files): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) {
    const why = signal === 'SIGKILL' ? `did not finish within ${timeoutMs / 1000} s` : `exited with ${code ?? signal}: ${stderr.slice(0, 4000)}`;
    return { id, corpus, files: batch.files.map((f) => f.name), outcomes: [], failure: `worker for ${id} ${why}` };
  }
  return { id, corpus, files: batch.files.map((f) => f.name), outcomes: readJson(outPath) };
}

/**
 * @param {number} line
 * @param {number} column
 * @param {string} ruleId
 * @param {string} message
 */
function normalise(line, column, ruleId, message) {
  return `${line}:${column} ${ruleId} ${message}`;
}

/**
 * `capsule-guard check --format json` on the batch's tsconfig, the real binary in its own process.
 * @param {string} workspace
 * @param {Project} dir
 * @returns {Promise<Outcome>}
 */
async function runCli(workspace, dir) {
  const outcome = toolOutcome('cli', dir);
  const started = Date.now();
  const bin = join(workspace, 'packages', 'cli', 'dist', 'bin.js');
  const result = await run(process.execPath, [bin, 'check', '-p', 'tsconfig.json', '--format', 'json'], { cwd: dir.root, maxBuffer: 1 << 30 })
    .then((r) => ({ ...r, code: 0 }))
    .catch(/** @param {ToolRun} e */ (e) => e);
  if (result.code !== 0 && result.code !== 1) {
    outcome.crashes.push({ file: '(batch)', error: `exit ${result.code}: ${result.stderr}` });
    return outcome;
  }
  outcome.ms = Date.now() - started;
  /** @type {import('@capsule-guard/cli').ReportedFinding[]} */
  const findings = parseJson(result.stdout);
  for (const finding of findings) {
    outcome.add(finding.file, normalise(finding.line, finding.column, finding.ruleId, finding.message));
  }
  return outcome.done();
}

/**
 * `tspc --noEmit`: the ts-patch transformer inside the real compiler. In a program with syntax
 * errors tsc stops before the semantic phase; there it is only watched for crashing.
 * @param {string} workspace
 * @param {Project} dir
 * @param {boolean} parses
 * @returns {Promise<Outcome>}
 */
async function runTspc(workspace, dir, parses) {
  const outcome = toolOutcome('tspc', dir);
  const started = Date.now();
  const tspc = join(workspace, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
  const result = await run(process.execPath, [tspc, '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], { cwd: dir.root, maxBuffer: 1 << 30 })
    .then((r) => ({ ...r, code: 0 }))
    .catch(/** @param {ToolRun} e */ (e) => e);
  // tsc exits 1 or 2 when the program has errors; anything else, or a stack trace, is a crash.
  if (typeof result.code !== 'number' || ![0, 1, 2].includes(result.code) || /\n\s+at /u.test(result.stderr ?? '')) {
    outcome.crashes.push({ file: '(batch)', error: `exit ${result.code}: ${result.stderr}` });
    return outcome;
  }
  outcome.ms = Date.now() - started;
  if (!parses) {
    for (const file of dir.files) outcome.hostErrors.push({ file: file.name, error: 'tsc stops at syntax errors in the program' });
    return outcome.done();
  }
  for (const line of result.stdout.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error TS99\d{4}: (.*) \[(capsule-guard\/[a-z-]+)\]$/u.exec(line);
    if (match) outcome.add(match[1], normalise(Number(match[2]), Number(match[3]), match[5], match[4]));
  }
  return outcome.done();
}

/**
 * Outcomes of a tool run as a child process, in the worker's JSON shape.
 * @param {string} frontEnd
 * @param {Project} dir
 */
function toolOutcome(frontEnd, dir) {
  /** @type {Map<string, string[]>} */
  const findings = new Map(dir.files.map((f) => [f.name, []]));
  /** @type {ToolOutcome} */
  const outcome = {
    frontEnd,
    findings: {},
    checked: dir.files.length,
    internalErrors: [],
    crashes: [],
    hostErrors: [],
    add(relativeFile, line) {
      const name = dir.byRelative.get(relativeFile) ?? relativeFile;
      if (/could not finish checking/u.test(line)) outcome.internalErrors.push({ file: name, error: line });
      else if (findings.has(name)) findings.get(name)?.push(line);
      else findings.set(name, [line]);
    },
    done() {
      outcome.findings = Object.fromEntries([...findings].filter(([, lines]) => lines.length > 0));
      // Plain data from here on, like the worker's outcomes.
      delete (/** @type {Partial<ToolOutcome>} */ (outcome)).add;
      delete (/** @type {Partial<ToolOutcome>} */ (outcome)).done;
      return outcome;
    },
  };
  return outcome;
}

/**
 * Totals per front end, and the failures: crashes, internal errors, findings on node_modules
 * code, worker failures, and files where front ends that share a program disagree.
 * @param {BatchResult[]} results
 */
export function summarise(results) {
  /** @type {Record<string, Totals>} */
  const totals = {};
  /** @type {Failure[]} */
  const failures = [];
  for (const result of results) {
    if (result.failure) failures.push({ kind: 'worker', batch: result.id, detail: result.failure });
    for (const outcome of result.outcomes) {
      const total = (totals[outcome.frontEnd] ??= {
        checked: 0,
        findings: 0,
        filesWithFindings: 0,
        crashes: 0,
        internalErrors: 0,
        hostErrors: 0,
        falsePositives: 0,
        ms: 0,
      });
      total.checked += outcome.checked;
      total.ms += outcome.ms ?? 0;
      total.crashes += outcome.crashes.length;
      total.internalErrors += outcome.internalErrors.length;
      total.hostErrors += outcome.hostErrors.length;
      for (const crash of outcome.crashes) failures.push({ kind: 'crash', frontEnd: outcome.frontEnd, ...crash });
      for (const internal of outcome.internalErrors) failures.push({ kind: 'internal-error', frontEnd: outcome.frontEnd, ...internal });
      for (const [file, lines] of Object.entries(outcome.findings)) {
        total.findings += lines.length;
        total.filesWithFindings++;
        if (result.corpus === 'node_modules') {
          total.falsePositives += lines.length;
          failures.push({ kind: 'false-positive', frontEnd: outcome.frontEnd, file, error: lines.join('\n') });
        }
      }
    }
    failures.push(...disagreements(result));
  }
  return { totals, failures };
}

/**
 * Within a batch, front ends of one kind (typed, untyped) must report the same findings per file.
 * @param {BatchResult} result
 */
function disagreements(result) {
  /** @type {Failure[]} */
  const found = [];
  for (const group of [TYPED, UNTYPED]) {
    const outcomes = result.outcomes.filter((o) => group.includes(o.frontEnd));
    if (outcomes.length < 2) continue;
    // A front end whose host tool could not process the file, or that failed on it, has no say.
    const unable = new Map(outcomes.map((o) => [o, new Set([...o.hostErrors, ...o.crashes, ...o.internalErrors].map((e) => e.file))]));
    for (const file of result.files) {
      const seen = outcomes
        .filter((o) => !unable.get(o)?.has(file))
        .map((o) => ({ frontEnd: o.frontEnd, lines: [...(o.findings[file] ?? [])].sort() }));
      if (seen.length < 2) continue;
      const reference = JSON.stringify(seen[0].lines);
      const differing = seen.filter((s) => JSON.stringify(s.lines) !== reference);
      if (differing.length > 0) {
        found.push({
          kind: 'disagreement',
          file,
          error: seen.map((s) => `${s.frontEnd}:\n  ${s.lines.join('\n  ') || '(nothing)'}`).join('\n'),
        });
      }
    }
  }
  return found;
}
