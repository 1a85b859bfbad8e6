// @ts-check
/**
 * `npm run bench`: what capsule-guard costs each tool it runs in, as ratios measured side by side.
 *
 *   node bench/run.mjs [--files 2000] [--large 10000 | --no-large] [--reps 5] [--memory-reps 3]
 *                      [--warm-ups 1] [--tsserver-requests 40]
 *                      [--only tspc,ts-patch-install,eslint-untyped,eslint-typed,cli,staged,staged-large,tsserver,libraries,linear]
 *                      [--out bench-out/bench-report.json] [--workspace <dir>] [--leak-every 25]
 *
 * --leak-every N plants a deliberate leak in every Nth group of ten files (a tiny project needs a small N).
 * --tsserver-requests N: how many diagnostics requests the tsserver measurement times (a test of
 * the harness needs a few, not a stable median).
 * --warm-ups N: how many times each comparison runs every side before the timed repetitions (a
 * test of the harness needs none: its figures are not judged).
 * --workspace benchmarks the packages built in another copy of this repository (its
 * node_modules resolving @capsule-guard/* to its own packages), to compare a change before/after.
 *
 * Each comparison runs every side as a warm-up (once unless `--warm-ups` says otherwise), then
 * `reps` times in rotating order (AB, BA, … or ABC, BCA, CAB) so drift in the machine's load hits
 * all sides alike. A ratio is the median of the per-repetition ratios of CPU time (user + system of
 * the measured process), printed with their range; wall-time ratios are printed beside them. On a
 * shared 2-core machine two runs of the same command differ by several per cent, more than a 2 %
 * goal, so goals on what capsule-guard adds to a tool are judged on "1+ours": inside the run with
 * capsule-guard, the time its own code took (loading it, every engine call) set against the rest of
 * that same run, on one clock. Peak memory is compared in separate runs under V8's
 * --predictable-gc-schedule: with its default schedule V8 sizes the heap by how fast garbage
 * collection seems to run, so peak RSS of one and the same run swings by half depending on what
 * else the machine does. Every run is checked to report exactly the findings the generated project
 * holds, so a front end that did not load cannot pass as fast.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_FILE, eslintConfigName, generateProject, stageSharedKeyLeak } from './generate.mjs';
import { parseJson } from './json.mjs';
import { measure, median, runJson } from './processes.mjs';

/**
 * @typedef {import('./generate.mjs').GeneratedProject} GeneratedProject
 * @typedef {{ script: string, args: string[], count: (stdout: string) => number, findings: number, frontEnd?: string, withEngine?: boolean }} Side
 *   a command compared, how to count the findings in its output and how many it must report
 * @typedef {{ id: string, title: string, goal: number, judgedOn: 'ours' | 'wall' | 'cpu', memory: boolean, cpuComparable?: boolean,
 *   sides: Record<string, Side> & { a: Side, b: Side }, references?: Record<string, string> }} Comparison
 * @typedef {{ typed: number, untyped: number, staged: number, files: number }} Expected findings each side must report, and the project's size
 * @typedef {ReturnType<typeof pick>} Run one side's figures in one repetition
 * @typedef {{ a: Run & { processMs: number, oursMs: number, loadMs: number, engineMs: number } } & Record<string, Run>} Repetition
 *   every side's figures in one repetition; side `a` runs capsule-guard, so measure.mjs times its own code there
 * @typedef {Awaited<ReturnType<typeof runComparison>>} ComparisonResult
 * @typedef {{ wallMs: number, cpuMs: number, findings: number, cpuUsPerFile: number }} EnginePass
 * @typedef {{ files: number, typed: EnginePass, untyped: EnginePass, processCpuMs: number }} EngineCost what engine-cost.mjs prints
 * @typedef {{ file: string, iterations: number, baseRequestWallMs: number, pluginCpuMsPerRequest: number, pluginWallMsPerRequest: number,
 *   pluginWallMsMax: number, findingsPerRequest: number[], processCpuMs: number }} TsserverCost what tsserver-cost.mjs prints
 * @typedef {{ findings: number, passes: { engineMs: number, adaptersMs: number, wrapperUs: number }[], engineUsPerFile: number, adaptersUsPerFile: number,
 *   withOverWithout: number }} LibraryPasses
 * @typedef {{ files: number, filesWithLibraries: number, reps: number, typed: LibraryPasses, untyped: LibraryPasses, withOverWithout: number,
 *   processCpuMs: number }} LibraryCost what library-cost.mjs prints
 * @typedef {{ startedAt: string, workspace: string, node: string, cpus: number, project: GeneratedProject, expected: Expected,
 *   comparisons: ComparisonResult[], tsserver?: TsserverCost & { goalMs: number, pass: boolean, cpuRange: number[], runs: TsserverCost[] },
 *   libraries?: { files: number, filesWithLibraries: number, ratio: number, typed: number, untyped: number, goal: number, pass: boolean,
 *     runs: LibraryCost[] },
 *   linear?: Awaited<ReturnType<typeof linearity>>, finishedAt?: string,
 *   load?: { atStart: number[], atEnd: number[], duringRuns: ReturnType<typeof loadSummary> } }} Report
 */

