import * as cg from '@capsule-guard/core';
import type { CapsuleId, ContractId, TenantId } from './ids';

/** What every ledger record carries; subclasses inherit their tenant and capsule from here. */
abstract class CapsuleLedgerRecord {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  recordedAt!: string;
}

/**
 * One recognised slice of a contract's revenue. Revenue reports read the byPeriod index, so its
 * key must keep a DEVUS test contract out of the PRODUS report.
 */
@cg.entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{contractId}',
  sk: 'REVSCHED#{period}#LINE#{lineNumber}',
  gsi: {
    byPeriod: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#PERIOD#{period}', sk: 'CONTRACT#{contractId}' },
  },
})
@cg.capsuleIsolated
export class RevenueScheduleEntryEntity extends CapsuleLedgerRecord {
  contractId!: ContractId;
  lineNumber!: number;
  /** Accounting period, e.g. 2025-03. */
  period!: string;
  amountMinor!: number;
  currency!: string;
}
