import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, ContractId, CustomerId, ProductId, TenantId } from './ids';

export interface EntityContext {
  tenantId: TenantId;
  capsuleId: CapsuleId;
}

@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CONTRACT#{id}',
  sk: 'METADATA',
  gsi: {
    // LEAK (shipped): the customer index has no TENANT# segment. Every tenant has a PRODUS
    // capsule, so a lookup by customer in one tenant's PRODUS reads other tenants' contracts.
    byCustomer: { pk: 'CAPSULE#{context.capsuleId}#CUSTOMER#{customerId}', sk: 'CONTRACT#{id}' },
  },
})
@capsuleIsolated
export class ContractEntity {
  context!: EntityContext;
  id!: ContractId;
  customerId!: CustomerId;
  startDate!: string;
}

// LEAK (shipped): no capsuleId anywhere. The class has a tenant but no capsule, so its key
// cannot name one either: DEVUS and PRODUS line items share one partition.
@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CONTRACT#{contractId}',
  sk: 'LINE#{lineNumber}',
})
@capsuleIsolated
export class ContractLineItemEntity {
  tenantId!: TenantId;
  contractId!: ContractId;
  lineNumber!: number;
  productId!: ProductId;
}

// LEAK (shipped): the scope decorator was forgotten. The key happens to be right today, but
// nothing stops the next edit from dropping the capsule, and nobody decided the scope.
@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CONTRACT#{contractId}',
  sk: 'AMENDMENT#{effectiveDate}',
})
export class ContractAmendmentEntity {
  context!: EntityContext;
  contractId!: ContractId;
  effectiveDate!: string;
}