/** @param {string} name */
const HERE = (name) => fileURLToPath(new URL(name, import.meta.url));
const WORK = join(tmpdir(), 'capsule-guard-bench');
const MEMORY_FLAGS = ['--predictable-gc-schedule'];
const ALL = ['tspc', 'ts-patch-install', 'eslint-untyped', 'eslint-typed', 'cli', 'staged', 'staged-large', 'tsserver', 'libraries', 'linear'];

let ROOT = HERE('..');
// Set by useWorkspace before anything reads them.
let NODE_MODULES = '', TSPC = '', TSC = '', TSC7 = '', ESLINT = '', CLI = '', TRANSFORMER = '', ESLINT_PLUGIN = '';

/** @param {string} root */
function useWorkspace(root) {
  ROOT = root;
  NODE_MODULES = join(ROOT, 'node_modules');
  TSPC = join(NODE_MODULES, 'ts-patch', 'bin', 'tspc.js');
  TSC = join(NODE_MODULES, 'typescript', 'lib', 'tsc.js');
  TSC7 = join(NODE_MODULES, 'typescript7', 'bin', 'tsc');
  ESLINT = join(NODE_MODULES, 'eslint', 'bin', 'eslint.js');
  CLI = join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
  TRANSFORMER = join(ROOT, 'packages', 'ts-plugin', 'dist', 'transform.js');
  ESLINT_PLUGIN = join(ROOT, 'packages', 'eslint-plugin', 'dist', 'index.js');
}

/** @param {string[]} argv */
function parseArguments(argv) {
  const options = {
    files: 2000,
    large: 10000,
    reps: 5,
    memoryReps: 3,
    warmUps: 1,
    tsserverRequests: 40,
    leakEvery: 25,
    only: ALL,
    out: join(ROOT, 'bench-out', 'bench-report.json'),
    workspace: ROOT,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--files') options.files = Number(value());
    else if (flag === '--large') options.large = Number(value());
    else if (flag === '--no-large') options.large = 0;
    else if (flag === '--leak-every') options.leakEvery = Number(value());
    else if (flag === '--reps') options.reps = Number(value());
    else if (flag === '--memory-reps') options.memoryReps = Number(value());
    else if (flag === '--warm-ups') options.warmUps = Number(value());
    else if (flag === '--tsserver-requests') options.tsserverRequests = Number(value());
    else if (flag === '--only') options.only = value().split(',');
    else if (flag === '--out') options.out = value();
    else if (flag === '--workspace') options.workspace = value();
    else throw new Error(`unknown option ${flag}`);
  }
  const unknown = options.only.filter((id) => !ALL.includes(id));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  return options;
}

/**
 * Lines tsc prints for our diagnostics (TS990000 and up).
 * @param {string} stdout
 */
