import { capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';

export type TenantId = string & { readonly __brand: 'TenantId' };
export type CapsuleId = string & { readonly __brand: 'CapsuleId' };

/** The one table every entity lives in. */
export const TABLE = 'platform_data';

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA',
  gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
})
@capsuleIsolated
export class RoleAssignmentEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  id!: string;
  email!: string;
  role!: string;
}

@entity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}', sk: 'PROFILE' })
@platformScoped({ reason: 'the tenant registry is read at sign-in, before a capsule is chosen' })
export class TenantEntity {
  id!: TenantId;
  displayName!: string;
}
