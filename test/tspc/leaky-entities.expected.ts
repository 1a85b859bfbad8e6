import type { ExpectedFinding } from './harness';

/** What every build of fixtures/leaky-entities must report, whatever the decorator mode. */
export const LEAKY_ENTITIES_FINDINGS: readonly ExpectedFinding[] = [
  {
    file: 'src/entities.ts',
    line: 8,
    column: 28,
    rule: 'isolated-key-templates',
    messageId: 'missingTenantSegment',
    data: {
      className: 'InvoiceEntity',
      template: 'CAPSULE#{capsuleId}#CUSTOMER#{customerId}',
      expected: 'TENANT#{tenantId}',
      fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CUSTOMER#{customerId}',
    },
  },
  {
    file: 'src/entities.ts',
    line: 19,
    column: 15,
    rule: 'isolated-key-templates',
    messageId: 'missingCapsuleSegment',
    data: {
      className: 'ContractEntity',
      templateName: 'pk',
      template: 'TENANT#{tenantId}#CONTRACT#{id}',
      expected: 'CAPSULE#{capsuleId}',
      fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}',
    },
  },
  {
    file: 'src/entities.ts',
    line: 29,
    column: 14,
    rule: 'isolation-scope-required',
    messageId: 'missingScope',
    data: { className: 'NoteEntity' },
  },
  // The missing field also makes the pk's '{capsuleId}' placeholder name nothing.
  {
    file: 'src/entities.ts',
    line: 36,
    column: 15,
    rule: 'isolated-key-templates',
    messageId: 'unknownField',
    data: { className: 'AuditEntity', templateName: 'pk', placeholder: '{capsuleId}' },
  },
  {
    file: 'src/entities.ts',
    line: 38,
    column: 14,
    rule: 'capsule-id-required',
    messageId: 'missingCapsuleId',
    data: { className: 'AuditEntity', capsuleField: 'capsuleId' },
  },
  // Reported on the const's name inside the decorator; its value comes from src/keys.ts.
  {
    file: 'src/entities.ts',
    line: 44,
    column: 15,
    rule: 'isolated-key-templates',
    messageId: 'missingCapsuleSegment',
    data: {
      className: 'OrderEntity',
      templateName: 'pk',
      template: 'TENANT#{tenantId}#ORDER#{id}',
      expected: 'CAPSULE#{capsuleId}',
    },
  },
  // The same const in src/keys.ts, a key written outside the entity's declaration.
  {
    file: 'src/keys.ts',
    line: 2,
    column: 25,
    rule: 'isolated-key-literals',
    messageId: 'missingCapsuleSegment',
    data: { key: "'TENANT#{tenantId}#ORDER#{id}'" },
  },
];
