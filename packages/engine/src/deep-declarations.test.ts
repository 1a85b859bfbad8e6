import { describe, expect, it } from 'vitest';
import { checkBothModes } from './testing/both-modes';
import { checkCode } from './testing/check-code';

/**
 * Base classes and types are followed through one another by recursion; a chain longer than any
 * real hierarchy ends with a reason (fail closed) instead of exhausting the call stack.
 */
const IMPORT = "import { capsuleIsolated, entity } from '@capsule-guard/core';";
const chain = (length: number, link: (i: number) => string) => Array.from({ length }, (_, i) => link(i)).join('\n');
const TOO_DEEP = 'it is defined through more than 100 nested base classes or types';

const baseClasses = (length: number) => `${IMPORT}
class B0 { tenantId!: string; capsuleId!: string }
${chain(length, (i) => `class B${i + 1} extends B${i} {}`)}
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}' })
@capsuleIsolated
export class Item extends B${length} { id!: string }
`;

const contextType = (length: number, link: (i: number) => string, first: string) => `${IMPORT}
${first}
${chain(length, link)}
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}#ITEM#{id}' })
@capsuleIsolated
export class Item { tenantId!: string; id!: string; context!: T${length} }
`;
const interfaces = (length: number) => contextType(length, (i) => `interface T${i + 1} extends T${i} {}`, 'interface T0 { capsuleId: string }');
const aliases = (length: number) => contextType(length, (i) => `type T${i + 1} = T${i} & { f${i}: string };`, 'type T0 = { capsuleId: string };');

describe('chains of base classes and types', () => {
  it.each([
    ['base classes', baseClasses],
    ['interfaces extending interfaces', interfaces],
    ['type aliases of intersections', aliases],
  ])('follows 90 %s', (_, code) => {
    expect(checkBothModes(code(90))).toEqual([]);
  });

  it('fails closed on 20,000 base classes, naming the depth, at the templates and the class', () => {
    const findings = checkCode(baseClasses(20_000));
    expect(findings.map((f) => [f.ruleId, f.messageId, f.line, f.column])).toEqual([
      ['capsule-guard/isolated-key-templates', 'unverifiableField', 20_003, 15],
      ['capsule-guard/isolated-key-templates', 'unverifiableField', 20_003, 15],
      ['capsule-guard/capsule-id-required', 'unverifiableCapsuleId', 20_005, 14],
    ]);
    expect(findings[2].data.reason).toBe(TOO_DEEP);
  });

  it.each([
    ['interfaces extending interfaces', interfaces],
    ['type aliases of intersections', aliases],
  ])('fails closed on 20,000 %s behind a context field', (_, code) => {
    const findings = checkCode(code(20_000));
    expect(findings.map((f) => [f.ruleId, f.messageId, f.line, f.column])).toEqual([
      ['capsule-guard/isolated-key-templates', 'unverifiableField', 20_003, 15],
      ['capsule-guard/capsule-id-required', 'unverifiableCapsuleId', 20_005, 14],
    ]);
    expect(findings[0].data.reason).toBe(`the type of 'context' cannot be resolved: ${TOO_DEEP}`);
  });
});
