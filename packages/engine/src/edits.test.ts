import { describe, expect, it } from 'vitest';
import { combinedEdits } from './combined-edits';
import { insertLineBefore, removeLines } from './edits';
import { ignoreSuggestion } from './rules/valid-ignore-comments/suppressions';
import { applyEdits } from './testing/apply-edits';
import { checkBothModes } from './testing/both-modes';

const ROUTE_IMPORT = "import { apiEndpoint } from '@capsule-guard/core';";

/** A controller whose one route has the given options and parameters. */
const route = (options: string, params: string) => `${ROUTE_IMPORT}
class Accounts {
  @apiEndpoint(${options})
  async update(${params}) {}
}
`;

/** Each finding's message id with its suggestions, applied to the code. */
function suggested(code: string): [string, string, string][] {
  return checkBothModes(code).flatMap((finding) =>
    finding.suggestions.map((s): [string, string, string] => [finding.messageId, s.description, applyEdits(code, s.edits)]),
  );
}

describe('route suggestions', () => {
  it('adds an undeclared parameter to the list its message names, or declares it the body', () => {
    const code = route("{ path: '/accounts/{id}', method: 'PUT', pathParams: ['id'], queryParams: [] }", 'id: string, force: boolean');
    expect(suggested(code)).toEqual([
      ['undeclaredParameter', "Add 'force' to queryParams", code.replace('queryParams: []', "queryParams: ['force']")],
      ['undeclaredParameter', "Declare body: 'force'", code.replace('queryParams: [] }', "queryParams: [], body: 'force' }")],
    ]);
  });

  it('moves a pathParams name without a placeholder to queryParams, keeping the quotes written', () => {
    const code = route('{ path: "/accounts/{id}", method: "GET", pathParams: ["id", "query"], queryParams: ["page"] }', 'id: string, query: string, page: number');
    expect(suggested(code)).toEqual([
      ['notInPath', "Move 'query' to queryParams", code.replace('["id", "query"]', '["id"]').replace('["page"]', '["page", "query"]')],
    ]);
  });

  it('offers no edit of a list held in a const, which other routes may share', () => {
    const code = `${route("{ path: '/accounts/{id}', method: 'GET', pathParams: ['id'], queryParams: QUERY }", 'id: string, force: boolean')}const QUERY = [] as const;\n`;
    expect(suggested(code).map(([id, description]) => [id, description])).toEqual([['undeclaredParameter', "Declare body: 'force'"]]);
  });

  it('removes a sole element with its trailing comma', () => {
    const code = route("{ path: '/health', method: 'GET', pathParams: [], queryParams: ['verbose',] }", '');
    expect(suggested(code)).toEqual([['notAMethodParameter', "Remove 'verbose' from queryParams", code.replace("['verbose',]", '[]')]]);
  });
});

describe('combinedEdits', () => {
  it('applies every finding of a rule at once: insertions at one place joined, identical edits made once', () => {
    const code = route("{ path: '/accounts/{id}', method: 'PUT', pathParams: [], queryParams: [] }", 'id: string, force: boolean, dryRun: boolean');
    const findings = checkBothModes(code);
    expect(findings.map((f) => f.messageId)).toEqual(['placeholderNotDeclared', 'undeclaredParameter', 'undeclaredParameter', 'undeclaredParameter']);
    expect(applyEdits(code, combinedEdits(findings))).toBe(code.replace('pathParams: [], queryParams: []', "pathParams: ['id'], queryParams: ['force', 'dryRun']"));
  });

  it('leaves an edit that overlaps one already taken for the next run', () => {
    const finding = (start: number, end: number, text: string) =>
      ({ suggestions: [{ description: text, edits: [{ start, end, text }] }] }) as never;
    expect(combinedEdits([finding(2, 6, 'a'), finding(4, 8, 'b'), finding(6, 6, 'c'), finding(2, 6, 'a')])).toEqual([
      { start: 2, end: 6, text: 'a' },
      { start: 6, end: 6, text: 'c' },
    ]);
  });
});

describe('ignoreSuggestion', () => {
  const code = `import { entity, capsuleIsolated } from '@capsule-guard/core';
@entity({
  pk: 'TENANT#{tenantId}#ORDER#{id}',
})
@capsuleIsolated
export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
`;

  it('writes the comment above the finding, indented like it, with the reason left to write', () => {
    const [finding] = checkBothModes(code);
    const ignore = ignoreSuggestion(code, finding);
    const ignored = applyEdits(code, ignore!.edits);
    expect(ignored).toBe(code.replace("  pk: '", "  // capsule-guard-ignore capsule-guard/isolated-key-templates --\n  pk: '"));
    // Until a reason is written the comment suppresses nothing, and says so.
    expect(checkBothModes(ignored).map((f) => [f.messageId, f.line])).toEqual([
      ['missingReason', 3],
      ['missingCapsuleSegment', 4],
    ]);
    const reasoned = ignored.replace('--\n', '-- archive written before capsules existed\n');
    expect(checkBothModes(reasoned)).toEqual([]);
  });

  it('offers none for a finding about an ignore comment', () => {
    const comment = '// capsule-guard-ignore capsule-guard/capsule-id-required -- archive\nexport const a = 1;\n';
    const [finding] = checkBothModes(comment);
    expect(finding.messageId).toBe('unusedSuppression');
    expect(ignoreSuggestion(comment, finding)).toBeUndefined();
  });
});

describe('line edits', () => {
  it('removes a whole line, or only the code and its blanks when other code shares the line', () => {
    const text = 'a\n  // x\nb // y\nc // z d\n';
    const at = (needle: string) => [text.indexOf(needle), text.indexOf(needle) + needle.length] as const;
    expect(applyEdits(text, [removeLines(text, ...at('// x'))])).toBe('a\nb // y\nc // z d\n');
    expect(applyEdits(text, [removeLines(text, ...at('// y'))])).toBe('a\n  // x\nb\nc // z d\n');
    expect(applyEdits(text, [removeLines(text, ...at('// z'))])).toBe('a\n  // x\nb // y\nc d\n');
  });

  it('inserts a line with the line ending the file uses', () => {
    expect(applyEdits('a\r\n    b\r\n', [insertLineBefore('a\r\n    b\r\n', 7, 'x')])).toBe('a\r\n    x\r\n    b\r\n');
  });
});
