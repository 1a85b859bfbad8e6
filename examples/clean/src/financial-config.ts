import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, TenantId } from './ids';

// Key templates may be named consts (or concatenations of them) as long as they are static, so
// the checks can read them. Every key of this module starts in the caller's tenant and capsule.
const CAPSULE_ROOT = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';
const FINANCIAL_CONFIG_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#FINCONFIG';

/** Fiscal calendar, currencies and revenue policies; DEVUS may differ from PRODUS. */
@entity({
  table: 'platform_data',
  pk: FINANCIAL_CONFIG_PK,
  sk: 'KEY#{configKey}#v{version}',
  gsi: { byCategory: { pk: CAPSULE_ROOT + '#CATEGORY#{category}', sk: 'KEY#{configKey}' } },
})
@capsuleIsolated
export class FinancialConfigEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  configKey!: string;
  category!: 'calendar' | 'currency' | 'revenue-policy';
  value!: string;
  version!: number;
}
