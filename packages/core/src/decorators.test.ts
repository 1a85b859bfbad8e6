import vm from 'node:vm';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as core from './index';
import { getEntityMetadata, getRoutes, type AnyClass } from './index';

/**
 * Each snippet is compiled by the real TypeScript compiler in one decorator mode and run as a
 * CommonJS module whose `@capsule-guard/core` import is this package's source, so the decorators
 * are exercised exactly as the compiler's emitted helpers call them.
 */
const MODES = [
  { mode: 'experimentalDecorators', experimentalDecorators: true },
  { mode: 'standard decorators', experimentalDecorators: false },
] as const;

function compile(source: string, experimentalDecorators: boolean): string {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      experimentalDecorators,
    },
    reportDiagnostics: true,
  });
  expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return outputText;
}

type Exports = Record<string, AnyClass>;

/** Runs compiled code in this realm, or in `realm` (a fresh global environment) when given. */
function run(source: string, experimentalDecorators: boolean, realm?: vm.Context): Exports {
  const wrapper = `(function (exports, require, module) {\n${compile(source, experimentalDecorators)}\n})`;
  const evaluate = (realm ? vm.runInContext(wrapper, realm) : vm.runInThisContext(wrapper)) as (
    exports: object,
    require: (id: string) => unknown,
    module: { exports: object },
  ) => void;
  const module = { exports: {} };
  evaluate(module.exports, (id) => {
    if (id === '@capsule-guard/core') return core;
    throw new Error(`unexpected import '${id}'`);
  }, module);
  return module.exports;
}

const IMPORTS = "import { apiEndpoint, capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';";

const ROLE_OPTIONS = {
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA#v{version}',
  gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
};

const CONTROLLER = `
export class ActivityController {
  @apiEndpoint({
    path: '/accounts/{accountId}/contacts/{contactId}/activities',
    method: 'GET',
    permission: 'crm.activity.read',
    pathParams: ['accountId', 'contactId'],
    queryParams: ['query'],
  })
  async listContactActivities(accountId: string, contactId: string, query: unknown) {
    return [accountId, contactId, query];
  }

  @apiEndpoint({ path: '/health', method: 'GET', pathParams: [], queryParams: [] })
  static health() { return 'ok'; }

  @apiEndpoint({ path: '/activities', method: 'POST', pathParams: [], queryParams: [], body: 'activity' })
  createActivity(activity: unknown) { return activity; }

  helper() { return 'not a route'; }
}

export class AuditController extends ActivityController {
  @apiEndpoint({ path: '/audit', method: 'GET', pathParams: [], queryParams: [] })
  audit() {}
}

export class PlainController extends ActivityController {}
`;

const ACTIVITY_ROUTES = [
  {
    methodName: 'listContactActivities',
    static: false,
    path: '/accounts/{accountId}/contacts/{contactId}/activities',
    method: 'GET',
    permission: 'crm.activity.read',
    pathParams: ['accountId', 'contactId'],
    queryParams: ['query'],
  },
  {
    methodName: 'createActivity',
    static: false,
    path: '/activities',
    method: 'POST',
    pathParams: [],
    queryParams: [],
    body: 'activity',
  },
  { methodName: 'health', static: true, path: '/health', method: 'GET', pathParams: [], queryParams: [] },
];

const AUDIT_ROUTES = [
  { methodName: 'audit', static: false, path: '/audit', method: 'GET', pathParams: [], queryParams: [] },
];

