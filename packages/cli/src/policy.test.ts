import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { EXIT_CLEAN, EXIT_ERROR } from './cli';
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
    expect(stderr).toBe('CapsuleIsolatedItems: Unscoped\n');
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
