import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, ContractId, CustomerId, ProductId, TenantId } from './ids';

/**
 * Where an item lives. Entities that carry it reach their scope one level down, as
 * {context.tenantId} and {context.capsuleId}.
 */
export interface EntityContext {
  tenantId: TenantId;
  capsuleId: CapsuleId;
}

export type ContractStatus = 'draft' | 'active' | 'terminated';

@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CONTRACT#{id}',
  sk: 'METADATA',
  gsi: {
    byCustomer: {
      pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CUSTOMER#{customerId}',
      sk: 'CONTRACT#{id}',
    },
    byStatus: {
      pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#STATUS#{status}',
      sk: 'START#{startDate}',
    },
  },
})
@capsuleIsolated
export class ContractEntity {
  context!: EntityContext;
  id!: ContractId;
  customerId!: CustomerId;
  status!: ContractStatus;
  startDate!: string;
}

/** Line items share their contract's partition, so one query reads a whole contract. */
@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CONTRACT#{contractId}',
  sk: 'LINE#{lineNumber}',
  gsi: {
    byProduct: {
      pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#PRODUCT#{productId}',
      sk: 'CONTRACT#{contractId}#LINE#{lineNumber}',
    },
  },
})
@capsuleIsolated
export class ContractLineItemEntity {
  context!: EntityContext;
  contractId!: ContractId;
  lineNumber!: number;
  productId!: ProductId;
  quantity!: number;
  unitPriceMinor!: number;
}

// `@capsuleIsolated()` with parentheses is the same decorator as the bare form.
@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#CONTRACT#{contractId}',
  sk: 'AMENDMENT#{effectiveDate}#{sequence}',
})
@capsuleIsolated()
export class ContractAmendmentEntity {
  context!: EntityContext;
  contractId!: ContractId;
  effectiveDate!: string;
  sequence!: number;
  summary!: string;
}
