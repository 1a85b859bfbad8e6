import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TsServerClient } from './tsserver-client';

interface Diagnostic {
  readonly start: { line: number; offset: number };
  readonly end: { line: number; offset: number };
  readonly text: string;
  readonly code: number;
}

interface CodeFix {
  readonly description: string;
  readonly changes: { fileName: string; textChanges: { start: { line: number; offset: number }; end: { line: number; offset: number }; newText: string }[] }[];
}

const LEAKY_ENTITY = `import { entity, capsuleIsolated } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#CONTRACT#{id}' })
@capsuleIsolated
export class ContractEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

const ROUTES = `import { apiEndpoint } from '@capsule-guard/core';

export class ActivityController {
  @apiEndpoint({ path: '/accounts/{accountId}/activities', method: 'GET', permission: 'crm.activity.read' })
  async list(accountId: string, query: string) {
    return [accountId, query];
  }
}
`;

const SUPPRESSED = `import { entity, capsuleIsolated } from '@capsule-guard/core';

@entity({
  // capsule-guard-ignore capsule-guard/isolated-key-templates -- legacy table, migrated with the Q3 backfill
  pk: 'TENANT#{tenantId}#LEGACY#{id}',
})
@capsuleIsolated
export class LegacyEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}

// capsule-guard-ignore capsule-guard/capsule-id-required -- nothing to suppress here
export const unrelated = 1;
`;

const ours = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code >= 990000 && d.code < 991000);

describe('tsserver language-service plugin over stdio', () => {
  let dir: string;
  let server: TsServerClient;
  const file = (name: string) => join(dir, name);

  beforeAll(() => {
    mkdirSync(join(__dirname, '..', '.tmp'), { recursive: true });
    // Inside the repository so `@capsule-guard/core` resolves from the workspace node_modules.
    dir = mkdtempSync(join(__dirname, '..', '.tmp', 'tsserver-'));
    writeFileSync(
      file('tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'nodenext', strict: true, noEmit: true, types: [],
          plugins: [{ name: '@capsule-guard/ts-plugin' }],
        },
        include: ['*.ts'],
      }),
    );
    writeFileSync(file('contract.ts'), LEAKY_ENTITY);
    writeFileSync(file('routes.ts'), ROUTES);
    writeFileSync(file('legacy.ts'), SUPPRESSED);
    server = new TsServerClient();
    for (const name of ['contract.ts', 'routes.ts', 'legacy.ts']) {
      server.notify('open', { file: file(name), projectRootPath: dir });
    }
  });

  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports findings through semanticDiagnosticsSync at the engine positions', async () => {
    const diagnostics = await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('contract.ts') });
    expect(ours(diagnostics)).toEqual([
      expect.objectContaining({
        code: 990003,
        start: { line: 3, offset: 15 },
        end: { line: 3, offset: 48 },
        text: expect.stringMatching(/^Capsule-isolated entity 'ContractEntity': the pk template .* \[capsule-guard\/isolated-key-templates\]$/u),
      }),
    ]);
  });

  it('reports findings through geterr events', async () => {
    server.notify('geterr', { files: [file('routes.ts')], delay: 0 });
    const event = await server.waitForEvent(
      (m) => m.event === 'semanticDiag' && (m.body as { file: string }).file === file('routes.ts'),
    );
    const diagnostics = ours((event.body as { diagnostics: Diagnostic[] }).diagnostics);
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.offset, d.text])).toEqual([
      [990004, 4, 16, "Route GET /accounts/{accountId}/activities does not declare 'pathParams'. Nothing is inferred: add pathParams: ['accountId'] (an empty array if there are none). [capsule-guard/explicit-route-params]"],
      [990004, 4, 16, "Route GET /accounts/{accountId}/activities does not declare 'queryParams'. Nothing is inferred: add queryParams: ['query'] (an empty array if there are none). [capsule-guard/explicit-route-params]"],
    ]);
  });

  it('keeps other language features working', async () => {
    const info = await server.request<{ displayString: string }>('quickinfo', { file: file('contract.ts'), line: 5, offset: 14 });
    expect(info.displayString).toBe('class ContractEntity');
    const completions = await server.request<{ entries: { name: string }[] }>('completionInfo', {
      file: file('routes.ts'), line: 6, offset: 13,
    });
    expect(completions.entries.map((e) => e.name)).toContain('accountId');
  });

  it('honours capsule-guard-ignore comments and reports unused ones', async () => {
    const diagnostics = ours(await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('legacy.ts') }));
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.offset])).toEqual([[990005, 14, 1]]);
    expect(diagnostics[0].text).toContain('suppresses nothing');
  });

  it('offers quick fixes that mirror the ESLint suggestions, and the finding disappears once applied', async () => {
    const fixes = await server.request<CodeFix[]>('getCodeFixes', {
      file: file('contract.ts'), startLine: 3, startOffset: 15, endLine: 3, endOffset: 48, errorCodes: [990003],
    });
    expect(fixes.map((f) => f.description)).toEqual([
      "Change the pk template to 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'",
    ]);
    const [change] = fixes[0].changes[0].textChanges;
    expect(change).toEqual({
      start: { line: 3, offset: 15 }, end: { line: 3, offset: 48 }, newText: "'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'",
    });
    server.notify('updateOpen', {
      changedFiles: [{ fileName: file('contract.ts'), textChanges: [change] }],
    });
    const after = await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('contract.ts') });
    expect(ours(after)).toEqual([]);
  });

  it('offers the route migration quick fix', async () => {
    const fixes = await server.request<CodeFix[]>('getCodeFixes', {
      file: file('routes.ts'), startLine: 4, startOffset: 16, endLine: 4, endOffset: 17, errorCodes: [990004],
    });
    expect(fixes.map((f) => f.description)).toEqual(["Declare pathParams: ['accountId']", "Declare queryParams: ['query']"]);
  });
});

describe('tsserver plugin with invalid options', () => {
  let dir: string;
  let server: TsServerClient;

  beforeAll(() => {
    mkdirSync(join(__dirname, '..', '.tmp'), { recursive: true });
    dir = mkdtempSync(join(__dirname, '..', '.tmp', 'tsserver-options-'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'nodenext', strict: true, noEmit: true, types: [],
          plugins: [
            { name: '@capsule-guard/ts-plugin', delimiter: '|' },
            { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true },
          ],
        },
        include: ['*.ts'],
      }),
    );
    writeFileSync(join(dir, 'contract.ts'), LEAKY_ENTITY);
    server = new TsServerClient();
    server.notify('open', { file: join(dir, 'contract.ts'), projectRootPath: dir });
  });

  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows one error naming the option instead of checking with settings the build would not use', async () => {
    const diagnostics = ours(await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: join(dir, 'contract.ts') }));
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.offset, d.text])).toEqual([
      [
        990000, 1, 1,
        'capsule-guard: invalid options: option "delimiter" differs between the tsconfig plugin entries for ' +
          '@capsule-guard/ts-plugin; give both entries the same options (in tsconfig.json compilerOptions.plugins)',
      ],
    ]);
  });
});
