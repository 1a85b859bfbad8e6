import { expect } from 'vitest';
import { checkCode, type CheckedFinding, type CheckOptions } from './check-code';

/** What must be identical between the typed and the untyped run of the same code. */
export const summary = ({ ruleId, messageId, line, column, text, message, suggestions }: CheckedFinding) => ({
  ruleId, messageId, line, column, text, message, suggestions,
});

/** Runs the engine untyped and typed on the same code, asserts both agree, and returns the findings. */
export function checkBothModes(code: string, settings: Omit<CheckOptions, 'typed'> = {}): CheckedFinding[] {
  const untyped = checkCode(code, settings);
  const typed = checkCode(code, { ...settings, typed: true });
  expect(typed.map(summary)).toEqual(untyped.map(summary));
  return untyped;
}

/** The part of each finding most tests assert: rule, message id, position and reported text. */
export const where = (findings: readonly CheckedFinding[]) =>
  findings.map((f) => [f.ruleId, f.messageId, f.line, f.column, f.text]);
