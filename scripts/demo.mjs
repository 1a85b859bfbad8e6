#!/usr/bin/env node
// @ts-check
/**
 * Runs every build-time front end of capsule-guard over the example projects, the way a user
 * would run them, and checks the outcome: examples/clean passes every one of them and
 * examples/leaky fails every one of them, for capsule-guard's reasons only. Then builds
 * examples/runtime-guard and runs it, to show the run-time guard refusing a cross-capsule read.
 *
 * Usage: npm run demo   (builds the packages first; this script expects them built)
 *        node scripts/demo.mjs [example…]   (only those examples, e.g. clean leaky fastify/leaky)
 * Exit code 0 exactly when every expectation held; otherwise 1, naming each one that did not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const color = process.stdout.isTTY && !process.env.NO_COLOR;

/**
 * @typedef {'pass' | 'fail' | 'fail closed'} Expectation
 * @typedef {{ name: string, expected: Expectation }} Example
 * @typedef {{ file: string | undefined, line: number, column: number, rule: string | undefined, text: string }} Finding
 * @typedef {{ name: string, command: (example: string) => string[], parse: (output: string) => Finding[], failureExitCodes: number[],
 *   expectOn?: Record<string, Expectation> }} Tool
 * @typedef {ReturnType<typeof runStep>} StepResult
 */

/**
 * What each example must do under every front end.
 * @type {Example[]}
 */
const EXAMPLES = [
  { name: 'clean', expected: 'pass' },
  { name: 'leaky', expected: 'fail' },
  // The same checks on entities declared with modelling libraries, in each library's own syntax,
  // and on the contract API's routes declared with NestJS, tsoa and Fastify (TypeBox).
  ...['electrodb', 'onetable', 'typedorm', 'nestjs', 'tsoa', 'fastify'].flatMap((example) => [
    { name: `${example}/clean`, expected: /** @type {const} */ ('pass') },
    { name: `${example}/leaky`, expected: /** @type {const} */ ('fail') },
  ]),
];

/**
 * The front ends, each as the command a user would type; the demo prints it and runs that
 * program (see runCommand). ESLint runs with the example's own config, once with type
 * information (as configured: projectService) and once without it.
 * @type {Tool[]}
 */
const TOOLS = [
  {
    name: 'eslint (untyped)',
    command: (example) => ['npx', 'eslint', '-c', `examples/${example}/eslint.config.mjs`,
      '--parser-options', 'projectService:false', ...(color ? ['--color'] : []), `examples/${example}`],
    parse: parseStylish,
    // 1 means "lint problems found"; anything else (2) is a crash or a configuration error.
    failureExitCodes: [1],
    // The examples' ids are branded types declared in another file, which only type information
    // reads: without it the rules fail closed on them instead of assuming them safe.
    expectOn: { clean: 'fail closed' },
  },
  {
    name: 'eslint (typed)',
    command: (example) => ['npx', 'eslint', '-c', `examples/${example}/eslint.config.mjs`,
      ...(color ? ['--color'] : []), `examples/${example}`],
    parse: parseStylish,
    failureExitCodes: [1],
  },
  {
    name: 'tspc --noEmit',
    command: (example) => ['npx', 'tspc', '--noEmit', '-p', `examples/${example}/tsconfig.json`, '--pretty', 'false'],
    parse: parseTsc,
    // tsc exits 1 or 2 when it reports errors, depending on whether output was skipped.
    failureExitCodes: [1, 2],
  },
  {
    name: 'capsule-guard check',
    command: (example) => ['npx', 'capsule-guard', 'check', '-p', `examples/${example}/tsconfig.json`],
    parse: parseCli,
    // 1 means "findings"; 2 is a usage or configuration error.
    failureExitCodes: [1],
  },
];

const RULE_ID = /\bcapsule-guard\/[a-z][a-z-]*$/u;
const INTERNAL_ERROR = /capsule-guard could not finish checking/u;
const UNVERIFIABLE = /cannot be verified/u;
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'gu');

/**
 * ESLint's default (stylish) output: a file name line, then "  line:col  error  message  rule".
 * @param {string} output
 */