const countTscFindings = (stdout) => stdout.split('\n').filter((line) => /\): error TS99\d{4}: /u.test(line)).length;

/**
 * What bench/count-formatter.cjs printed: our findings counted, anything else listed.
 * @param {string} stdout
 */
function countEslintFindings(stdout) {
  /** @type {{ ours: number, others: string[] }} */
  const { ours, others } = parseJson(stdout);
  if (others.length > 0) throw new Error(`unexpected ESLint messages:\n${others.slice(0, 20).join('\n')}`);
  return ours;
}

/** @param {string} stdout */
const countCliFindings = (stdout) => /** @type {import('@capsule-guard/cli').ReportedFinding[]} */ (parseJson(stdout)).length;

/**
 * The comparisons. Side `a` runs capsule-guard, `b` is what the goal compares it with, `c` a
 * further reference. On side `a`, every engine call is timed, and loading `frontEnd` (measure.mjs).
 * @param {string} patchedTsc
 * @param {Expected} expected
 * @returns {Comparison[]}
 */
function comparisons(patchedTsc, expected) {
  /**
   * @param {string} script
   * @param {string} config
   */
  const tsc = (script, config) => ({ script, args: ['-p', config, '--noEmit', '--pretty', 'false'], count: countTscFindings });
  // A formatter that counts: printing thousands of findings (untyped, every cross-file template
  // fails closed) is output work, not the check's, and it would weigh on one side only.
  /**
   * @param {boolean} typed
   * @param {string} kind
   */
  const eslint = (typed, kind) => ({ script: ESLINT, args: ['-c', eslintConfigName(typed, kind), '-f', HERE('./count-formatter.cjs'), 'src'], count: countEslintFindings });
  /**
   * @param {boolean} typed
   * @returns {Comparison}
   */
  const eslintComparison = (typed) => ({
    id: typed ? 'eslint-typed' : 'eslint-untyped',
    title: `ESLint ${typed ? 'typed' : 'untyped'}: recommended / baseline`,
    goal: 1.05,
    judgedOn: 'ours',
    memory: true,
    sides: {
      a: { ...eslint(typed, 'recommended'), findings: typed ? expected.typed : expected.untyped, frontEnd: ESLINT_PLUGIN },
      b: { ...eslint(typed, 'baseline'), findings: 0 },
      c: { ...eslint(typed, 'parser-only'), findings: 0 },
    },
    // The baseline runs one rule that does nothing: once any rule is on, ESLint traverses every
    // file, which it skips with none; what capsule-guard adds is what it costs beyond that.
    references: {
      'a/c': 'A / C: recommended / parser only',
      'b/c': `B / C: baseline / parser only (ESLint itself)`,
    },
  });
  return [
    {
      id: 'tspc',
      title: 'tspc --noEmit: transformer on / off',
      goal: 1.02,
      judgedOn: 'ours',
      memory: true,
      sides: {
        a: { ...tsc(TSPC, 'tsconfig.json'), findings: expected.typed, frontEnd: TRANSFORMER },
        b: { ...tsc(TSPC, 'tsconfig.plain.json'), findings: 0 },
      },
    },
    {
      id: 'ts-patch-install',
      title: 'ts-patch-installed tsc: transformer on / off',
      goal: 1.02,
      judgedOn: 'ours',
      memory: true,
      sides: {
        a: { ...tsc(patchedTsc, 'tsconfig.json'), findings: expected.typed, frontEnd: TRANSFORMER },
        b: { ...tsc(patchedTsc, 'tsconfig.plain.json'), findings: 0 },
        // Plain tsc ignores the transformer entry: what the build costs without ts-patch at all.
        c: { ...tsc(TSC, 'tsconfig.json'), findings: 0 },
      },
      references: {
        'a/c': 'A / C: transformer on / unpatched tsc',
        'b/c': "B / C: ts-patch's own cost, no plugins / unpatched",
      },
    },
    eslintComparison(false),
    eslintComparison(true),
    {
      id: 'cli',
      title: 'capsule-guard check / tsc 7 --noEmit',
      goal: 0.5,
      judgedOn: 'wall',
      // tsc 7 compiles in a native child process, whose CPU time the measurement does not see.
      cpuComparable: false,
      memory: false,
      sides: {
        a: { ...check([]), findings: expected.typed },
        b: { ...tsc(TSC7, 'tsconfig.json'), findings: 0 },
        c: { ...tsc(TSC, 'tsconfig.json'), findings: 0 },
      },
      references: { 'a/c': 'A / C: capsule-guard check / tsc 6 --noEmit' },
    },
    stagedComparison('staged', expected),
  ];
}

