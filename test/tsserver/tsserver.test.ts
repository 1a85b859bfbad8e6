import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyChanges, TsServerClient, type CodeFix, type Diagnostic, type FileChanges,
} from './tsserver-client';

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

/** The suppressed entity the tspc tests build, and a suppression that suppresses nothing (line 14). */
const SUPPRESSED = `${readFileSync(join(__dirname, '..', 'tspc', 'fixtures', 'suppressed-entity', 'src', 'legacy.ts'), 'utf8')}
// capsule-guard-ignore capsule-guard/capsule-id-required -- nothing to suppress here
export const unrelated = 1;
`;

/** A controller whose routes leave parameters undeclared: `force` (line 5), `dryRun` and `page` (line 9). */
const UNDECLARED = `import { apiEndpoint } from '@capsule-guard/core';

export class AccountController {
  @apiEndpoint({ path: '/accounts/{accountId}', method: 'DELETE', pathParams: ['accountId'], queryParams: [] })
  async remove(accountId: string, force: boolean) {}

  @apiEndpoint({
    path: '/accounts', method: 'GET', pathParams: [], queryParams: ['query'] })
  async list(query: string, dryRun: boolean, page: number) {}
}
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
    writeFileSync(file('accounts.ts'), UNDECLARED);
    server = new TsServerClient();
    for (const name of ['contract.ts', 'routes.ts', 'legacy.ts', 'accounts.ts']) {
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
    expect(fixes.map((f) => [f.fixName, f.description, f.fixId])).toEqual([
      ['capsuleGuard', "Change the pk template to 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'", 'capsule-guard/isolated-key-templates'],
      ['capsuleGuardIgnore', expect.stringMatching(/^Ignore this capsule-guard\/isolated-key-templates finding/u), undefined],
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
    expect(fixes.map((f) => f.description)).toEqual([
      "Declare pathParams: ['accountId']",
      'Ignore this capsule-guard/explicit-route-params finding with a capsule-guard-ignore comment (then write the reason after \'--\')',
      "Declare queryParams: ['query']",
      'Ignore this capsule-guard/explicit-route-params finding with a capsule-guard-ignore comment (then write the reason after \'--\')',
    ]);
  });

  it('offers the edit an undeclared-parameter message names, with a fix-all for the rule and an ignore comment', async () => {
    const fixes = await server.request<CodeFix[]>('getCodeFixes', {
      file: file('accounts.ts'), startLine: 5, startOffset: 35, endLine: 5, endOffset: 40, errorCodes: [990004],
    });
    expect(fixes.map((f) => [f.description, f.fixId])).toEqual([
      ["Add 'force' to queryParams", 'capsule-guard/explicit-route-params'],
      ["Declare body: 'force'", undefined],
      [expect.stringMatching(/^Ignore this capsule-guard\/explicit-route-params finding/u), undefined],
    ]);
    expect(fixes[0].fixAllDescription).toBe('Fix all capsule-guard/explicit-route-params findings in this file');
    expect(applyChanges(UNDECLARED, fixes[0].changes[0].textChanges)).toBe(UNDECLARED.replace("queryParams: [] }", "queryParams: ['force'] }"));
    expect(applyChanges(UNDECLARED, fixes[2].changes[0].textChanges)).toBe(
      UNDECLARED.replace('  async remove', '  // capsule-guard-ignore capsule-guard/explicit-route-params --\n  async remove'),
    );
  });

  it('fixes every finding of the rule in the file at once, and none is left', async () => {
    const combined = await server.request<{ changes: FileChanges[] }>('getCombinedCodeFix', {
      scope: { type: 'file', args: { file: file('accounts.ts') } },
      fixId: 'capsule-guard/explicit-route-params',
    });
    expect(combined.changes.map((c) => c.fileName)).toEqual([file('accounts.ts')]);
    const fixed = applyChanges(UNDECLARED, combined.changes[0].textChanges);
    expect(fixed).toBe(UNDECLARED.replace("queryParams: [] }", "queryParams: ['force'] }").replace("queryParams: ['query'] }", "queryParams: ['query', 'dryRun', 'page'] }"));
    server.notify('updateOpen', { changedFiles: [{ fileName: file('accounts.ts'), textChanges: combined.changes[0].textChanges }] });
    expect(ours(await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('accounts.ts') }))).toEqual([]);
  });

  it("leaves TypeScript's own fix-all ids to TypeScript", async () => {
    const combined = await server.request<{ changes: FileChanges[] }>('getCombinedCodeFix', {
      scope: { type: 'file', args: { file: file('routes.ts') } },
      fixId: 'fixMissingImport',
    });
    expect(combined.changes).toEqual([]);
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
            // Misspelt: tspc would stop with a bare "Cannot find module" stack, the editor says what to write.
            { transform: '@capsule-guard/ts-plugin/transfrom', transformProgram: true },
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

  it('shows one error naming the misspelt entry and what to write, instead of checking with settings the build would not use', async () => {
    const diagnostics = ours(await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: join(dir, 'contract.ts') }));
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.offset, d.text])).toEqual([
      [
        990000, 1, 1,
        'capsule-guard: invalid options: the plugin entry "transform": "@capsule-guard/ts-plugin/transfrom" names no module of ' +
          '@capsule-guard/ts-plugin; write "transform": "@capsule-guard/ts-plugin/transform" (in tsconfig.json compilerOptions.plugins)',
      ],
    ]);
  });
});
