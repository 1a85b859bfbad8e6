import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, TenantId } from './ids';

// LEAK: a hard-coded capsule. Every capsule of the tenant reads and writes the one DEFAULT
// configuration, so changing the fiscal calendar in DEVUS changes it in PRODUS.
const FINANCIAL_CONFIG_PK = 'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG';

@entity({ table: 'platform_data', pk: FINANCIAL_CONFIG_PK, sk: 'KEY#{configKey}' })
@capsuleIsolated
export class FinancialConfigEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  configKey!: string;
  value!: string;
}
