import { capsuleIsolated as isolated, entity } from '@capsule-guard/core';
import type { CapsuleId, PrincipalId, RoleId, TenantId } from './ids';

// A helper that builds keys at runtime hides them from review, and from the checks.
function capsuleKey(suffix: string): string {
  return 'TENANT#{tenantId}#CAPSULE#{capsuleId}#' + suffix;
}

// LEAK: the key is computed by a function, so no one can see what it contains. The checks
// fail closed: a key they cannot read is reported, not trusted.
@entity({ table: 'platform_data', pk: capsuleKey('ACCESS#{principalId}'), sk: 'RESOURCE#{resource}' })
@isolated
export class AccessEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  principalId!: PrincipalId;
  resource!: string;
}

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA',
  gsi: {
    // LEAK: copy-paste put the tenant id where the capsule id belongs. The segment is there but
    // every capsule of the tenant lands in the same partition.
    byEmail: { pk: 'TENANT#{tenantId}#CAPSULE#{tenantId}#EMAIL#{email}', sk: 'ROLE#{id}' },
  },
})
@isolated
export class RoleAssignmentEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  id!: RoleId;
  email!: string;
}
