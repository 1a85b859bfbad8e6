/**
 * A multi-tenant contracts service modelled with ElectroDB, every entity in one table. Each
 * tenant-owned entity is capsule-isolated: its partition keys begin with the tenant, then the
 * capsule, and keep their case (casing: 'none'), so 'Acme' and 'acme' are never one partition.
 */
import { Entity } from 'electrodb';

export const TABLE = 'platform_data';

export const Contract = new Entity({
  model: { entity: 'contract', version: '1', service: 'crm' },
  attributes: {
    tenantId: { type: 'string', required: true },
    capsuleId: { type: 'string', required: true },
    id: { type: 'string', required: true },
    customerId: { type: 'string', required: true },
    title: { type: 'string' },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'] },
      sk: { field: 'sk', composite: [] },
    },
    byCustomer: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'customerId'], template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId}' },
      sk: { field: 'gsi1sk', composite: ['id'], template: 'CONTRACT#${id}' },
    },
  },
}, { table: TABLE });

export const LineItem = new Entity({
  model: { entity: 'lineItem', version: '1', service: 'crm' },
  attributes: {
    tenantId: { type: 'string', required: true },
    capsuleId: { type: 'string', required: true },
    contractId: { type: 'string', required: true },
    id: { type: 'string', required: true },
    amount: { type: 'number', required: true },
  },
  indexes: {
    byContract: {
      pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'contractId'] },
      sk: { field: 'sk', composite: ['id'] },
    },
  },
}, { table: TABLE });

export const AccessGrant = new Entity({
  model: { entity: 'accessGrant', version: '1', service: 'crm' },
  attributes: {
    tenantId: { type: 'string', required: true },
    capsuleId: { type: 'string', required: true },
    id: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    role: { type: ['reader', 'editor', 'owner'] as const, required: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'] },
      sk: { field: 'sk', composite: [] },
    },
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'userId'], template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#USER#${userId}' },
      sk: { field: 'gsi1sk', composite: ['id'] },
    },
  },
}, { table: TABLE });

// capsule-guard-platform-scoped -- the tenant registry lists every tenant once, shared by all capsules
export const TenantRegistry = new Entity({
  model: { entity: 'tenant', version: '1', service: 'platform' },
  attributes: {
    id: { type: 'string', required: true },
    name: { type: 'string', required: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
  },
}, { table: TABLE });