function parseStylish(output) {
  /** @type {Finding[]} */
  const findings = [];
  /** @type {string | undefined} */
  let file;
  for (const raw of output.split('\n')) {
    const line = raw.replace(ANSI, '').trimEnd();
    const finding = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*)$/u.exec(line);
    if (finding) {
      const [, row, column, , rest] = finding;
      const rule = RULE_ID.exec(rest)?.[0];
      findings.push({ file, line: Number(row), column: Number(column), rule, text: rest });
    } else if (path.isAbsolute(line)) {
      file = path.relative(root, line);
    }
  }
  return findings;
}

/**
 * tsc's plain output: "file(line,col): error TS990003: message [capsule-guard/rule]".
 * @param {string} output
 */
function parseTsc(output) {
  /** @type {Finding[]} */
  const findings = [];
  for (const line of output.split('\n')) {
    const match = /^(.+)\((\d+),(\d+)\): error TS\d+: (.*)$/u.exec(line.trimEnd());
    if (match) {
      const [, file, row, column, text] = match;
      const rule = /\[(capsule-guard\/[a-z-]+)\]$/u.exec(text)?.[1];
      findings.push({ file, line: Number(row), column: Number(column), rule, text });
    } else if (/error TS\d+:/u.test(line)) {
      // A diagnostic without a position (e.g. a broken tsconfig) is still a finding.
      findings.push({ file: undefined, line: 0, column: 0, rule: undefined, text: line.trim() });
    }
  }
  return findings;
}

/**
 * The CLI's text output: "file:line:col - error capsule-guard/rule: message".
 * @param {string} output
 */
function parseCli(output) {
  /** @type {Finding[]} */
  const findings = [];
  for (const line of output.split('\n')) {
    const match = /^(.+):(\d+):(\d+) - error (capsule-guard\/[a-z-]+): (.*)$/u.exec(line.trimEnd());
    if (match) {
      const [, file, row, column, rule, text] = match;
      findings.push({ file, line: Number(row), column: Number(column), rule, text });
    }
  }
  return findings;
}

/**
 * @param {number} code
 * @param {string} text
 */
const paint = (code, text) => (color ? `${ESC}[${code}m${text}${ESC}[0m` : text);
const bold = (/** @type {string} */ text) => paint(1, text);
const green = (/** @type {string} */ text) => paint(32, text);
const red = (/** @type {string} */ text) => paint(31, text);

/**
 * Runs a printed command from the repository root. `npx <bin>` of a package installed here runs
 * `node_modules/.bin/<bin>`, and so does the demo, directly: npx itself takes about a second to
 * start, once for each of the demo's steps. Where no such bin exists, npx runs as printed.
 * @param {string[]} command
 * @param {NodeJS.ProcessEnv} [env]
 */
function runCommand([program, ...args], env = process.env) {
  const localBin = program === 'npx' && process.platform !== 'win32' ? path.join(root, 'node_modules', '.bin', args[0]) : undefined;
  if (localBin && existsSync(localBin)) return spawnSync(localBin, args.slice(1), { cwd: root, encoding: 'utf8', env });
  // npx is a script (npx.cmd) on Windows, which only a shell runs.
  return spawnSync(program, args, { cwd: root, encoding: 'utf8', env, shell: process.platform === 'win32' });
}

/**
 * Runs one front end on one example, prints its output and judges the result.
 * @param {Tool} tool
 * @param {Example} example
 */
function runStep(tool, example) {
  const expected = tool.expectOn?.[example.name] ?? example.expected;
  const command = tool.command(example.name);
  console.log(`\n${bold(`▶ ${example.name}: ${tool.name}`)}`);
  console.log(`$ ${command.join(' ')}`);
  const run = runCommand(command);
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (output.trim()) console.log(output.trimEnd());

  const findings = tool.parse(output);
  const outcome = run.status === 0 ? 'pass' : 'fail';
  /** @type {string[]} */
  const problems = [];
  if (run.error || run.status === null) {
    problems.push(`did not run (${run.error?.message ?? `killed by ${run.signal}`})`);
  } else if (expected === 'pass') {
    if (run.status !== 0) problems.push(`exited ${run.status} with ${findings.length} finding(s)`);
  } else if (expected === 'fail closed') {
    if (!tool.failureExitCodes.includes(run.status)) problems.push(`exited ${run.status}`);
    const verified = findings.filter((f) => !UNVERIFIABLE.test(f.text));
    if (verified.length > 0) problems.push(`reported ${verified.length} finding(s) other than "cannot be verified"`);
  } else {
    if (run.status === 0) problems.push('passed: the leaks went unreported');
    else if (!tool.failureExitCodes.includes(run.status)) problems.push(`crashed (exit code ${run.status})`);
    if (run.status !== 0 && findings.length === 0) problems.push(`exited ${run.status} without reporting a finding`);
    const foreign = findings.filter((f) => !f.rule);
    if (foreign.length > 0) problems.push(`reported ${foreign.length} problem(s) that are not capsule-guard findings`);
    const internal = findings.filter((f) => INTERNAL_ERROR.test(f.text));
    if (internal.length > 0) problems.push(`reported ${internal.length} internal error(s) instead of findings`);
  }

  const verdict = problems.length === 0 ? green('as expected') : red('NOT as expected');
  console.log(`→ ${outcome}, ${findings.length} finding(s); expected ${expected}: ${verdict}`);
  return { tool: tool.name, example: example.name, outcome, findings: findings.length, problems };
}

