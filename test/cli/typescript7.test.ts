import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runProcess, type JsonFinding, type RunResult } from './harness';

/**
 * TypeScript 7 is the native port: no JavaScript API, no plugins. The CLI carries its own
 * TypeScript 6 compiler API, so it works in a project whose `typescript` is 7. This installs the
 * packed packages (as a user would get them from the registry) into a fresh TypeScript 7 project
 * and runs `npx capsule-guard` there.
 */

const TYPESCRIPT_7 = '7.0.2';
/** What a user installs, plus the engine the CLI depends on (not published from here). */
const PACKED = ['core', 'engine', 'cli'] as const;

const TSCONFIG = JSON.stringify(
  {
    compilerOptions: { target: 'es2022', module: 'nodenext', strict: true, noEmit: true, types: [] },
    include: ['src'],
  },
  null,
  2,
);

/** Two entities; the invoice's scope decorator is given, so a project can leave it out. */
const ENTITIES = (invoiceScope: string) => `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { ORDER_PK } from './keys';

@entity({ table: 'platform_data', pk: ORDER_PK, sk: 'ORDER' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}

@entity({ table: 'platform_data', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#INVOICE#{id}' })
${invoiceScope}export class InvoiceEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

const FILES: Readonly<Record<string, string>> = {
  'clean/tsconfig.json': TSCONFIG,
  'clean/src/keys.ts': "export const ORDER_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}';\n",
  'clean/src/order.ts': ENTITIES('@capsuleIsolated\n'),
  'leaky/tsconfig.json': TSCONFIG,
  // The capsule segment is missing from a key declared in another file, and a scope is missing.
  'leaky/src/keys.ts': "export const ORDER_PK = 'TENANT#{tenantId}#ORDER#{id}';\n",
  'leaky/src/order.ts': ENTITIES(''),
};

let root: string;
let project: string;

/** npm's variables from an enclosing `npm test` would point the nested npm at this repository. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_(lifecycle_|package_|config_(local_)?prefix$)/iu.test(name)),
  );
}

function npm(args: readonly string[], cwd: string): Promise<RunResult> {
  return runProcess('npm', args, cwd, cleanEnvironment());
}

function npx(args: readonly string[], cwd: string): Promise<RunResult> {
  return runProcess('npx', ['--no-install', ...args], cwd, cleanEnvironment());
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'capsule-guard-ts7-'));
  const packs = path.join(root, 'packs');
  project = path.join(root, 'project');
  await mkdir(packs);
  await mkdir(project);

  const pack = await npm(['pack', '--json', '--pack-destination', packs, ...PACKED.flatMap((name) => ['-w', `packages/${name}`])], REPO_ROOT);
  expect(pack.exitCode, pack.stderr).toBe(0);
  const tarballs = Object.fromEntries(
    (JSON.parse(pack.stdout) as { name: string; filename: string }[]).map(({ name, filename }) => [name, `file:${path.join(packs, filename)}`]),
  );
  expect(Object.keys(tarballs).sort()).toEqual(PACKED.map((name) => `@capsule-guard/${name}`).sort());

  const manifest = {
    name: 'typescript-7-project',
    private: true,
    dependencies: {
      typescript: TYPESCRIPT_7,
      '@capsule-guard/core': tarballs['@capsule-guard/core'],
      '@capsule-guard/cli': tarballs['@capsule-guard/cli'],
    },
    // The CLI depends on @capsule-guard/engine 0.1.0; here it comes from this checkout too.
    overrides: { '@capsule-guard/engine': tarballs['@capsule-guard/engine'] },
  };
  await writeFile(path.join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [file, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), content);
  }
  const install = await npm(['install', '--no-audit', '--no-fund'], project);
  expect(install.exitCode, install.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('capsule-guard in a TypeScript 7 project', () => {
  it("leaves the project's own compiler at TypeScript 7 and brings TypeScript 6 for itself", async () => {
    const tsc = await npx(['tsc', '--version'], project);
    expect(tsc).toMatchObject({ exitCode: 0, stdout: `Version ${TYPESCRIPT_7}\n` });
    const cli = await npx(['capsule-guard', '--version'], project);
    expect(cli).toMatchObject({ exitCode: 0, stdout: '0.1.0 (TypeScript 6.0.3)\n' });
  });

  it('exits 1 with the findings on a leaky project, following imports across files', async () => {
    const { exitCode, stdout } = await npx(['capsule-guard', 'check', '-p', 'tsconfig.json', '--format', 'json'], path.join(project, 'leaky'));
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout) as JsonFinding[]).toEqual([
      {
        ruleId: 'capsule-guard/isolated-key-templates',
        messageId: 'missingCapsuleSegment',
        severity: 'error',
        file: 'src/order.ts',
        line: 4,
        column: 39,
        endLine: 4,
        endColumn: 47,
        message: expect.stringContaining("Capsule-isolated entity 'OrderEntity': the pk template 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#{capsuleId}' segment"),
      },
      {
        ruleId: 'capsule-guard/isolation-scope-required',
        messageId: 'missingScope',
        severity: 'error',
        file: 'src/order.ts',
        line: 13,
        column: 14,
        endLine: 13,
        endColumn: 27,
        message: expect.stringContaining("Entity 'InvoiceEntity' declares no isolation scope"),
      },
    ]);
  });

  it('exits 0 on a clean project', async () => {
    expect(await npx(['capsule-guard', 'check', '-p', 'tsconfig.json', '--format', 'json'], path.join(project, 'clean'))).toMatchObject({
      exitCode: 0,
      stdout: '[]\n',
    });
  });
});