describe.each(MODES)('decorators under $mode', ({ experimentalDecorators }) => {
  it('records @entity templates and a bare @capsuleIsolated, leaving the class itself unchanged', () => {
    const { RoleAssignmentEntity } = run(
      `${IMPORTS}
      @entity(${JSON.stringify(ROLE_OPTIONS)})
      @capsuleIsolated
      export class RoleAssignmentEntity {
        tenantId!: string; capsuleId!: string; id!: string; email!: string; version!: number;
        label() { return 'role ' + this.id; }
      }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(RoleAssignmentEntity)).toEqual({
      options: ROLE_OPTIONS,
      scopes: [{ kind: 'capsule-isolated' }],
    });
    expect(RoleAssignmentEntity.name).toBe('RoleAssignmentEntity');
    const role = Object.assign(new (RoleAssignmentEntity as new () => { label(): string })(), { id: 'r1' });
    expect(role.label()).toBe('role r1');
  });

  it('accepts @capsuleIsolated() called with no arguments', () => {
    const { Contract } = run(
      `${IMPORTS}
      @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}' })
      @capsuleIsolated()
      export class Contract { tenantId!: string; capsuleId!: string; id!: string }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Contract)).toEqual({
      options: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}' },
      scopes: [{ kind: 'capsule-isolated' }],
    });
  });

  it('records @platformScoped with its reason', () => {
    const { TenantEntity } = run(
      `${IMPORTS}
      @entity({ pk: 'PLATFORM#TENANT#{id}' })
      @platformScoped({ reason: 'tenant registry is shared by all capsules' })
      export class TenantEntity { id!: string }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(TenantEntity)).toEqual({
      options: { pk: 'PLATFORM#TENANT#{id}' },
      scopes: [{ kind: 'platform-scoped', reason: 'tenant registry is shared by all capsules' }],
    });
  });

  it('works through aliased imports', () => {
    const { Role, Registry, Controller } = run(
      `import { entity as model, capsuleIsolated as iso, platformScoped as shared, apiEndpoint as route } from '@capsule-guard/core';
      @model({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' })
      @iso
      export class Role { tenantId!: string; capsuleId!: string; id!: string }
      @model({ pk: 'PLATFORM#{id}' })
      @shared({ reason: 'shared lookup' })
      export class Registry { id!: string }
      export class Controller {
        @route({ path: '/roles/:id', method: 'DELETE', pathParams: ['id'], queryParams: [] })
        remove(id: string) { return id; }
      }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Role)?.scopes).toEqual([{ kind: 'capsule-isolated' }]);
    expect(getEntityMetadata(Registry)?.scopes).toEqual([{ kind: 'platform-scoped', reason: 'shared lookup' }]);
    expect(getRoutes(Controller)).toEqual([
      { methodName: 'remove', static: false, path: '/roles/:id', method: 'DELETE', pathParams: ['id'], queryParams: [] },
    ]);
  });

  it('works through a namespace import', () => {
    const { Role, Registry, Controller } = run(
      `import * as cg from '@capsule-guard/core';
      @cg.entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' })
      @cg.capsuleIsolated
      export class Role { tenantId!: string; capsuleId!: string; id!: string }
      @cg.entity({ pk: 'PLATFORM#{id}' })
      @cg.platformScoped({ reason: 'shared lookup' })
      export class Registry { id!: string }
      export class Controller {
        @cg.apiEndpoint({ path: '/roles', method: 'GET', pathParams: [], queryParams: ['filter'] })
        list(filter: unknown) { return filter; }
      }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Role)).toEqual({
      options: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' },
      scopes: [{ kind: 'capsule-isolated' }],
    });
    expect(getEntityMetadata(Registry)?.scopes).toEqual([{ kind: 'platform-scoped', reason: 'shared lookup' }]);
    expect(getRoutes(Controller)).toEqual([
      { methodName: 'list', static: false, path: '/roles', method: 'GET', pathParams: [], queryParams: ['filter'] },
    ]);
  });

  it("gives a subclass its own entity metadata and leaves its base class's alone", () => {
    const { Base, Derived, Plain } = run(
      `${IMPORTS}
      @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#BASE#{id}' })
      @capsuleIsolated
      export class Base { tenantId!: string; capsuleId!: string; id!: string }
      @entity({ pk: 'PLATFORM#DERIVED#{id}' })
      @platformScoped({ reason: 'derived registry' })
      export class Derived extends Base {}
      export class Plain extends Base {}`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Base)).toEqual({
      options: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#BASE#{id}' },
      scopes: [{ kind: 'capsule-isolated' }],
    });
    expect(getEntityMetadata(Derived)).toEqual({
      options: { pk: 'PLATFORM#DERIVED#{id}' },
      scopes: [{ kind: 'platform-scoped', reason: 'derived registry' }],
    });
    expect(getEntityMetadata(Plain)).toBeUndefined();
  });

  it('records @apiEndpoint routes per class, instance methods first, own methods only', async () => {
    const { ActivityController, AuditController, PlainController } = run(`${IMPORTS}${CONTROLLER}`, experimentalDecorators);
    expect(getRoutes(ActivityController)).toEqual(ACTIVITY_ROUTES);
    expect(getRoutes(AuditController)).toEqual(AUDIT_ROUTES);
    expect(getRoutes(PlainController)).toEqual([]);
    const controller = new (ActivityController as new () => Record<string, (...args: unknown[]) => unknown>)();
    await expect(controller.listContactActivities('a1', 'c1', { limit: 5 })).resolves.toEqual(['a1', 'c1', { limit: 5 }]);
    expect((ActivityController as unknown as { health(): string }).health()).toBe('ok');
  });

  it('keeps every scope decorator in source order, so the build check can report a conflict', () => {
    const { Both } = run(
      `${IMPORTS}
      @entity({ pk: 'PLATFORM#{id}' })
      @capsuleIsolated
      @platformScoped({ reason: 'shared' })
      export class Both { id!: string }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Both)?.scopes).toEqual([
      { kind: 'capsule-isolated' },
      { kind: 'platform-scoped', reason: 'shared' },
    ]);
  });

  it('snapshots the declared options: later changes to the object do not alter the metadata', () => {
    const { Snapshot } = run(
      `${IMPORTS}
      const options = { pk: 'PLATFORM#{id}', gsi: { byName: { pk: 'NAME#{name}' } } };
      @entity(options)
      @platformScoped({ reason: 'shared' })
      export class Snapshot { id!: string; name!: string }
      options.pk = 'CHANGED';
      options.gsi.byName.pk = 'CHANGED';`,
      experimentalDecorators,
    );
    const metadata = getEntityMetadata(Snapshot);
    expect(metadata?.options).toEqual({ pk: 'PLATFORM#{id}', gsi: { byName: { pk: 'NAME#{name}' } } });
    expect(Object.isFrozen(metadata?.options)).toBe(true);
    expect(Object.isFrozen(metadata?.options?.gsi?.byName)).toBe(true);
  });

  it('records nothing, and throws nothing, when a decorator is applied to the wrong kind of member', () => {
    const { Misused } = run(
      `${IMPORTS}
      @apiEndpoint({ path: '/x', method: 'GET', pathParams: [], queryParams: [] })
      export class Misused {
        @apiEndpoint({ path: '/field', method: 'GET', pathParams: [], queryParams: [] })
        field = 1;
        @entity({ pk: 'X#{id}' })
        @capsuleIsolated
        @platformScoped({ reason: 'r' })
        method() { return 'still callable'; }
        @capsuleIsolated()
        static staticMethod() { return 'static'; }
      }`,
      experimentalDecorators,
    );
    expect(getEntityMetadata(Misused)).toBeUndefined();
    expect(getRoutes(Misused)).toEqual([]);
    expect(new (Misused as new () => { method(): string })().method()).toBe('still callable');
  });
});

describe('standard decorators', () => {
  it('keep routes in the class metadata object that the compiler attaches to the class', () => {
    const { ActivityController } = run(`${IMPORTS}${CONTROLLER}`, false);
    const symbolMetadata = (Symbol as unknown as { metadata: symbol }).metadata;
    expect(typeof symbolMetadata).toBe('symbol');
    expect(Object.getOwnPropertyDescriptor(ActivityController, symbolMetadata)?.value).toBeTypeOf('object');
    expect(getRoutes(ActivityController)).toEqual(ACTIVITY_ROUTES);
  });

  it('still find routes when the compiled code runs where Symbol.metadata is undefined', () => {
    const realm = vm.createContext({});
    expect(vm.runInContext('typeof Symbol.metadata', realm)).toBe('undefined');
    const { ActivityController, AuditController, PlainController } = run(`${IMPORTS}${CONTROLLER}`, false, realm);
    expect(getRoutes(ActivityController)).toEqual(ACTIVITY_ROUTES);
    expect(getRoutes(AuditController)).toEqual(AUDIT_ROUTES);
    expect(getRoutes(PlainController)).toEqual([]);
  });
});
