import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { EXIT_CLEAN, EXIT_ERROR } from './cli';
import { LIBRARY_STUBS } from '../../engine/src/testing/library-stubs';
import { ITEM_ACTIONS } from './policy';
import { runCli, tempProject, TSCONFIG } from './testing/temp-project';

/**
 * The subset of IAM's policy grammar the command prints, as the IAM JSON policy reference defines
 * it: Version "2012-10-17"; statements with an alphanumeric Sid, Effect, Action, Resource and a
 * Condition block of operator → condition key → values. Nothing else is allowed, so a field IAM
 * rejects (a description, say) fails the test.
 */
const IAM_POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['Version', 'Statement'],
  properties: {
    Version: { const: '2012-10-17' },
    Statement: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['Effect', 'Action', 'Resource'],
        properties: {
          Sid: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
          Effect: { enum: ['Allow', 'Deny'] },
          Action: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^dynamodb:[A-Za-z]+$' } },
          Resource: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^arn:aws:dynamodb:[^:]*:[^:]*:table/[A-Za-z0-9_.-]{3,255}(/index/\\*)?$' } },
          Condition: {
            type: 'object',
            propertyNames: { pattern: '^(ForAllValues:|ForAnyValue:)?String(Like|Equals)$' },
            additionalProperties: {
              type: 'object',
              propertyNames: { pattern: '^[a-z]+:[A-Za-z]+$' },
              additionalProperties: { type: 'array', minItems: 1, items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: true }).compile(IAM_POLICY_SCHEMA);

const CORE = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';\n";
const ENTITIES = `${CORE}
const TABLE = 'platform_data';
@entity({ table: TABLE, pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string; id!: string }

@entity({ table: 'audit', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#AUDIT#{id}' })
@capsuleIsolated
export class AuditEntity { tenantId!: string; capsuleId!: string; id!: string }

@entity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}' })
@platformScoped({ reason: 'the tenant registry is shared by all capsules' })
export class TenantEntity { id!: string }
`;
const CORE_TYPES = {
  'node_modules/@capsule-guard/core/package.json': '{"name":"@capsule-guard/core","types":"index.d.ts"}',
  'node_modules/@capsule-guard/core/index.d.ts':
    'export declare function entity(o: unknown): any;\nexport declare const capsuleIsolated: any;\nexport declare function platformScoped(o: { reason: string }): any;\n',
};

const project = (entities: string) => tempProject({ 'tsconfig.json': TSCONFIG, 'src/entities.ts': entities, ...CORE_TYPES });

describe('capsule-guard policy', () => {
  it('prints a policy of IAM grammar, confining isolated tables to the principal scope and platform tables to their prefix', () => {
    const { exitCode, stdout, stderr } = runCli(['policy', '-p', 'tsconfig.json'], project(ENTITIES));
    expect(exitCode).toBe(EXIT_CLEAN);
    const policy: unknown = JSON.parse(stdout);
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CapsuleIsolatedItems',
          Effect: 'Allow',
          Action: [...ITEM_ACTIONS],
          Resource: [
            'arn:aws:dynamodb:*:*:table/audit',
            'arn:aws:dynamodb:*:*:table/audit/index/*',
            'arn:aws:dynamodb:*:*:table/platform_data',
            'arn:aws:dynamodb:*:*:table/platform_data/index/*',
          ],
          Condition: {
            'ForAllValues:StringLike': {
              'dynamodb:LeadingKeys': ['TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}#*'],
            },
          },
        },
        {
          Sid: 'PlatformScopedItems',
          Effect: 'Allow',
          Action: [...ITEM_ACTIONS],
          Resource: ['arn:aws:dynamodb:*:*:table/platform_data', 'arn:aws:dynamodb:*:*:table/platform_data/index/*'],
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PLATFORM#TENANT#*'] } },
        },
      ],
    });
    expect(stderr).toBe('CapsuleIsolatedItems: RoleEntity, AuditEntity\nPlatformScopedItems: TenantEntity\n');
  });

  it('names the principal tags given as flags', () => {
    const { stdout } = runCli(['policy', '-p', 'tsconfig.json', '--tenant-tag', 'org', '--capsule-tag', 'env'], project(ENTITIES));
    const policy = JSON.parse(stdout) as { Statement: { Condition: Record<string, Record<string, string[]>> }[] };
    expect(validate(policy)).toBe(true);
    expect(policy.Statement[0].Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']).toEqual([
      'TENANT#${aws:PrincipalTag/org}#CAPSULE#${aws:PrincipalTag/env}#*',
    ]);
  });

  it('exits 2 naming the entities without a table, and uses --default-table for them', () => {
    const entities = `${CORE}@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#X' }) @capsuleIsolated export class NoTable { tenantId!: string; capsuleId!: string }\n`;
    const root = project(entities);
    const failed = runCli(['policy', '-p', 'tsconfig.json'], root);
    expect(failed.exitCode).toBe(EXIT_ERROR);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain("no table for 'NoTable' (src/entities.ts)");
    expect(failed.stderr).toContain('--default-table');
    const passed = runCli(['policy', '-p', 'tsconfig.json', '--default-table', 'app_data'], root);
    expect(passed.exitCode).toBe(EXIT_CLEAN);
    expect((JSON.parse(passed.stdout) as { Statement: { Resource: string[] }[] }).Statement[0].Resource).toEqual([
      'arn:aws:dynamodb:*:*:table/app_data',
      'arn:aws:dynamodb:*:*:table/app_data/index/*',
    ]);
  });

  it('counts an entity without a scope as isolated', () => {
    const entities = `${CORE}@entity({ table: 'misc', pk: 'X#{id}' }) export class Unscoped { id!: string }\n`;
    const { exitCode, stdout, stderr } = runCli(['policy', '-p', 'tsconfig.json'], project(entities));
    expect(exitCode).toBe(EXIT_CLEAN);
    expect((JSON.parse(stdout) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid)).toEqual(['CapsuleIsolatedItems']);
    expect(stderr).toBe(
      'CapsuleIsolatedItems: Unscoped\n' +
        "warning: 'Unscoped' (src/entities.ts) stores partition keys beginning 'X#', which the CapsuleIsolatedItems condition ('TENANT#…') " +
        "never matches: the policy denies its items. Give it a partition key beginning 'TENANT#{tenantId}#CAPSULE#{capsuleId}'.\n",
    );
  });

  describe('entities declared with a modelling library', () => {
    const ELECTRODB = `import { Entity } from 'electrodb';
const attributes = { tenantId: { type: 'string', required: true }, capsuleId: { type: 'string', required: true }, id: { type: 'string', required: true } } as const;
export const Contract = new Entity({
  model: { entity: 'contract', version: '1', service: 'crm' },
  attributes,
  indexes: { byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'], template: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CONTRACT#\${id}' } } },
}, { table: 'crm_data' });
// capsule-guard-platform-scoped -- the tenant registry is shared by all capsules
export const Tenant = new Entity({
  model: { entity: 'tenant', version: '1', service: 'Registry' },
  attributes: { id: { type: 'string', required: true } },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['id'] } },
    byName: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [], template: 'NAME#LIST' } },
  },
}, { table: 'registry' });
`;
    const ONETABLE = `import { Table } from 'dynamodb-onetable';
const schema = {
  version: '0.1.0',
  indexes: { primary: { hash: 'pk', sort: 'sk' }, gs1: { hash: 'gs1pk', sort: 'gs1sk' } },
  models: {
    LineItem: {
      pk: { type: String, value: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#ITEM#\${id}' },
      gs1pk: { type: String, value: 'PLATFORM#\${id}' },
      tenantId: { type: String, required: true }, capsuleId: { type: String, required: true }, id: { type: String, required: true },
    },
    // capsule-guard-platform-scoped -- plans are offered to every capsule
    Plan: { pk: { type: String, value: 'PLAN#\${id:8:0}#\${_type}' }, id: { type: String, required: true } },
  },
} as const;
export const table = new Table({ name: 'billing', schema });
`;
    const TYPEDORM = `import { Entity } from '@typedorm/common';
import { platformScoped } from '@capsule-guard/core';
@Entity({ name: 'org', primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}', sortKey: 'ORG' } })
export class Organisation { tenantId!: string; capsuleId!: string; id!: string }
@Entity({ name: 'feature', primaryKey: { partitionKey: 'FEATURE#{{id}}', sortKey: 'FEATURE' } })
@platformScoped({ reason: 'feature flags are global' })
export class Feature { id!: string }
`;
    const libraries = (files: Record<string, string>) => tempProject({ 'tsconfig.json': TSCONFIG, ...CORE_TYPES, ...LIBRARY_STUBS, ...files });
    type Printed = { Statement: { Sid: string; Resource: string[]; Condition: Record<string, Record<string, string[]>> }[] };
    const leadingKeys = (policy: Printed, sid: string) => policy.Statement.find((s) => s.Sid === sid)?.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'];
    const tables = (policy: Printed, sid: string) => policy.Statement.find((s) => s.Sid === sid)?.Resource.filter((arn) => !arn.endsWith('/*'));
    /** Runs `policy`, expecting it to exit clean with a policy of IAM grammar. */
    const printed = (root: string, ...flags: string[]) => {
      const { exitCode, stdout, stderr } = runCli(['policy', '-p', 'tsconfig.json', ...flags], root);
      expect(exitCode).toBe(EXIT_CLEAN);
      const policy = JSON.parse(stdout) as Printed;
      expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
      return { policy, stderr };
    };

    it('grants an ElectroDB entity its table, and a platform one the prefix ElectroDB stores its keys under', () => {
      const { policy, stderr } = printed(libraries({ 'src/models.ts': ELECTRODB }));
      expect(tables(policy, 'CapsuleIsolatedItems')).toEqual(['arn:aws:dynamodb:*:*:table/crm_data']);
      expect(tables(policy, 'PlatformScopedItems')).toEqual(['arn:aws:dynamodb:*:*:table/registry']);
      // Built from composite and lowercased by default: '$registry#id_…'.
      expect(leadingKeys(policy, 'PlatformScopedItems')).toEqual(['$registry*']);
      expect(stderr).toBe("CapsuleIsolatedItems: ElectroDB entity 'contract'\nPlatformScopedItems: ElectroDB entity 'tenant'\n");
    });

    it("grants OneTable models the table new Table names, a platform model its value template's prefix", () => {
      const { policy, stderr } = printed(libraries({ 'src/schema.ts': ONETABLE }));
      expect(tables(policy, 'CapsuleIsolatedItems')).toEqual(['arn:aws:dynamodb:*:*:table/billing']);
      expect(leadingKeys(policy, 'PlatformScopedItems')).toEqual(['PLAN#*']);
      expect(stderr).toBe("CapsuleIsolatedItems: OneTable model 'LineItem'\nPlatformScopedItems: OneTable model 'Plan'\n");
    });

    it('asks for the table of TypeDORM entities, and grants a @platformScoped one its partition key prefix', () => {
      const root = libraries({ 'src/org.ts': TYPEDORM });
      const failed = runCli(['policy', '-p', 'tsconfig.json'], root);
      expect(failed.exitCode).toBe(EXIT_ERROR);
      expect(failed.stderr).toContain("no table for TypeDORM entity 'Organisation' (src/org.ts), TypeDORM entity 'Feature' (src/org.ts)");
      const { policy, stderr } = printed(root, '--default-table', 'org_data');
      expect(tables(policy, 'CapsuleIsolatedItems')).toEqual(['arn:aws:dynamodb:*:*:table/org_data']);
      expect(leadingKeys(policy, 'CapsuleIsolatedItems')).toEqual(['TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}#*']);
      expect(leadingKeys(policy, 'PlatformScopedItems')).toEqual(['FEATURE#*']);
      expect(stderr).toBe("CapsuleIsolatedItems: TypeDORM entity 'Organisation'\nPlatformScopedItems: TypeDORM entity 'Feature'\n");
    });

    it('lists library entities beside @entity classes, and keeps an opt-out without a reason isolated', () => {
      const unreasoned = ELECTRODB.replace(' -- the tenant registry is shared by all capsules', '');
      const { policy, stderr } = printed(libraries({ 'src/models.ts': unreasoned, 'src/entities.ts': ENTITIES }));
      expect(tables(policy, 'CapsuleIsolatedItems')).toEqual([
        'arn:aws:dynamodb:*:*:table/audit',
        'arn:aws:dynamodb:*:*:table/crm_data',
        'arn:aws:dynamodb:*:*:table/platform_data',
        'arn:aws:dynamodb:*:*:table/registry',
      ]);
      expect(leadingKeys(policy, 'PlatformScopedItems')).toEqual(['PLATFORM#TENANT#*']);
      expect(stderr).toBe(
        "CapsuleIsolatedItems: RoleEntity, AuditEntity, ElectroDB entity 'contract', ElectroDB entity 'tenant'\nPlatformScopedItems: TenantEntity\n" +
          "warning: ElectroDB entity 'tenant' (src/models.ts) stores partition keys beginning '$registry', which the CapsuleIsolatedItems condition " +
          "('TENANT#…') never matches: the policy denies its items. Give it a template on the access pattern beginning " +
          "'TENANT#${tenantId}#CAPSULE#${capsuleId}', with casing: 'none'.\n",
      );
    });

    it('warns that an isolated ElectroDB entity keyed by composite alone is stored under a prefix the condition never matches', () => {
      const composite = ELECTRODB.replace(", template: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CONTRACT#\${id}'", '');
      expect(composite).not.toBe(ELECTRODB);
      const { policy, stderr } = printed(libraries({ 'src/models.ts': composite }));
      expect(tables(policy, 'CapsuleIsolatedItems')).toEqual(['arn:aws:dynamodb:*:*:table/crm_data']);
      expect(stderr.split('\n')).toEqual([
        "CapsuleIsolatedItems: ElectroDB entity 'contract'",
        "PlatformScopedItems: ElectroDB entity 'tenant'",
        "warning: ElectroDB entity 'contract' (src/models.ts) stores partition keys beginning '$crm', which the CapsuleIsolatedItems condition " +
          "('TENANT#…') never matches: the policy denies its items. Give it a template on the access pattern beginning " +
          "'TENANT#${tenantId}#CAPSULE#${capsuleId}', with casing: 'none'.",
        '',
      ]);
    });

    it('does not count a local class named like a library export', () => {
      const local = ELECTRODB.replace("import { Entity } from 'electrodb';", 'class Entity { constructor(_: unknown, __?: unknown) {} }');
      const { stderr } = printed(libraries({ 'src/models.ts': local, 'src/entities.ts': ENTITIES }));
      expect(stderr).toBe('CapsuleIsolatedItems: RoleEntity, AuditEntity\nPlatformScopedItems: TenantEntity\n');
    });
  });

  it.each([
    [['policy', '--format', 'json'], "option '--format' is for 'check'; 'policy' prints JSON"],
    [['check', '--tenant-tag', 'org'], "option '--tenant-tag' is for 'policy', not 'check'"],
    [['policy', '--capsule-tag', 'bad tag!'], "option '--capsule-tag' must be an IAM tag key"],
  ])('exits 2 on %j', (argv, message) => {
    const { exitCode, stderr } = runCli(argv, project(ENTITIES));
    expect(exitCode).toBe(EXIT_ERROR);
    expect(stderr).toContain(message);
  });
});
