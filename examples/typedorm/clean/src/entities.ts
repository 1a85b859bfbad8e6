/**
 * A multi-tenant contracts service modelled with TypeDORM. Each tenant-owned entity's partition
 * keys begin with the tenant, then the capsule; a local index shares the table's partition key.
 */
import { Entity, INDEX_TYPE } from '@typedorm/common';
import { platformScoped } from '@capsule-guard/core';

@Entity({
  name: 'contract',
  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#CONTRACT#{{id}}', sortKey: 'CONTRACT' },
  indexes: {
    GSI1: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#CUSTOMER#{{customerId}}', sortKey: 'CONTRACT#{{id}}', type: INDEX_TYPE.GSI },
    LSI1: { sortKey: 'TITLE#{{title}}', type: INDEX_TYPE.LSI },
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
  capsuleId!: string;
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

@Entity({ name: 'tenant', primaryKey: { partitionKey: 'PLATFORM#TENANT#{{id}}', sortKey: 'TENANT' } })
@platformScoped({ reason: 'the tenant registry lists every tenant once, shared by all capsules' })
export class TenantRegistry {
  id!: string;
  name!: string;
}