/**
 * The options of one `capsule-guard check` run, in JSON, with the engine's time summed.
 * @param {string[]} extra
 */
const check = (extra) => ({ script: CLI, args: ['check', ...extra, '-p', 'tsconfig.json', '--format', 'json'], count: countCliFindings, withEngine: true });

/**
 * `check --staged` on a commit changing the shared key module (see stageSharedKeyLeak) / the whole project.
 * @param {string} id
 * @param {Pick<Expected, 'typed' | 'staged' | 'files'>} expected
 * @returns {Comparison}
 */
function stagedComparison(id, expected) {
  return {
    id,
    title: `check --staged (20 dependents) / check, ${expected.files.toLocaleString('en')} files`,
    goal: 0.25,
    judgedOn: 'wall',
    memory: false,
    sides: {
      a: { ...check(['--staged']), findings: expected.staged },
      b: { ...check([]), findings: expected.typed },
    },
  };
}

/**
 * @param {Side} side
 * @param {string} cwd
 * @param {string[]} [nodeFlags]
 */
async function runSide(side, cwd, nodeFlags = []) {
  const engine = side.withEngine || side.frontEnd ? join(ROOT, 'packages', 'engine', 'dist', 'check.js') : undefined;
  const result = await measure({ script: side.script, args: side.args, cwd, engine, frontEnd: side.frontEnd, nodeFlags });
  let found;
  try {
    found = side.count(result.stdout);
  } catch (error) {
    throw new Error(`${side.args.join(' ')}: ${/** @type {Error} */ (error).message}\n${result.stderr}`);
  }
  if (found !== side.findings) {
    throw new Error(
      `${side.script} ${side.args.join(' ')} reported ${found} capsule-guard findings, expected ${side.findings} ` +
        `(exit ${result.exitCode}); the measurement would not be of a working front end.\n${result.stderr.slice(0, 2000)}`,
    );
  }
  return result;
}

/**
 * Runs every side `reps` times, in rotating order; returns one record per repetition.
 * @param {Comparison} comparison
 * @param {string} cwd
 * @param {number} reps
 * @param {string[]} nodeFlags
 * @param {(message: string) => void} log
 * @param {string} label
 */
async function repeat(comparison, cwd, reps, nodeFlags, log, label) {
  const keys = Object.keys(comparison.sides);
  /** @type {Repetition[]} */
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    const order = keys.map((_, i) => keys[(i + rep) % keys.length]);
    /** @type {Record<string, Run>} */
    const run = {};
    for (const key of order) run[key] = pick(await runSide(comparison.sides[key], cwd, nodeFlags));
    // Every side ran, and side a with its own code timed (see Repetition).
    runs.push(/** @type {Repetition} */ (run));
    const { a, b } = run;
    log(
      `  ${label} ${rep + 1}/${reps}: cpu ${(a.cpuMs / b.cpuMs).toFixed(3)} wall ${(a.wallMs / b.wallMs).toFixed(3)} ` +
        `rss ${(a.maxRssKb / b.maxRssKb).toFixed(3)} ours ${a.oursMs?.toFixed(0)} of ${a.processMs?.toFixed(0)} ms ` +
        `(load ${a.loadMs?.toFixed(0)}, engine ${a.engineMs?.toFixed(0)}; machine load ${a.load1.toFixed(1)})`,
    );
  }
  return runs;
}

