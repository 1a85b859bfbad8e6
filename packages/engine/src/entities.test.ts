import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entityMetadata } from './entities';

const metadataOf = (code: string) =>
  entityMetadata(ts, ts.createSourceFile('/project/entities.ts', code, ts.ScriptTarget.Latest, true)).map(({ className, scope, table, pk, keyPrefix }) => ({ className, scope, table, pk, keyPrefix }));

describe('entityMetadata', () => {
  it('reads the scope, table and pk of every @entity class, decorators found by import', () => {
    const code = `import * as cg from '@capsule-guard/core';
const TABLE = 'platform_data';
@cg.entity({ table: TABLE, pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' }) @cg.capsuleIsolated export class RoleEntity {}
@cg.entity({ table: 'registry', pk: 'PLATFORM#TENANT#{id}' }) @cg.platformScoped({ reason: 'shared' }) export class TenantEntity {}
@cg.entity({ table: tableName(), pk: 'X#{id}' }) export class Unscoped {}
declare function tableName(): string;
@entity({ table: 'other' }) class NotOurs {}
declare function entity(o: unknown): ClassDecorator;
`;
    expect(metadataOf(code)).toEqual([
      { className: 'RoleEntity', scope: 'capsuleIsolated', table: 'platform_data', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}', keyPrefix: 'TENANT#' },
      { className: 'TenantEntity', scope: 'platformScoped', table: 'registry', pk: 'PLATFORM#TENANT#{id}', keyPrefix: 'PLATFORM#TENANT#' },
      { className: 'Unscoped', scope: 'undeclared', table: undefined, pk: 'X#{id}', keyPrefix: 'X#' },
    ]);
  });

  it('finds nothing in a file that imports no decorator module', () => {
    expect(metadataOf("@entity({ table: 't', pk: 'P' }) class A {}\ndeclare function entity(o: unknown): ClassDecorator;\n")).toEqual([]);
  });
});
