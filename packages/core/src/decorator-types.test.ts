import path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The decorators' declared types must let users write every supported form in both decorator
 * modes, and still reject options that leave route parameters undeclared. Checked with the real
 * type checker against this package's source.
 */
const CORE_INDEX = path.join(__dirname, 'index.ts');
const APP_FILE = path.join(__dirname, '__virtual__', 'app.ts');

const APP = `import { apiEndpoint, capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';
import { capsuleIsolated as iso } from '@capsule-guard/core';
import * as cg from '@capsule-guard/core';

type CapsuleId = string & { readonly brand: 'CapsuleId' };

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA#v{version}',
  gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
})
@capsuleIsolated
export class RoleAssignmentEntity {
  tenantId!: string;
  capsuleId!: CapsuleId;
  id!: string;
  email!: string;
  version!: number;
}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}' })
@capsuleIsolated()
export abstract class ContractEntity {
  constructor(readonly tenantId: string, readonly capsuleId: CapsuleId, readonly id: string) {}
}

@cg.entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#NOTE#{id}' })
@iso
export class NoteEntity { tenantId!: string; capsuleId!: CapsuleId; id!: string }

@cg.entity({ pk: 'PLATFORM#TENANT#{id}' })
@cg.platformScoped({ reason: 'tenant registry is shared by all capsules' })
export class TenantEntity { id!: string }

@entity({ pk: 'PLATFORM#PLAN#{id}' })
@platformScoped({ reason: 'plans are global' })
export class PlanEntity { id!: string }

export class ActivityController {
  @apiEndpoint({
    path: '/accounts/{accountId}/contacts/{contactId}/activities',
    method: 'GET',
    permission: 'crm.activity.read',
    pathParams: ['accountId', 'contactId'],
    queryParams: ['query'],
  })
  async listContactActivities(accountId: string, contactId: string, query: { limit: number }): Promise<string[]> {
    return [accountId, contactId, String(query.limit)];
  }

  @cg.apiEndpoint({ path: '/health', method: 'HEAD', pathParams: [], queryParams: [] })
  static health(): string { return 'ok'; }

  @apiEndpoint({ path: '/activities', method: 'GET', pathParams: [] })
  missingQueryParams(): void {}
}
`;

/** Line:column (1-based) of the one deliberate error: the options object lacking `queryParams`. */
const MISSING_QUERY_PARAMS = (() => {
  const lines = APP.split('\n');
  const decoratorIndex = lines.findIndex((line) => line.includes('missingQueryParams')) - 1;
  return `${decoratorIndex + 1}:${lines[decoratorIndex].indexOf('{') + 1}`;
})();

const libCache = new Map<string, ts.SourceFile | undefined>();

function typeErrors(source: string, experimentalDecorators: boolean): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
    experimentalDecorators,
    paths: { '@capsule-guard/core': [CORE_INDEX] },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (fileName === APP_FILE) return ts.createSourceFile(fileName, source, languageVersion);
    if (!libCache.has(fileName)) libCache.set(fileName, getSourceFile(fileName, languageVersion, ...rest));
    return libCache.get(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === APP_FILE || fileExists(fileName);
  const program = ts.createProgram([APP_FILE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? path.basename(d.file.fileName) : '(global)';
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return `${file} ${where ? `${where.line + 1}:${where.character + 1}` : '-'} TS${d.code} ${message}`;
  });
}

describe.each([
  { mode: 'experimentalDecorators', experimentalDecorators: true },
  { mode: 'standard decorators', experimentalDecorators: false },
])('decorator types under $mode', ({ experimentalDecorators }) => {
  it('accept every supported form and reject an @apiEndpoint without queryParams', () => {
    expect(typeErrors(APP, experimentalDecorators)).toEqual([
      expect.stringMatching(new RegExp(`^app\\.ts ${MISSING_QUERY_PARAMS} TS2345 .*'queryParams' is missing`, 'u')),
    ]);
  });
});

/**
 * The type-level checks walk templates one placeholder and one segment at a time, with tail
 * recursion, so templates far longer than real ones, on classes with many fields and indexes,
 * neither exhaust the compiler's instantiation depth nor stop being checked.
 */
const FIELDS = Array.from({ length: 120 }, (_, i) => `f${i}`);
const LONG_TAIL = FIELDS.slice(0, 40).map((field, i) => `S${i}#{${field}}`).join('#');
const GSIS = Array.from({ length: 12 }, (_, i) => `g${i}: { pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#${LONG_TAIL}', sk: '${LONG_TAIL}' }`);

const LARGE_ENTITY = (pk: string) => `import { capsuleIsolated, entity } from '@capsule-guard/core';
interface EntityContext { tenantId: string; capsuleId: string }
@entity({ pk: '${pk}', sk: '${LONG_TAIL}', gsi: { ${GSIS.join(', ')} } })
@capsuleIsolated
export class LargeEntity {
  tenantId!: string;
  capsuleId!: string;
  context!: EntityContext;
${FIELDS.map((field) => `  ${field}!: string;`).join('\n')}
}
`;

describe.each([
  { mode: 'experimentalDecorators', experimentalDecorators: true },
  { mode: 'standard decorators', experimentalDecorators: false },
])('type-level checks of large entities under $mode', ({ experimentalDecorators }) => {
  it('accept a valid 42-segment template on a class with 120 fields and 12 indexes', () => {
    expect(typeErrors(LARGE_ENTITY(`TENANT#{tenantId}#CAPSULE#{capsuleId}#${LONG_TAIL}`), experimentalDecorators)).toEqual([]);
  });

  it('still report a long template without the capsule segment', () => {
    const errors = typeErrors(LARGE_ENTITY(`TENANT#{tenantId}#${LONG_TAIL}`), experimentalDecorators);
    expect(errors).toEqual([
      expect.stringMatching(
        /^app\.ts 3:2 TS1238 .*"capsule-guard\/isolated-key-templates: the pk template lacks 'CAPSULE#\{capsuleId\}' after 'TENANT#\{tenantId\}', so its items leak across capsules \(pk: 'TENANT#\{tenantId\}#S0#\{f0\}#/u,
      ),
    ]);
  });
});
