import type { InvalidCase } from './rule-tester';

/**
 * Where the `nth` occurrence of `needle` is in `source`, as RuleTester states a location: 1-based
 * line and column of its start and end. Throws when it is not there, so a case cannot point nowhere.
 */
export function locate(source: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let i = 0; i <= nth; i += 1) {
    index = source.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' occurs fewer than ${nth + 1} times in the code`);
  }
  const position = (offset: number) => {
    const lines = source.slice(0, offset).split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  };
  const start = position(index);
  const end = position(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

type ErrorCase = InvalidCase['errors'][number];

/** An expected error with its message data at the `nth` occurrence of `needle` in `source`; `rest` adds suggestions. */
export function errorAt(source: string, messageId: string, needle: string, data: Record<string, string>, rest: Partial<ErrorCase> = {}, nth = 0): ErrorCase {
  return { messageId, data, ...locate(source, needle, nth), ...rest };
}
