import { capsuleIsolated as isolated, entity } from '@capsule-guard/core';
import type { CapsuleId, PrincipalId, RoleId, TenantId } from './ids';

/** Who may do what on which resource; an access grant in DEVUS grants nothing in PRODUS. */
@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ACCESS#{principalId}',
  sk: 'RESOURCE#{resource}',
  gsi: {
    byResource: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#RESOURCE#{resource}', sk: 'ACCESS#{principalId}' },
  },
})
@isolated
export class AccessEntity {
  // Constructor parameter properties are fields like any other.
  constructor(
    readonly tenantId: TenantId,
    readonly capsuleId: CapsuleId,
    readonly principalId: PrincipalId,
    readonly resource: string,
    readonly grantedBy: PrincipalId,
  ) {}
}

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA#v{version}',
  gsi: { byEmail: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
})
@isolated
export class RoleAssignmentEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  id!: RoleId;
  email!: string;
  version!: number;
}
