import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import { RULE_NAMES, RULES, ruleId, type RuleName } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import plugin from './index';

/**
 * Every example of every rule page lints exactly as recorded in `docs/rules/<rule>.findings.json`
 * beside the page: each finding's rule, message id and range, with every rule of the plugin on,
 * so an example that trips another rule or fails internally shows up too. A "Correct" example has
 * no finding; an "Incorrect" one has at least one of its page's rule and no internal error.
 * After changing an example or what a rule reports, regenerate the records with
 * `npx vitest run packages/eslint-plugin/src/docs.test.ts -u` and review their diff.
 */
const DOCS = path.join(__dirname, '..', 'docs', 'rules');

interface Example {
  readonly kind: 'Incorrect' | 'Correct';
  /** The line of the page the code starts on, so a record points back to its example. */
  readonly line: number;
  readonly code: string;
}

/** The ```ts blocks under a doc page's "### Incorrect" and "### Correct" headings. */
function examples(page: string): Example[] {
  const found: Example[] = [];
  let kind: Example['kind'] | undefined;
  let offset = 0;
  for (const section of page.split(/^(?=#)/mu)) {
    const heading = /^#+\s*(.*)$/mu.exec(section)?.[1].trim();
    kind = heading === 'Incorrect' || heading === 'Correct' ? heading : undefined;
    for (const match of section.matchAll(/```ts\n([\s\S]*?)```/gu)) {
      const line = page.slice(0, offset + match.index).split('\n').length + 1;
      if (kind) found.push({ kind, line, code: match[1] });
    }
    offset += section.length;
  }
  return found;
}

const allRules = Object.fromEntries(RULE_NAMES.map((rule) => [ruleId(rule), 'error' as const]));

function lint(code: string): Linter.LintMessage[] {
  return new Linter().verify(
    code,
    {
      files: ['**/*.ts'],
      languageOptions: { parser: typescriptEslintParser },
      plugins: { 'capsule-guard': plugin },
      rules: allRules,
    },
    'example.ts',
  );
}

/** What is recorded of a finding: enough to notice any change of rule, kind or place. */
const recorded = ({ ruleId, messageId, line, column, endLine, endColumn }: Linter.LintMessage) => ({
  ruleId, messageId, line, column, endLine, endColumn,
});

describe.each(RULE_NAMES)('docs/rules/%s.md', (rule: RuleName) => {
  const all = examples(readFileSync(path.join(DOCS, `${rule}.md`), 'utf8'));
  const results = all.map((example) => ({ example, messages: lint(example.code) }));

  it('has both incorrect and correct examples', () => {
    expect(all.some((e) => e.kind === 'Incorrect')).toBe(true);
    expect(all.some((e) => e.kind === 'Correct')).toBe(true);
  });

  it.each(results.map((result) => [result.example.line, result.example.kind, result] as const))(
    'the example on line %i (%s) lints as documented',
    (_line, kind, { messages }) => {
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      expect(messages.filter((m) => m.messageId === 'internalError')).toEqual([]);
      if (kind === 'Correct') expect(messages.map(recorded)).toEqual([]);
      else expect(messages.filter((m) => m.ruleId === ruleId(rule)).length).toBeGreaterThan(0);
    },
  );

  it('offers suggestions in its examples exactly when its module says it has them', () => {
    const suggests = results.some(({ messages }) => messages.some((m) => m.ruleId === ruleId(rule) && (m.suggestions ?? []).length > 0));
    expect(suggests).toBe(RULES[rule].suggestions);
  });

  it('reports exactly the recorded findings for every example', async () => {
    const record = results.map(({ example, messages }) => ({
      example: `line ${example.line} (${example.kind})`,
      findings: messages.map(recorded),
    }));
    await expect(`${JSON.stringify(record, null, 2)}\n`).toMatchFileSnapshot(path.join(DOCS, `${rule}.findings.json`));
  });
});