/**
 * The run-time guard: builds examples/runtime-guard with tspc (its entities pass the build-time
 * checks) and runs its service against an in-process DynamoDB-compatible server.
 */
function runRuntimeGuardExample() {
  const commands = [
    ['npx', 'tspc', '-p', 'examples/runtime-guard/tsconfig.json', '--pretty', 'false'],
    ['node', 'examples/runtime-guard/dist/demo.js'],
  ];
  console.log(`\n${bold('▶ runtime-guard: @capsule-guard/dynamodb against an in-process DynamoDB')}`);
  for (const command of commands) {
    const display = command.join(' ');
    console.log(`$ ${display}`);
    const run = runCommand(command, { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (output.trim()) console.log(output.trimEnd());
    if (run.status !== 0) return [`${display} exited ${run.status ?? run.signal}`];
  }
  return [];
}

/**
 * @param {Example[]} examples
 * @param {StepResult[]} results
 */
function printSummary(examples, results) {
  const cell = (/** @type {StepResult} */ r) => `${r.outcome} (${r.findings})${r.problems.length ? ' ✗' : ''}`;
  const rows = [['', ...examples.map((e) => `${e.name} (expect ${e.expected})`)]];
  for (const tool of TOOLS) {
    rows.push([tool.name, ...examples.map((e) => cell(/** @type {StepResult} */ (results.find((r) => r.tool === tool.name && r.example === e.name))))]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\n${bold('Summary')} (outcome and number of findings)`);
  for (const row of rows) console.log(row.map((text, i) => text.padEnd(widths[i])).join('   ').trimEnd());
}

function main() {
  for (const built of ['packages/eslint-plugin/dist/index.js', 'packages/ts-plugin/dist/transform.js']) {
    if (!existsSync(path.join(root, built))) {
      console.error(`${built} is missing: build the packages first (npm run build, or npm run demo).`);
      return 2;
    }
  }
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !EXAMPLES.some((example) => example.name === name));
  if (unknown.length > 0) {
    console.error(`No example ${unknown.join(', ')}; the examples are: ${EXAMPLES.map((e) => e.name).join(', ')}.`);
    return 2;
  }
  const examples = names.length > 0 ? EXAMPLES.filter((example) => names.includes(example.name)) : EXAMPLES;
  const results = [];
  for (const example of examples) {
    for (const tool of TOOLS) results.push(runStep(tool, example));
  }
  printSummary(examples, results);
  const guardProblems = runRuntimeGuardExample();

  const failed = results.filter((r) => r.problems.length > 0);
  console.log('');
  for (const problem of guardProblems) console.log(red(`EXPECTATION FAILED: examples/runtime-guard: ${problem}.`));
  if (failed.length === 0 && guardProblems.length === 0) {
    console.log(
      green(
        'OK: examples/clean passes every front end with type information (without it, ESLint fails closed on the ids ' +
          'declared in another file), examples/leaky fails every one of them, every library and framework example run ' +
          'passes clean and fails leaky, and the run-time guard holds.',
      ),
    );
    return 0;
  }
  for (const r of failed) {
    console.log(red(`EXPECTATION FAILED: examples/${r.example} under ${r.tool}: ${r.problems.join('; ')}.`));
  }
  return 1;
}

process.exitCode = main();