/** @param {Awaited<ReturnType<typeof measure>>} result */
const pick = ({ wallMs, cpuMs, maxRssKb, processMs, oursMs, loadMs, engineMs, ruleMs, load1 }) =>
  ({ wallMs, cpuMs, maxRssKb, processMs, oursMs, loadMs, engineMs, ruleMs, load1 });

/**
 * @param {Comparison} comparison
 * @param {string} cwd
 * @param {{ reps: number, memoryReps: number, warmUps: number }} options
 * @param {(message: string) => void} log
 */
async function runComparison(comparison, cwd, options, log) {
  log(comparison.title);
  for (let warmUp = 0; warmUp < options.warmUps; warmUp++) for (const side of Object.values(comparison.sides)) await runSide(side, cwd);
  const runs = await repeat(comparison, cwd, options.reps, [], log, 'rep');
  const memoryRuns = comparison.memory ? await repeat(comparison, cwd, options.memoryReps, MEMORY_FLAGS, log, 'memory rep') : [];
  /**
   * @param {Repetition[]} records
   * @param {'cpuMs' | 'wallMs' | 'maxRssKb'} metric
   * @param {string[]} sides the two sides set against each other
   */
  const ratios = (records, metric, [x, y]) => records.map((r) => r[x][metric] / r[y][metric]);
  /** @type {(...args: Parameters<typeof ratios>) => number} */
  const ratio = (records, metric, sides) => median(ratios(records, metric, sides));
  const cpuRatios = ratios(runs, 'cpuMs', ['a', 'b']);
  const cpuRatio = median(cpuRatios);
  // What capsule-guard's own code took (loading it, every engine call) against the rest of the same
  // run, both on its clock: what it adds, free of the drift between two runs on a shared machine.
  const oursShare = 1 + median(runs.map((r) => r.a.oursMs / (r.a.processMs - r.a.oursMs)));
  const judgedOn = comparison.judgedOn ?? 'cpu';
  const wallRatio = ratio(runs, 'wallMs', ['a', 'b']);
  const judged = { ours: oursShare, wall: wallRatio, cpu: cpuRatio }[judgedOn];
  const rssRatio = comparison.memory ? ratio(memoryRuns, 'maxRssKb', ['a', 'b']) : undefined;
  const references = Object.entries(comparison.references ?? {}).map(([pair, title]) => {
    const sides = pair.split('/');
    return {
      pair,
      title,
      cpuRatio: ratio(runs, 'cpuMs', sides),
      wallRatio: ratio(runs, 'wallMs', sides),
      rssRatio: comparison.memory ? ratio(memoryRuns, 'maxRssKb', sides) : undefined,
    };
  });
  return {
    id: comparison.id,
    title: comparison.title,
    goal: comparison.goal,
    cpuRatio: comparison.cpuComparable === false ? undefined : cpuRatio,
    wallRatio,
    rssRatio,
    cpuRange: comparison.cpuComparable === false ? undefined : [Math.min(...cpuRatios), Math.max(...cpuRatios)],
    oursShare,
    oursMs: median(runs.map((r) => r.a.oursMs)),
    loadMs: median(runs.map((r) => r.a.loadMs)),
    cpuMs: Object.fromEntries(Object.keys(comparison.sides).map((key) => [key, median(runs.map((r) => r[key].cpuMs))])),
    judgedOn,
    pass: judged <= comparison.goal,
    memoryPass: rssRatio === undefined ? undefined : rssRatio <= 1.05,
    references,
    runs,
    memoryRuns,
  };
}

