/**
 * The same contracts service as examples/onetable/clean, as it is often first written: every
 * isolation mistake capsule-guard reports is marked LEAK below.
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
      // LEAK: '${contract}' names no attribute; OneTable would write an empty value.
      gsi1sk: { type: String, value: 'CONTRACT#${contract}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      id: { type: String, required: true },
      customerId: { type: String, required: true },
      title: { type: String },
    },
    LineItem: {
      // LEAK: no capsule in the partition key.
      pk: { type: String, value: 'TENANT#${tenantId}#CONTRACT#${contractId}' },
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
      // LEAK: the capsule comes first, so the tenant segment is not where IAM's LeadingKeys looks.
      gsi1pk: { type: String, value: 'CAPSULE#${capsuleId}#TENANT#${tenantId}#USER#${userId}' },
      gsi1sk: { type: String, value: 'GRANT#${id}' },
      tenantId: { type: String, required: true },
      // LEAK: a grant may be written without a capsule.
      capsuleId: { type: String },
      id: { type: String, required: true },
      userId: { type: String, required: true },
      role: { type: String, enum: ['reader', 'editor', 'owner'], required: true },
    },
    // LEAK: opted out of isolation without saying why.
    // capsule-guard-platform-scoped
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
