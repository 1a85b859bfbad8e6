import { expect } from 'vitest';
import { checkCode, type CheckedFinding } from './check-code';
import { summary } from './both-modes';
import { FRAMEWORK_FILES } from './framework-declarations';

export const ROUTE_RULE = 'capsule-guard/explicit-route-params';

/**
 * Runs the engine on a file of framework routes untyped, typed with experimentalDecorators (as
 * NestJS and tsoa projects compile) and typed with TC39 decorators, asserts the three agree, and
 * returns the findings. `files` are other project files (a barrel, a DTO module); `fileName` names
 * the checked file (a CommonJS `server.cjs`), `entity.ts` unless given.
 */
export function checkRoutes(code: string, files: Readonly<Record<string, string>> = {}, fileName?: string): CheckedFinding[] {
  const untyped = checkCode(code, { files, fileName });
  return expectSameTyped(code, files, untyped, fileName);
}

/** The typed runs of `code`, asserted equal to `expected` (the untyped run, or what a test states). */
export function expectSameTyped(code: string, files: Readonly<Record<string, string>>, expected: readonly CheckedFinding[], fileName?: string): CheckedFinding[] {
  const all = { ...FRAMEWORK_FILES, ...files };
  const experimental = checkCode(code, { files: all, typed: true, experimentalDecorators: true, fileName });
  const standard = checkCode(code, { files: all, typed: true, fileName });
  expect(experimental.map(summary)).toEqual(expected.map(summary));
  expect(standard.map(summary)).toEqual(expected.map(summary));
  return experimental;
}

/** Only the typed runs, for what needs type information (a barrel, a DTO in another module). */
export function checkRoutesTyped(code: string, files: Readonly<Record<string, string>> = {}): CheckedFinding[] {
  const all = { ...FRAMEWORK_FILES, ...files };
  const experimental = checkCode(code, { files: all, typed: true, experimentalDecorators: true });
  expect(checkCode(code, { files: all, typed: true }).map(summary)).toEqual(experimental.map(summary));
  return experimental;
}

/** Rule, message id, line, column and reported text of each finding. */
export const located = (findings: readonly CheckedFinding[]) => findings.map((f) => [f.ruleId, f.messageId, f.line, f.column, f.text]);

/** `[rule, messageId, line, column, text]` for an expected finding. */
export const at = (messageId: string, line: number, column: number, text: string) => [ROUTE_RULE, messageId, line, column, text];

/** The 1-based line and column of the `nth` occurrence of `needle` in `code`, with the needle. */
export function position(code: string, needle: string, nth = 0): [number, number, string] {
  let index = -1;
  for (let i = 0; i <= nth; i += 1) index = code.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`'${needle}' is not in the code`);
  const before = code.slice(0, index).split('\n');
  return [before.length, before[before.length - 1].length + 1, needle];
}

/** `at(messageId, …position(code, needle, nth))`. */
export const found = (code: string, messageId: string, needle: string, nth = 0) => at(messageId, ...position(code, needle, nth));
