import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as TS from 'typescript';

/**
 * How the engine (built, as every front end loads it) finds decorated declarations: its walk
 * skips subtrees without an '@' and keeps its own stack instead of recursing, so it is fast on
 * ordinary code and survives nesting deeper than any recursive walk could follow.
 */
const require = createRequire(import.meta.url);
const ts = require('typescript') as typeof TS;
const engine = require('@capsule-guard/engine') as typeof import('@capsule-guard/engine');

const IMPORT = "import { capsuleIsolated, entity } from '@capsule-guard/core';\n";
const LEAKY = "@entity({ pk: 'CAPSULE#{capsuleId}#ITEM#{id}' })\n@capsuleIsolated\nclass Leaky { tenantId!: string; capsuleId!: string; id!: string }\n";

const parse = (text: string) => ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true);

function at(sourceFile: TS.SourceFile, finding: { start: number }) {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
  return `${line + 1}:${character + 1}`;
}

describe('finding decorated declarations', () => {
  it('reports an entity nested 300 functions deep, at its place', () => {
    const depth = 300;
    const text = `${IMPORT}${'function f() {\n'.repeat(depth)}${LEAKY}${'}\n'.repeat(depth)}`;
    const sourceFile = parse(text);
    const findings = engine.checkSourceFile(ts, sourceFile);
    expect(findings.map((f) => [f.ruleId, f.messageId, at(sourceFile, f)])).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingTenantSegment', `${depth + 2}:15`],
    ]);
  });

  it('checks a file whose expressions nest deeper than a recursive walk could follow', () => {
    // 20,000 terms: a left-nested chain no recursive visitor survives on the default stack.
    const terms = Array.from({ length: 20_000 }, (_, i) => `'x${i}'`).join(' + ');
    const sourceFile = parse(`${IMPORT}const noise = ${terms};\n${LEAKY}`);
    const findings = engine.checkSourceFile(ts, sourceFile);
    expect(findings.map((f) => [f.ruleId, f.messageId, at(sourceFile, f)])).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingTenantSegment', '3:15'],
    ]);
  });

  it("finds decorators in a subtree that also holds '@' in strings and comments", () => {
    const text = `${IMPORT}// mail @ example\nconst at = '@';\nnamespace Inner {\n  /** @see Leaky */\n  ${LEAKY}}\n`;
    const sourceFile = parse(text);
    expect(engine.checkSourceFile(ts, sourceFile).map((f) => [f.messageId, at(sourceFile, f)])).toEqual([['missingTenantSegment', '6:17']]);
  });
});
