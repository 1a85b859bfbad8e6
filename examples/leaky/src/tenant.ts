import { entity, platformScoped } from '@capsule-guard/core';
import type { TenantId } from './ids';

// LEAK: platform scope without a reason. Sharing data across capsules must be a decision someone
// wrote down, not an empty string that silences the check.
@entity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}', sk: 'PROFILE' })
@platformScoped({ reason: '' })
export class TenantEntity {
  id!: TenantId;
  displayName!: string;
}
