import { describe, expect, it } from 'vitest';
import { findingsIn } from '../testing/findings';
import { formatJson } from './json';

const CODE = `import { entity, capsuleIsolated } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  id!: string;
}
`;

describe('formatJson', () => {
  it('prints an empty array for a clean project', () => {
    expect(formatJson([])).toBe('[]\n');
  });

  it('prints each finding with its rule, message id, severity, file, 1-based range and message', () => {
    const output = formatJson(findingsIn(CODE, 'src/order.ts'));
    expect(output.endsWith('\n')).toBe(true);
    expect(JSON.parse(output)).toEqual([
      {
        ruleId: 'capsule-guard/isolated-key-templates',
        messageId: 'missingCapsuleSegment',
        severity: 'error',
        file: 'src/order.ts',
        line: 3,
        column: 15,
        endLine: 3,
        endColumn: 45,
        message: expect.stringMatching(/^Capsule-isolated entity 'OrderEntity': the pk template 'TENANT#\{tenantId\}#ORDER#\{id\}' has no 'CAPSULE#\{capsuleId\}' segment/u),
      },
      {
        ruleId: 'capsule-guard/capsule-id-required',
        messageId: 'missingCapsuleId',
        severity: 'error',
        file: 'src/order.ts',
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 25,
        message: expect.stringMatching(/^Capsule-isolated class 'OrderEntity' has no usable 'capsuleId' field/u),
      },
    ]);
  });
});
