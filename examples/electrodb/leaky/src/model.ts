/**
 * The same contracts service as examples/electrodb/clean, as it is often first written: every
 * isolation mistake capsule-guard reports is marked LEAK below.
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
      // LEAK: ElectroDB lowercases this key, so tenants 'Acme' and 'acme' share a partition.
      pk: { field: 'pk', composite: ['tenantId', 'capsuleId', 'id'] },
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
      // LEAK: no capsule in the partition key: a query for one capsule's line items returns every capsule's.
      pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'contractId'] },
      sk: { field: 'sk', composite: ['id'] },
    },
  },
}, { table: TABLE });

export const AccessGrant = new Entity({
  model: { entity: 'accessGrant', version: '1', service: 'crm' },
  attributes: {
    tenantId: { type: 'string', required: true },
    // LEAK: a grant may be written without a capsule.
    capsuleId: { type: 'string' },
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
      // LEAK: a user's grants are looked up across capsules.
      pk: { field: 'gsi1pk', casing: 'none', composite: ['tenantId', 'userId'], template: 'TENANT#${tenantId}#USER#${userId}' },
      sk: { field: 'gsi1sk', composite: ['id'] },
    },
  },
}, { table: TABLE });

// LEAK: opted out of isolation without saying why.
// capsule-guard-platform-scoped
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
