import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { section } from '../install/markdown';
import { npm, npx, packPackages, temporaryDirectory, writeProject, type PackedPackage } from '../install/packed-project';
import { README } from '../install/user-project';
import type { JsonFinding } from './harness';

/**
 * TypeScript 7 is the native port: no JavaScript API, no plugins. The CLI carries its own
 * TypeScript 6 compiler API, so it works in a project whose `typescript` is 7. This installs the
 * packed packages (as a user would get them from the registry) into a fresh TypeScript 7 project
 * and runs `npx capsule-guard` there; then it tries what the README says not to do there, install
 * @capsule-guard/ts-plugin and ts-patch, and checks that it fails as the README says.
 */

const TYPESCRIPT_7 = '7.0.2';

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

let temporary: Awaited<ReturnType<typeof temporaryDirectory>>;
let packed: Map<string, PackedPackage>;
let project: string;

beforeAll(async () => {
  temporary = await temporaryDirectory('ts7');
  packed = await packPackages(['core', 'engine', 'ts-plugin', 'cli'], path.join(temporary.path, 'packs'));
  project = path.join(temporary.path, 'project');
  const tarball = (name: string) => `file:${packed.get(name)?.tarball}`;
  await writeProject(project, packed, FILES, {
    dependencies: {
      typescript: TYPESCRIPT_7,
      '@capsule-guard/core': tarball('@capsule-guard/core'),
      '@capsule-guard/cli': tarball('@capsule-guard/cli'),
    },
  });
  const install = await npm(['install'], project);
  expect(install.exitCode, install.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  await temporary?.remove();
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
        ruleId: 'capsule-guard/isolated-key-literals',
        messageId: 'missingCapsuleSegment',
        severity: 'error',
        file: 'src/keys.ts',
        line: 1,
        column: 25,
        endLine: 1,
        endColumn: 55,
        message: expect.stringContaining("The key 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#<value>' segment"),
      },
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

describe("@capsule-guard/ts-plugin beside TypeScript 7, as the README's TypeScript 7 section says", () => {
  const readme = section(README, 'TypeScript 7').replace(/\s+/gu, ' ');
  const tsPlugin = () => packed.get('@capsule-guard/ts-plugin')!.tarball;

  it('npm refuses to install it, naming the peer range', async () => {
    const quoted = ['ERESOLVE unable to resolve dependency tree', 'peer typescript@">=5.0 <6.1" from @capsule-guard/ts-plugin'];
    for (const text of quoted) expect(readme).toContain(`\`${text}\``);
    const { exitCode, stderr } = await npm(['install', '-D', tsPlugin()], project);
    expect(exitCode).not.toBe(0);
    for (const text of quoted) expect(stderr).toContain(text);
  });

  it('forced, tspc and ts-patch install stop in ts-patch before any plugin is loaded', async () => {
    const crash = "TypeError: Cannot read properties of undefined (reading 'LineFeed')";
    expect(readme).toContain(`\`${crash}\``);
    const forced = await npm(['install', '-D', '--legacy-peer-deps', tsPlugin(), 'ts-patch@3.3.0'], project);
    expect(forced.exitCode, forced.stderr).toBe(0);
    for (const command of [['tspc', '-p', 'tsconfig.json'], ['ts-patch', 'install']]) {
      const { exitCode, stdout, stderr } = await npx(command, path.join(project, 'leaky'));
      expect(exitCode, command.join(' ')).not.toBe(0);
      expect(stderr).toContain(crash);
      expect(stderr).toMatch(/node_modules\/ts-patch\//u);
      expect(`${stdout}${stderr}`).not.toMatch(/error TS99\d{4}|\[capsule-guard\//u);
    }
  }, 300_000);
});
