import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The generated bench project holds every library shape in about equal numbers, type-checks
 * against the real libraries, and holds exactly the planted findings: one per leaky group, in our
 * own entities or a library file, found with and without type information at the same place.
 */
const ROOT = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'capsule-guard-generated-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface GeneratedProject {
  dir: string;
  files: number;
  groups: number;
  libraryFiles: Record<string, number>;
  expectedTypedFindings: number;
}

/** The file each shape writes in its group, and how it reaches its library through the barrel. */
const SHAPE_FILES: Record<string, { file: string; direct: string; barrel?: string }> = {
  electrodb: { file: 'shipments.ts', direct: "from 'electrodb'", barrel: "import { Entity } from '../shared/db'" },
  onetable: { file: 'invoices.ts', direct: "from 'dynamodb-onetable'", barrel: "import { Table, type OneSchema } from '../shared/db'" },
  typedorm: { file: 'returns.ts', direct: "from '@typedorm/common'", barrel: "import { DocumentEntity, INDEX_TYPE } from '../shared/db'" },
  nestjs: { file: 'parcels.controller.ts', direct: "from '@nestjs/common'" },
  tsoa: { file: 'refunds-controller.ts', direct: "from 'tsoa'" },
};

const run = async (args: string[], cwd = ROOT) =>
  promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout: string; stderr: string; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code }),
  );

let project: GeneratedProject;
/** Every group's files, by group directory. */
let groups: { dir: string; files: string[] }[];
const text = (group: string, file: string) => readFileSync(join(project.dir, 'src', group, file), 'utf8');

beforeAll(async () => {
  const { generateProject } = (await import('../../bench/generate.mjs')) as {
    generateProject: (dir: string, spec: { files: number; leakEvery: number; nodeModules: string }) => GeneratedProject;
  };
  // 24 groups, a leak in every 4th: six leaks, one per site (ours, then each library shape).
  project = generateProject(join(scratch, 'project'), { files: 247, leakEvery: 4, nodeModules: join(ROOT, 'node_modules') });
  groups = readdirSync(join(project.dir, 'src'))
    .filter((dir) => /^m\d{5}$/u.test(dir))
    .map((dir) => ({ dir, files: readdirSync(join(project.dir, 'src', dir)).sort() }));
});

describe('the generated bench project', () => {
  it('holds each library shape in about equal numbers, directly and through the barrel, ten files a group', () => {
    expect(project.groups).toBe(24);
    expect(groups).toHaveLength(24);
    for (const group of groups) expect(group.files, group.dir).toHaveLength(10);
    const counted = Object.fromEntries(
      Object.entries(SHAPE_FILES).map(([shape, { file }]) => [shape, groups.filter((group) => group.files.includes(file)).length]),
    );
    expect(counted).toEqual(project.libraryFiles);
    expect(Object.values(counted).reduce((sum, n) => sum + n, 0)).toBe(24);
    for (const n of Object.values(counted)) {
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(6);
    }
    for (const [shape, { file, direct, barrel }] of Object.entries(SHAPE_FILES)) {
      const texts = groups.filter((group) => group.files.includes(file)).map((group) => text(group.dir, file));
      expect(texts.some((t) => t.includes(direct)), shape).toBe(true);
      if (barrel) expect(texts.some((t) => t.includes(barrel)), shape).toBe(true);
    }
    // Some templates and controller paths are consts of the group's key module.
    const importsKeys = (file: string) => groups.some((group) => group.files.includes(file) && text(group.dir, file).includes("from './keys'"));
    for (const { file } of Object.values(SHAPE_FILES)) expect(importsKeys(file), file).toBe(true);
  });

  it('type-checks against the real libraries: the only errors are the type-level checks of the leaky entity of ours', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js');
    const { stdout } = await run([tsc, '-p', join(project.dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false']);
    const errors = stdout.split('\n').filter((line) => / error TS\d+: /u.test(line));
    // Leaks go to ours first (group 3), then ElectroDB, OneTable, TypeDORM, NestJS, tsoa.
    expect(errors.map((line) => line.replace(/^.*src\//u, 'src/').replace(/: error (TS\d+): .*$/u, ' $1'))).toEqual([
      'src/m00003/orders.ts(8,2) TS1238',
    ]);
  }, 120_000);

  it('holds exactly one finding per leak, at the same place with and without type information', async () => {
    const { stdout } = await run([join(ROOT, 'packages', 'cli', 'dist', 'bin.js'), 'check', '-p', 'tsconfig.json', '--format', 'json'], project.dir);
    const findings = (JSON.parse(stdout) as { file: string; line: number; column: number; ruleId: string }[]).map(
      (f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`,
    );
    expect(project.expectedTypedFindings).toBe(6);
    expect(findings).toEqual([
      'src/m00003/orders.ts:14:21 capsule-guard/isolated-key-templates',
      'src/m00007/shipments.ts:29:59 capsule-guard/isolated-key-templates',
      'src/m00011/invoices.ts:15:37 capsule-guard/isolated-key-templates',
      'src/m00015/returns.ts:10:27 capsule-guard/isolated-key-templates',
      'src/m00019/parcels.controller.ts:33:8 capsule-guard/explicit-route-params',
      'src/m00023/refunds-controller.ts:26:8 capsule-guard/explicit-route-params',
    ]);
    // Untyped ESLint follows neither the barrel nor another file's const: it must still see every leak.
    const leaky = findings.map((f) => f.slice(0, f.indexOf(':')));
    const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const untyped = await run([eslint, '-c', 'eslint.recommended.untyped.mjs', '-f', 'json', ...leaky], project.dir);
    const reported = (JSON.parse(untyped.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[]).flatMap(
      (result) => result.messages.map((m) => `${result.filePath.slice(project.dir.length + 1)}:${m.line}:${m.column} ${m.ruleId}`),
    );
    for (const finding of findings) expect(reported).toContain(finding);
  }, 120_000);

  it('lets the library-cost benchmark tell the files importing a library, through the barrel too, from the rest', async () => {
    const { stdout } = await run([join(ROOT, 'bench', 'library-cost.mjs'), project.dir, ROOT, '2']);
    type Passes = { findings: number; passes: { engineMs: number; adaptersMs: number }[] };
    const cost = JSON.parse(stdout) as { files: number; filesWithLibraries: number; typed: Passes; untyped: Passes };
    // Each group's Fastify routes and library file, and the barrel.
    expect(cost.filesWithLibraries).toBe(24 * 2 + 1);
    expect(cost.files).toBe(project.files - cost.filesWithLibraries);
    // Of the leaks, only that in our own entities is in a file importing no library.
    expect(cost.typed.findings).toBe(1);
    // The adapters' entry points were timed inside each pass, and took part of it.
    for (const { passes } of [cost.typed, cost.untyped]) {
      expect(passes).toHaveLength(2);
      for (const { engineMs, adaptersMs } of passes) {
        expect(adaptersMs).toBeGreaterThan(0);
        expect(adaptersMs).toBeLessThan(engineMs);
      }
    }
  }, 120_000);
});
