import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs `scripts/demo.mjs` (the packages are built by `npm test` before vitest starts) and checks
 * what a user sees: the demo's verdict, and that every front end reports the leaks of
 * examples/leaky at the places the contract names.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS = ['eslint (untyped)', 'eslint (typed)', 'tspc --noEmit', 'capsule-guard check'] as const;
/** The front ends that read types across files; ESLint without type information fails closed on them instead. */
const TYPED_TOOLS = TOOLS.filter((tool) => tool !== 'eslint (untyped)');
const UNVERIFIABLE = /cannot be verified/u;

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

/** A selection of the leaks in examples/leaky, each where the contract says it is reported. */
const EXPECTED_LEAKS = [
  {
    // GSI partition key without the tenant segment (shipped): reported on the template string.
    file: 'examples/leaky/src/contracts.ts', line: 16, column: 23,
    rule: 'capsule-guard/isolated-key-templates',
    text: ["'ContractEntity'", "GSI 'byCustomer'", "'TENANT#{context.tenantId}'"],
  },
  {
    // No capsuleId field at all (shipped): reported on the class name.
    file: 'examples/leaky/src/contracts.ts', line: 35, column: 14,
    rule: 'capsule-guard/capsule-id-required',
    text: ["'ContractLineItemEntity'", "'capsuleId'"],
  },
  {
    // Forgotten scope decorator (shipped): reported on the class name.
    file: 'examples/leaky/src/contracts.ts', line: 49, column: 14,
    rule: 'capsule-guard/isolation-scope-required',
    text: ["Entity 'ContractAmendmentEntity' declares no isolation scope"],
  },
  {
    // Partition key without the capsule segment (shipped); the capsuleId is inherited.
    file: 'examples/leaky/src/revenue-schedule.ts', line: 13, column: 7,
    rule: 'capsule-guard/isolated-key-templates',
    text: ["'RevenueScheduleEntryEntity'", "has no 'CAPSULE#{capsuleId}' segment"],
  },
  {
    // CAPSULE#DEFAULT behind a const: reported on the const's name inside the decorator.
    file: 'examples/leaky/src/financial-config.ts', line: 8, column: 39,
    rule: 'capsule-guard/isolated-key-templates',
    text: ["'FinancialConfigEntity'", "'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG'"],
  },
  {
    // The query object declared as a path parameter (shipped): reported on that list element.
    file: 'examples/leaky/src/contract-routes.ts', line: 15, column: 32,
    rule: 'capsule-guard/explicit-route-params',
    text: ["pathParams declares 'query'", "'/customers/{customerId}/contracts' has no such placeholder"],
  },
  {
    // The entity was fixed, its repository still built the old key by hand (shipped).
    file: 'examples/leaky/src/access-repository.ts', line: 24, column: 43,
    rule: 'capsule-guard/isolated-key-literals',
    text: ["'TENANT#' + tenantId + '#ACCESS#' + principalId", "'ACCESS' follows it", 'buildKeys(Entity, values)'],
  },
  {
    // A key helper without the capsule segment, called from every query on the GSI (shipped).
    file: 'examples/leaky/src/access-repository.ts', line: 14, column: 10,
    rule: 'capsule-guard/isolated-key-literals',
    text: ['`TENANT#${tenantId}#RESOURCE#${resource}`', "no 'CAPSULE#<value>' segment"],
  },
] as const;

/** The demo's output, split at its "▶ <example>: <tool>" step headers. */
function splitSteps(output: string): Map<string, string[]> {
  const steps = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const header = /^▶ (.+)$/u.exec(line);
    if (header) steps.set(header[1], (current = []));
    else current?.push(line);
  }
  return steps;
}

/** ESLint's stylish format: an absolute file name, then "  line:col  error  message  rule-id". */
function parseStylish(lines: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  let file = '';
  for (const line of lines) {
    const match = /^\s+(\d+):(\d+)\s+error\s+(.+?)\s{2,}(capsule-guard\/[a-z-]+)$/u.exec(line);
    if (match) {
      findings.push({ file, line: Number(match[1]), column: Number(match[2]), rule: match[4], message: match[3] });
    } else if (path.isAbsolute(line)) {
      file = path.relative(root, line).split(path.sep).join('/');
    }
  }
  return findings;
}

/** tsc's plain format: "file(line,col): error TS990003: message [rule-id]". */
function parseTsc(lines: readonly string[]): Finding[] {
  return lines.flatMap((line) => {
    const match = /^(.+)\((\d+),(\d+)\): error TS99\d{4}: (.+) \[(capsule-guard\/[a-z-]+)\]$/u.exec(line);
    return match
      ? [{ file: match[1], line: Number(match[2]), column: Number(match[3]), rule: match[5], message: match[4] }]
      : [];
  });
}

/** The CLI's text format: "file:line:col - error rule-id: message". */
function parseCli(lines: readonly string[]): Finding[] {
  return lines.flatMap((line) => {
    const match = /^(.+):(\d+):(\d+) - error (capsule-guard\/[a-z-]+): (.+)$/u.exec(line);
    return match
      ? [{ file: match[1], line: Number(match[2]), column: Number(match[3]), rule: match[4], message: match[5] }]
      : [];
  });
}

const PARSERS: Record<(typeof TOOLS)[number], (lines: readonly string[]) => Finding[]> = {
  'eslint (untyped)': parseStylish,
  'eslint (typed)': parseStylish,
  'tspc --noEmit': parseTsc,
  'capsule-guard check': parseCli,
};

const place = (f: Pick<Finding, 'file' | 'line' | 'column' | 'rule'>) => `${f.file}:${f.line}:${f.column} ${f.rule}`;

