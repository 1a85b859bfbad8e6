import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import { RULE_NAMES, ruleId, type RuleName } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import plugin from './index';

interface Example {
  readonly kind: 'Incorrect' | 'Correct';
  readonly code: string;
}

/** The ```ts blocks under a doc page's "### Incorrect" and "### Correct" headings. */
function examples(rule: RuleName): Example[] {
  const page = readFileSync(path.join(__dirname, '..', 'docs', 'rules', `${rule}.md`), 'utf8');
  const found: Example[] = [];
  let kind: Example['kind'] | undefined;
  for (const section of page.split(/^(?=#)/mu)) {
    const heading = /^#+\s*(.*)$/mu.exec(section)?.[1].trim();
    kind = heading === 'Incorrect' || heading === 'Correct' ? heading : undefined;
    if (!kind) continue;
    for (const match of section.matchAll(/```ts\n([\s\S]*?)```/gu)) found.push({ kind, code: match[1] });
  }
  return found;
}

function lint(rule: RuleName, code: string): Linter.LintMessage[] {
  return new Linter().verify(
    code,
    {
      files: ['**/*.ts'],
      languageOptions: { parser: typescriptEslintParser },
      plugins: { 'capsule-guard': plugin },
      rules: { [ruleId(rule)]: 'error' },
    },
    'example.ts',
  );
}

describe.each(RULE_NAMES)('docs/rules/%s.md', (rule) => {
  const all = examples(rule);

  it('has both incorrect and correct examples', () => {
    expect(all.some((e) => e.kind === 'Incorrect')).toBe(true);
    expect(all.some((e) => e.kind === 'Correct')).toBe(true);
  });

  it.each(all.map((example, i) => [i + 1, example.kind, example] as const))('example %i (%s) lints as documented', (_i, kind, example) => {
    const messages = lint(rule, example.code);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    if (kind === 'Correct') expect(messages).toEqual([]);
    else expect(messages.filter((m) => m.ruleId === ruleId(rule)).length).toBeGreaterThan(0);
  });
});
