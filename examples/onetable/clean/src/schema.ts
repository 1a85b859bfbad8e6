/**
 * A multi-tenant contracts service modelled with OneTable, every model in one table. The keys of
 * each tenant-owned model are value templates that begin with the tenant, then the capsule.
 */
import { Table, type OneSchema } from 'dynamodb-onetable';

export const Schema = {
  version: '0.0.1',
  indexes: {
    primary: { hash: 'pk', sort: 'sk' },
    gsi1: { hash: 'gsi1pk', sort: 'gsi1sk', project: 'all' },
  },
  models: {
    Contract: {
      pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}' },
      sk: { type: String, value: '${_type}' },
      gsi1pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId}' },
      gsi1sk: { type: String, value: 'CONTRACT#${id}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      id: { type: String, required: true },
      customerId: { type: String, required: true },
      title: { type: String },
    },
    LineItem: {
      pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${contractId}' },
      sk: { type: String, value: 'LINE#${id:6:0}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      contractId: { type: String, required: true },
      id: { type: String, required: true },
      amount: { type: Number, required: true },
    },
    AccessGrant: {
      pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#GRANT#${id}' },
      sk: { type: String, value: '${_type}' },
      gsi1pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#USER#${userId}' },
      gsi1sk: { type: String, value: 'GRANT#${id}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      id: { type: String, required: true },
      userId: { type: String, required: true },
      role: { type: String, enum: ['reader', 'editor', 'owner'], required: true },
    },
    // capsule-guard-platform-scoped -- the tenant registry lists every tenant once, shared by all capsules
    TenantRegistry: {
      pk: { type: String, value: 'PLATFORM#TENANT#${id}' },
      sk: { type: String, value: '${_type}' },
      id: { type: String, required: true },
      name: { type: String, required: true },
    },
  },
  params: { isoDates: true, timestamps: true },
} as const satisfies OneSchema;

export const table = new Table({ name: 'platform_data', schema: Schema, partial: true });
