/**
 * The same contracts service as examples/typedorm/clean, as it is often first written: every
 * isolation mistake capsule-guard reports is marked LEAK below.
 */
import { Entity, INDEX_TYPE } from '@typedorm/common';
import { platformScoped } from '@capsule-guard/core';

@Entity({
  name: 'contract',
  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#CONTRACT#{{id}}', sortKey: 'CONTRACT' },
  indexes: {
    // LEAK: contracts are looked up by customer across tenants.
    GSI1: { partitionKey: 'CUSTOMER#{{customerId}}', sortKey: 'CONTRACT#{{id}}', type: INDEX_TYPE.GSI },
    // LEAK: TypeDORM finds the unknown '{{name}}' only at run time.
    LSI1: { sortKey: 'TITLE#{{name}}', type: INDEX_TYPE.LSI },
  },
})
export class Contract {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
  customerId!: string;
  title!: string;
}

@Entity({
  name: 'lineItem',
  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#CONTRACT#{{contractId}}', sortKey: 'LINE#{{id}}' },
})
export class LineItem {
  tenantId!: string;
  // LEAK: a line item may be written without a capsule.
  capsuleId?: string;
  contractId!: string;
  id!: string;
  amount!: number;
}

@Entity({
  name: 'accessGrant',
  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#GRANT#{{id}}', sortKey: 'GRANT' },
  indexes: {
    GSI1: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#USER#{{userId}}', sortKey: 'GRANT#{{id}}', type: INDEX_TYPE.GSI },
  },
})
export class AccessGrant {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
  userId!: string;
  role!: 'reader' | 'editor' | 'owner';
}

// LEAK: opted out of isolation with an empty reason.
@Entity({ name: 'tenant', primaryKey: { partitionKey: 'PLATFORM#TENANT#{{id}}', sortKey: 'TENANT' } })
@platformScoped({ reason: '' })
export class TenantRegistry {
  id!: string;
  name!: string;
}
