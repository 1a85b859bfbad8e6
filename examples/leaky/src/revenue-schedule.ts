import * as cg from '@capsule-guard/core';
import type { CapsuleId, ContractId, TenantId } from './ids';

abstract class CapsuleLedgerRecord {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
}

// LEAK (shipped): the partition key has no CAPSULE# segment although the class has a capsuleId.
// Test contracts booked in DEVUS showed up in the PRODUS revenue report.
@cg.entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CONTRACT#{contractId}',
  sk: 'REVSCHED#{period}',
})
@cg.capsuleIsolated
export class RevenueScheduleEntryEntity extends CapsuleLedgerRecord {
  contractId!: ContractId;
  period!: string;
  amountMinor!: number;
}
