import * as ts from 'typescript';
import { expect, it } from 'vitest';
import { checkSourceFile } from './check';
import { FAILING_ENTITY, failingEntityFindings, typeScriptFailingAt } from './testing/failing-typescript';

it('turns a real failure inside a check into a finding of each rule that failed, at the class name', () => {
  const sourceFile = ts.createSourceFile('/project/order.ts', FAILING_ENTITY, ts.ScriptTarget.Latest, true);
  const findings = checkSourceFile(typeScriptFailingAt(ts), sourceFile).map((finding) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
    return { rule: finding.rule, ruleId: finding.ruleId, line: line + 1, column: character + 1, message: finding.message };
  });
  expect(findings).toEqual(failingEntityFindings('/project/order.ts'));
  expect(checkSourceFile(ts, sourceFile)).toEqual([]);
});
