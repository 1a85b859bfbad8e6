import { describe, expect, it } from 'vitest';
import { findingsIn } from '../testing/findings';
import { formatText } from './text';

const IMPORT = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';\n";
const ORDER = `${IMPORT}\n@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })\n@capsuleIsolated\nexport class OrderEntity {\n  tenantId!: string;\n  capsuleId!: string;\n  id!: string;\n}\n`;
const TENANT = `${IMPORT}\n@entity({ pk: 'PLATFORM#TENANT#{id}' })\n@platformScoped({ reason: '' })\nexport class TenantEntity { id!: string }\n`;

const ORDER_MESSAGE =
  "Capsule-isolated entity 'OrderEntity': the pk template 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#{capsuleId}' segment after the tenant segment, so its items leak across capsules. Write e.g. 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}'.";
const TENANT_MESSAGE =
  "Entity 'TenantEntity' is @platformScoped with an empty reason. Write a non-empty reason saying why every capsule may share this data.";

const plain = { codeFrame: false, color: false };
const frame = { codeFrame: true, color: false };

describe('formatText', () => {
  it('prints nothing for a clean project', () => {
    expect(formatText([], plain)).toBe('');
    expect(formatText([], { codeFrame: true, color: true })).toBe('');
  });

  it('prints one tsc-style line per finding, then a summary', () => {
    const findings = [...findingsIn(ORDER, 'src/order.ts'), ...findingsIn(TENANT, 'src/tenant.ts')];
    expect(formatText(findings, plain)).toBe(
      [
        `src/order.ts:3:15 - error capsule-guard/isolated-key-templates: ${ORDER_MESSAGE}`,
        `src/tenant.ts:5:14 - error capsule-guard/isolation-scope-required: ${TENANT_MESSAGE}`,
        '',
        'Found 2 errors in 2 files.',
        '',
      ].join('\n'),
    );
  });

  it('counts in the singular', () => {
    expect(formatText(findingsIn(ORDER), plain)).toMatch(/\n\nFound 1 error in 1 file\.\n$/u);
  });

  it('shows a code frame under each finding on a terminal, with ~ under the reported text', () => {
    const findings = [...findingsIn(ORDER, 'src/order.ts'), ...findingsIn(TENANT, 'src/tenant.ts')];
    expect(formatText(findings, frame)).toBe(
      [
        `src/order.ts:3:15 - error capsule-guard/isolated-key-templates: ${ORDER_MESSAGE}`,
        '',
        "3 @entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })",
        '                ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '',
        `src/tenant.ts:5:14 - error capsule-guard/isolation-scope-required: ${TENANT_MESSAGE}`,
        '',
        '5 export class TenantEntity { id!: string }',
        '               ~~~~~~~~~~~~',
        '',
        'Found 2 errors in 2 files.',
        '',
      ].join('\n'),
    );
  });

  it('frames a span of several lines like tsc: every line up to four, the first and last two beyond', () => {
    const short = `${IMPORT}\n@entity({\n  table: 'orders',\n})\n@capsuleIsolated\nexport class OrderEntity { capsuleId!: string }\n`;
    expect(formatText(findingsIn(short), frame).split('\n').slice(2, 8)).toEqual([
      '3 @entity({',
      '   ~~~~~~~~',
      "4   table: 'orders',",
      '  ~~~~~~~~~~~~~~~~~~',
      '5 })',
      '  ~~',
    ]);
    const long = `${IMPORT}\n@entity({\n  table: 'orders',\n  sk: 'ORDER',\n  gsi: {},\n\n\n\n\n})\n@capsuleIsolated\nexport class OrderEntity { capsuleId!: string }\n`;
    expect(formatText(findingsIn(long), frame).split('\n').slice(2, 11)).toEqual([
      ' 3 @entity({',
      '    ~~~~~~~~',
      " 4   table: 'orders',",
      '   ~~~~~~~~~~~~~~~~~~',
      '   ...',
      '10 ',
      '   ',
      '11 })',
      '   ~~',
    ]);
  });

  it('shows a tab as one space so the underline stays aligned', () => {
    const code = `${IMPORT}\n@entity({\n\tpk: 'ORDER#{id}',\n})\n@capsuleIsolated\nexport class OrderEntity { id!: string; capsuleId!: string }\n`;
    const lines = formatText(findingsIn(code), frame).split('\n');
    expect(lines.slice(2, 4)).toEqual(["4  pk: 'ORDER#{id}',", '       ~~~~~~~~~~~~']);
  });

  it('colors file, position, severity, rule id and underline like tsc when asked to', () => {
    const [finding] = findingsIn(ORDER, 'src/order.ts');
    const output = formatText([finding], { codeFrame: true, color: true });
    expect(output.split('\n')[0]).toBe(
      '\u001b[36msrc/order.ts\u001b[0m:\u001b[33m3\u001b[0m:\u001b[33m15\u001b[0m - \u001b[31merror\u001b[0m ' +
        `\u001b[90mcapsule-guard/isolated-key-templates\u001b[0m: ${ORDER_MESSAGE}`,
    );
    expect(output).toContain(`\u001b[7m \u001b[0m               \u001b[31m${'~'.repeat(30)}\u001b[0m`);
  });
});