/** The examples the demo is run on here: the two main ones, then one library's and one framework's pair. */
const DEMO_EXAMPLES = ['clean', 'leaky', 'electrodb/clean', 'electrodb/leaky', 'fastify/clean', 'fastify/leaky'];

describe('npm run demo', () => {
  let status: number | null;
  let output: string;
  let steps: Map<string, string[]>;
  const findingsOf = (example: string, tool: (typeof TOOLS)[number]): Finding[] => {
    const lines = steps.get(`${example}: ${tool}`);
    if (!lines) throw new Error(`the demo printed no step "${example}: ${tool}"`);
    return PARSERS[tool](lines);
  };

  beforeAll(() => {
    // One modelling library and one web framework besides the two main examples: every front end on
    // every library and framework example is the parity test's, and all of them here would take minutes.
    const run = spawnSync(process.execPath, ['scripts/demo.mjs', ...DEMO_EXAMPLES], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    status = run.status;
    output = `${run.stdout}${run.stderr}`;
    steps = splitSteps(output);
  });

  it('exits 0 and says that clean passed and leaky failed every front end', () => {
    expect(output).toContain(
      'OK: examples/clean passes every front end with type information (without it, ESLint fails closed on the ids ' +
        'declared in another file), examples/leaky fails every one of them, every library and framework example run ' +
        'passes clean and fails leaky, and the run-time guard holds.',
    );
    expect(output).not.toContain('EXPECTATION FAILED');
    expect(status).toBe(0);
  });

  it('prints a summary row per front end: clean passes with no findings, leaky fails with some', () => {
    for (const tool of TOOLS) {
      const row = output.split('\n').find((line) => line.startsWith(`${tool}  `));
      const clean = tool === 'eslint (untyped)' ? 'fail \\([1-9]\\d*\\)' : 'pass \\(0\\)';
      // Then the library's and the framework's clean and leaky example: one file's entities or
      // routes, read alike by every front end, clean ones even without type information.
      const adopted = '(?:\\s{3,}pass \\(0\\)\\s{3,}fail \\([1-9]\\d*\\)){2}';
      expect(row, `summary row for ${tool}`).toMatch(new RegExp(`^\\S.*?\\s{3,}${clean}\\s{3,}fail \\([1-9]\\d*\\)${adopted}$`, 'u'));
    }
  });

  it.each(TYPED_TOOLS)('%s reports nothing on examples/clean', (tool) => {
    expect(findingsOf('clean', tool)).toEqual([]);
    expect(steps.get(`clean: ${tool}`)?.join('\n')).toContain('→ pass, 0 finding(s); expected pass: as expected');
  });

  it('ESLint without type information fails closed on examples/clean: only "cannot be verified", never a pass', () => {
    const findings = findingsOf('clean', 'eslint (untyped)');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => !UNVERIFIABLE.test(f.message))).toEqual([]);
    expect(steps.get('clean: eslint (untyped)')?.join('\n')).toContain('expected fail closed: as expected');
  });

  it.each(TOOLS)('%s reports the leaks of examples/leaky at their exact positions', (tool) => {
    const findings = findingsOf('leaky', tool);
    for (const leak of EXPECTED_LEAKS) {
      // One place may hold several findings (untyped ESLint adds what it cannot verify): one of them is the leak.
      const atPlace = findings.filter((f) => place(f) === place(leak));
      expect(atPlace.length, `${place(leak)} in:\n${findings.map(place).join('\n')}`).toBeGreaterThan(0);
      const found = atPlace.find((f) => leak.text.every((text) => f.message.includes(text))) ?? atPlace[0];
      for (const text of leak.text) expect(found.message).toContain(text);
    }
  });

  it('prints each step as an npx command, and that command, typed as printed, gives the same output', () => {
    for (const [step, lines] of steps) expect(lines[0], step).toMatch(/^\$ npx (eslint|tspc|capsule-guard) /u);
    const [, printed] = /^\$ (.+)$/u.exec(steps.get('leaky: capsule-guard check')?.[0] ?? '') ?? [];
    const [program, ...args] = printed.split(' ');
    const typed = spawnSync(program, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(typed.status).toBe(1);
    expect(steps.get('leaky: capsule-guard check')?.join('\n')).toContain(typed.stdout.trimEnd());
  });

  it.each(['electrodb', 'fastify'])('every front end, typed or not, reports the same findings on examples/%s/leaky and none on its clean variant', (example) => {
    const [reference, ...others] = TOOLS.map((tool) => findingsOf(`${example}/leaky`, tool).map(place).sort());
    expect(reference.length).toBeGreaterThan(0);
    for (const other of others) expect(other).toEqual(reference);
    for (const tool of TOOLS) expect(findingsOf(`${example}/clean`, tool)).toEqual([]);
  });

  it('every front end reports the same findings at the same places on examples/leaky', () => {
    const [reference, ...others] = TYPED_TOOLS.map((tool) => findingsOf('leaky', tool).map(place).sort());
    expect(reference.length).toBeGreaterThanOrEqual(EXPECTED_LEAKS.length);
    for (const other of others) expect(other).toEqual(reference);
    // Without type information: every typed finding's place, and besides those only "cannot be verified".
    const untyped = findingsOf('leaky', 'eslint (untyped)');
    expect([...new Set(untyped.map(place))]).toEqual(expect.arrayContaining([...new Set(reference)]));
    const extra = untyped.filter((f) => !reference.includes(place(f)));
    expect(extra.filter((f) => !UNVERIFIABLE.test(f.message))).toEqual([]);
  });
});
