import { describe, expect, it } from 'vitest';
import { findingsIn } from './testing/findings';

const IMPORT = "import { entity, capsuleIsolated } from '@capsule-guard/core';\n";

describe('reportedFinding', () => {
  it('places a finding with 1-based lines and columns and an exclusive end, relative to the working directory', () => {
    const code = `${IMPORT}\n@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })\n@capsuleIsolated\nexport class OrderEntity {\n  tenantId!: string;\n  capsuleId!: string;\n  id!: string;\n}\n`;
    expect(findingsIn(code)).toEqual([
      expect.objectContaining({
        ruleId: 'capsule-guard/isolated-key-templates',
        rule: 'isolated-key-templates',
        messageId: 'missingCapsuleSegment',
        severity: 'error',
        file: 'src/entity.ts',
        absolutePath: '/repo/src/entity.ts',
        line: 3,
        column: 15,
        endLine: 3,
        endColumn: 45,
        sourceLines: ["@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })"],
      }),
    ]);
  });

  it('keeps the lines of a finding that spans several, without their line breaks (CRLF included)', () => {
    const code = `${IMPORT}\n@entity({\n  table: 'orders',\n})\n@capsuleIsolated\nexport class OrderEntity { capsuleId!: string }\n`.replace(/\n/gu, '\r\n');
    const [missingPk] = findingsIn(code);
    expect(missingPk).toMatchObject({
      messageId: 'missingPk',
      line: 3,
      column: 2,
      endLine: 5,
      endColumn: 3,
      sourceLines: ['@entity({', "  table: 'orders',", '})'],
    });
  });

  it('counts columns in UTF-16 code units, as tsc and ESLint do', () => {
    // The rocket is two code units: the class name starts at column 53 (52 in code points).
    const code = `${IMPORT}\n/* 🚀 */ @entity({ pk: 'ORDER#{id}' }) export class OrderEntity { id!: string }\n`;
    expect(findingsIn(code)[0]).toMatchObject({ messageId: 'missingScope', line: 3, column: 53, endColumn: 64 });
  });

  it('names files outside the working directory with a relative path that leaves it', () => {
    const code = `${IMPORT}\n@entity({ pk: 'ORDER#{id}' })\nexport class OrderEntity { id!: string }\n`;
    expect(findingsIn(code, 'src/entity.ts', '/repo/app')[0]).toMatchObject({ file: '../src/entity.ts', line: 4, column: 14 });
  });
});
