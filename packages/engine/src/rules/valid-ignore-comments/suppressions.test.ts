import { describe, expect, it } from 'vitest';
import { checkBothModes, where } from '../../testing/both-modes';
import { checkCode } from '../../testing/check-code';

const IMPORT = "import { capsuleIsolated, entity } from '@capsule-guard/core';";
/** A leaky entity whose pk (column 15) lacks the tenant segment, with `comment` on the line before it. */
const leakyEntity = (comment: string) =>
  `${comment}\n@entity({ pk: 'CAPSULE#{capsuleId}#ITEM#{id}' })\n@capsuleIsolated\nexport class Leaky { tenantId!: string; capsuleId!: string; id!: string }\n`;
const SUPPRESS = '// capsule-guard-ignore isolated-key-templates -- archive written before tenants existed';
const UNUSED = '// capsule-guard-ignore capsule-id-required -- nothing to suppress';
const concatenation = (terms: number) => Array.from({ length: terms }, (_, i) => `'x${i}'`).join(' + ');

describe('suppressions in files that nest deeper than a recursive walk could follow', () => {
  it.each([20_000, 50_000])('applies a suppression after a %i-term concatenation, without an internal error', (terms) => {
    const code = `${IMPORT}\nexport const noise = ${concatenation(terms)};\n${leakyEntity(SUPPRESS)}`;
    expect(checkCode(code)).toEqual([]);
  });

  it('reports an unused suppression after a 50,000-term concatenation at its place', () => {
    const code = `${IMPORT}\nexport const noise = ${concatenation(50_000)};\n${leakyEntity(SUPPRESS)}${UNUSED}\nexport const z = 1;\n`;
    expect(where(checkCode(code))).toEqual([['capsule-guard/valid-ignore-comments', 'unusedSuppression', 7, 1, UNUSED]]);
  });

  it('finds a suppression inside a deeply nested concatenation', () => {
    const code = `${IMPORT}\nexport const noise = ${concatenation(20_000)} +\n  ${UNUSED}\n  'end';\n`;
    expect(where(checkCode(code))).toEqual([['capsule-guard/valid-ignore-comments', 'unusedSuppression', 3, 3, UNUSED]]);
  });
});

describe('which comments are suppressions', () => {
  it('reports a comment that leads a statement and its first token once', () => {
    const code = `${IMPORT}\n${UNUSED}\nexport const z = 1;\n`;
    expect(where(checkBothModes(code))).toEqual([['capsule-guard/valid-ignore-comments', 'unusedSuppression', 2, 1, UNUSED]]);
  });

  it('reads a comment after the last statement of the file', () => {
    const code = `${IMPORT}\nexport const z = 1;\n${UNUSED}\n`;
    expect(where(checkBothModes(code))).toEqual([['capsule-guard/valid-ignore-comments', 'unusedSuppression', 3, 1, UNUSED]]);
  });

  it.each([
    ['a class body', (comment: string) => `export class Plain {\n  name = 'x';\n  ${comment}\n}\n`, 4],
    ['a function body', (comment: string) => `export function plain(): void {\n  void 0;\n  ${comment}\n}\n`, 4],
    ['an argument list', (comment: string) => `export const calls = [1].map(\n  (n) => n,\n  ${comment}\n);\n`, 4],
    ['an object literal', (comment: string) => `export const settings = {\n  a: 1,\n  ${comment}\n};\n`, 4],
  ])('reads a comment before the closing token of %s', (_, wrap, line) => {
    const code = `${IMPORT}\n${wrap(UNUSED)}`;
    expect(where(checkBothModes(code))).toEqual([['capsule-guard/valid-ignore-comments', 'unusedSuppression', line, 3, UNUSED]]);
  });

  it('does not take the marker in a string or template for a comment', () => {
    const code = `${IMPORT}\nexport const s = '${UNUSED}';\nexport const t = \`\n${UNUSED}\n\`;\n`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('applies each of several suppressions to the finding on its own next line only', () => {
    const code = `${IMPORT}\n${leakyEntity(SUPPRESS)}${leakyEntity(SUPPRESS).replace('Leaky', 'Leaky2')}${leakyEntity('// ordinary comment').replace('Leaky', 'Leaky3')}`;
    expect(where(checkBothModes(code))).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingTenantSegment', 11, 15, "'CAPSULE#{capsuleId}#ITEM#{id}'"],
    ]);
  });
});