/** A copy of the workspace's TypeScript, patched in place by `ts-patch install` (the repo's own copy stays untouched). */
function patchedTypeScript() {
  const dir = join(WORK, 'patched', 'node_modules', 'typescript');
  const tsPatch = join(NODE_MODULES, 'ts-patch', 'bin', 'ts-patch.js');
  rmSync(join(WORK, 'patched'), { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(join(NODE_MODULES, 'typescript'), dir, { recursive: true, dereference: true });
  execFileSync(process.execPath, [tsPatch, 'install', '-s', '--no-cache', '-d', dir], { stdio: 'pipe' });
  const status = execFileSync(process.execPath, [tsPatch, 'check', '-d', dir], { encoding: 'utf8' });
  if (!/tsc\.js[^\n]*patched/iu.test(status)) throw new Error(`ts-patch install did not patch ${dir}:\n${status}`);
  return join(dir, 'lib', 'tsc.js');
}

let LEAK_EVERY = 25;
/** @param {number} files */
const project = (files) => generateProject(join(WORK, `project-${files}`), { files, leakEvery: LEAK_EVERY, nodeModules: NODE_MODULES });

/**
 * @param {string} dir
 * @returns {Promise<EngineCost>}
 */
async function engineCost(dir) {
  return /** @type {EngineCost} */ (await runJson(HERE('./engine-cost.mjs'), [dir, ROOT], ROOT));
}

/**
 * Cost per file at two sizes: the engine's own (in process) and the whole CLI run.
 * @param {GeneratedProject} small
 * @param {number} largeFiles
 * @param {number} reps
 * @param {(message: string) => void} log
 */
async function linearity(small, largeFiles, reps, log) {
  log(`linearity, ${small.files} → ${largeFiles} files`);
  const large = project(largeFiles);
  /** @param {GeneratedProject} info */
  const perFile = async (info) => {
    /** @type {number[]} */
    const engine = [];
    /** @type {number[]} */
    const cli = [];
    for (let rep = 0; rep < reps; rep++) {
      const cost = await engineCost(info.dir);
      engine.push(cost.typed.cpuMs / cost.files);
      const run = await measure({ script: CLI, args: ['check', '-p', 'tsconfig.json', '--format', 'json'], cwd: info.dir });
      if (countCliFindings(run.stdout) !== info.expectedTypedFindings) throw new Error(`capsule-guard check on ${info.dir} reported the wrong findings`);
      cli.push(run.cpuMs / info.files);
      log(`  ${info.files} files: engine ${(engine[engine.length - 1] * 1000).toFixed(0)} µs/file, CLI ${(cli[cli.length - 1] * 1000).toFixed(0)} µs/file`);
    }
    return { files: info.files, engineUsPerFile: median(engine) * 1000, cliUsPerFile: median(cli) * 1000 };
  };
  const smallCost = await perFile(small);
  const largeCost = await perFile(large);
  rmSync(large.dir, { recursive: true, force: true });
  return {
    small: smallCost,
    large: largeCost,
    goal: 1.2,
    engineGrowth: largeCost.engineUsPerFile / smallCost.engineUsPerFile,
    cliGrowth: largeCost.cliUsPerFile / smallCost.cliUsPerFile,
  };
}

/** @param {Report} report */
function table(report) {
  /** @type {string[]} */
  const lines = [];
  const widths = [58, 8, 7, 13, 7, 7, 8, 4];
  /** @param {(string | undefined)[]} cells */
  const row = (cells) => lines.push(cells.map((c, i) => String(c ?? '').padEnd(widths[i] ?? 0)).join(' ').trimEnd());
  /** @param {number | undefined} value */
  const fixed = (value) => (value !== undefined && Number.isFinite(value) ? value.toFixed(3) : '');
  /** @param {number[] | undefined} bounds */
  const range = (bounds) => (bounds ? `${bounds[0].toFixed(2)}–${bounds[1].toFixed(2)}` : '');
  row(['comparison (A / B)', 'goal', 'cpu', 'cpu range', 'wall', 'rss', '1+ours', 'ok']);
  for (const c of report.comparisons) {
    const ok = c.pass && c.memoryPass !== false;
    /**
     * @param {number | undefined} value
     * @param {ComparisonResult['judgedOn']} on
     */
    const mark = (value, on) => (c.judgedOn === on ? `${fixed(value)}*` : fixed(value));
    row([c.title, `≤ ${c.goal}`, mark(c.cpuRatio, 'cpu'), range(c.cpuRange), mark(c.wallRatio, 'wall'), fixed(c.rssRatio), mark(c.oursShare, 'ours'), ok ? 'yes' : 'NO']);
    for (const r of c.references) row([`  ${r.title}`, '', fixed(r.cpuRatio), '', fixed(r.wallRatio), fixed(r.rssRatio)]);
  }
  if (report.tsserver) {
    const t = report.tsserver;
    const cpuRange = `${t.cpuRange[0].toFixed(2)}–${t.cpuRange[1].toFixed(2)}`;
    row(['tsserver plugin: ms added per request, 20 entities', '≤ 5 ms', `${t.pluginCpuMsPerRequest.toFixed(2)}*`, cpuRange, t.pluginWallMsPerRequest.toFixed(2), '', '', t.pass ? 'yes' : 'NO']);
  }
  if (report.libraries) {
    const l = report.libraries;
    row([`engine on ${l.files} files importing no library: adapters on / off, typed`, `≤ ${l.goal}`, `${fixed(l.typed)}*`, '', '', '', '', l.typed <= l.goal ? 'yes' : 'NO']);
    row([`  untyped`, `≤ ${l.goal}`, `${fixed(l.untyped)}*`, '', '', '', '', l.untyped <= l.goal ? 'yes' : 'NO']);
    row([`  not measured: ${l.filesWithLibraries} files importing one`]);
  }
  if (report.linear) {
    const l = report.linear;
    row([`engine µs/file, ${l.large.files} / ${l.small.files} files`, `≤ ${l.goal}`, `${fixed(l.engineGrowth)}*`, '', '', '', '', l.engineGrowth <= l.goal ? 'yes' : 'NO']);
    row([`capsule-guard check µs/file, ${l.large.files} / ${l.small.files} files`, `≤ ${l.goal}`, `${fixed(l.cliGrowth)}*`, '', '', '', '', l.cliGrowth <= l.goal ? 'yes' : 'NO']);
  }
  lines.push(
    '',
    '* the figure the goal is judged on. cpu: median of the per-repetition CPU-time ratios (their range beside it);',
    '  wall: the same of wall-clock times (blank cpu: a side runs its work in a child process the CPU time misses).',
    "1+ours: 1 + the time capsule-guard's own code took in the run (loading it, every engine call; for ESLint, all its rules",
    '  did, reports and garbage-collection pauses that fell inside them included) / the rest of that run.',
    'rss: peak memory, in separate runs under --predictable-gc-schedule.',
  );
  return lines.join('\n');
}

/** @param {ComparisonResult[]} comparisons */
function loadSummary(comparisons) {
  const loads = comparisons.flatMap((c) => c.runs.flatMap((r) => Object.values(r).map((side) => side.load1)));
  if (loads.length === 0) return undefined;
  return { min: Math.min(...loads), median: median(loads), max: Math.max(...loads) };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  useWorkspace(resolve(options.workspace));
  LEAK_EVERY = options.leakEvery;
  const log = (/** @type {string} */ message) => process.stderr.write(`${message}\n`);
  for (const built of [CLI, join(ROOT, 'packages', 'ts-plugin', 'dist', 'transform.js'), join(ROOT, 'packages', 'eslint-plugin', 'dist', 'index.js')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  }
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  log(`generating ${options.files} files in ${WORK}`);
  const small = project(options.files);
  const engine = await engineCost(small.dir);
  if (engine.typed.findings !== small.expectedTypedFindings) {
    throw new Error(`the engine reports ${engine.typed.findings} findings on the generated project, the generator planted ${small.expectedTypedFindings}`);
  }
  const selected = new Set(options.only);
  const expected = {
    typed: small.expectedTypedFindings,
    untyped: engine.untyped.findings,
    staged: selected.has('staged') ? stageSharedKeyLeak(small.dir, small) : 0,
    files: small.files,
  };
  /** @type {Report} */
  const report = { startedAt, workspace: ROOT, node: process.version, cpus: cpus().length, project: small, expected, comparisons: [] };

  const patchedTsc = selected.has('ts-patch-install') ? patchedTypeScript() : '';
  for (const comparison of comparisons(patchedTsc, expected)) {
    if (selected.has(comparison.id)) report.comparisons.push(await runComparison(comparison, small.dir, options, log));
  }
  if (selected.has('staged-large') && options.large > 0) {
    log(`generating ${options.large} files for the staged check`);
    const large = project(options.large);
    const largeExpected = { typed: large.expectedTypedFindings, staged: stageSharedKeyLeak(large.dir, large), files: large.files };
    report.comparisons.push(await runComparison(stagedComparison('staged-large', largeExpected), large.dir, options, log));
  }
  if (selected.has('tsserver')) {
    log('tsserver plugin, in process');
    // One process a repetition: a single run's figure moves by a third on this machine.
    /** @type {TsserverCost[]} */
    const runs = [];
    for (let rep = 0; rep < options.reps; rep++) {
      runs.push(/** @type {TsserverCost} */ (await runJson(HERE('./tsserver-cost.mjs'), [small.dir, CATALOG_FILE, String(options.tsserverRequests), ROOT], ROOT)));
      log(`  rep ${rep + 1}/${options.reps}: ${runs[rep].pluginCpuMsPerRequest.toFixed(2)} ms CPU, ${runs[rep].pluginWallMsPerRequest.toFixed(2)} ms wall a request`);
    }
    const cpuMs = runs.map((run) => run.pluginCpuMsPerRequest);
    const pluginCpuMsPerRequest = median(cpuMs);
    report.tsserver = {
      ...runs[0],
      pluginCpuMsPerRequest,
      pluginWallMsPerRequest: median(runs.map((run) => run.pluginWallMsPerRequest)),
      pluginWallMsMax: Math.max(...runs.map((run) => run.pluginWallMsMax)),
      cpuRange: [Math.min(...cpuMs), Math.max(...cpuMs)],
      runs,
      goalMs: 5,
      pass: pluginCpuMsPerRequest <= 5,
    };
  }
  if (selected.has('libraries')) {
    log('library adapters and route readers on files importing no library, in process');
    /** @type {LibraryCost[]} */
    const runs = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const cost = /** @type {LibraryCost} */ (await runJson(HERE('./library-cost.mjs'), [small.dir, ROOT, '5'], ROOT));
      runs.push(cost);
      for (const side of /** @type {const} */ (['typed', 'untyped'])) {
        const passes = cost[side];
        log(`  rep ${rep + 1}/${options.reps}, ${side}: engine ${passes.engineUsPerFile.toFixed(0)} µs/file, adapters ${passes.adaptersUsPerFile.toFixed(1)} µs/file`);
      }
    }
    const typed = median(runs.map((run) => run.typed.withOverWithout));
    const untyped = median(runs.map((run) => run.untyped.withOverWithout));
    const ratio = Math.max(typed, untyped);
    report.libraries = { files: runs[0].files, filesWithLibraries: runs[0].filesWithLibraries, ratio, typed, untyped, goal: 1.05, pass: ratio <= 1.05, runs };
  }
  if (selected.has('linear') && options.large > 0) {
    report.linear = await linearity(small, options.large, Math.max(2, Math.ceil(options.reps / 2)), log);
  }
  report.finishedAt = new Date().toISOString();
  report.load = { atStart: loadAtStart, atEnd: loadavg(), duringRuns: loadSummary(report.comparisons) };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `${table(report)}\n\nload average (1 min) during the runs: ${JSON.stringify(report.load.duringRuns)}\nreport: ${options.out}\n`,
  );
}

main().catch(/** @param {Error} error */ (error) => {
  process.stderr.write(`${error.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
