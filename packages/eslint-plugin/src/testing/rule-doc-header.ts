import { RULES, ruleId, type RuleName } from '@capsule-guard/engine';
import plugin from '../index';

/** Where a doc page's generated header ends; everything below it is written by hand. */
const HEADER_END = '<!-- end of the generated header -->';

/**
 * The top of a rule's doc page: its id, what it requires, its TypeScript diagnostic code (so a
 * user who sees `error TS990003` finds the page), whether it is on in `configs.recommended`,
 * whether it offers suggestions and which options it reads, all taken from the rule's module.
 */
export function ruleDocHeader(name: RuleName): string {
  const rule = RULES[name];
  const recommended = plugin.configs.recommended.rules?.[ruleId(name)];
  const options = rule.options.length > 0 ? rule.options.map((option) => `\`${option}\``).join(', ') : 'none of its own';
  return [
    `# ${ruleId(name)}`,
    '',
    `<!-- Generated from packages/engine/src/rules/${name}/index.ts; after changing it, run`,
    '     npx vitest run packages/eslint-plugin/src/package.test.ts -u -->',
    '',
    markdownText(rule.description),
    '',
    '| Diagnostic code | In `configs.recommended` | Suggestions | Options it reads |',
    '| --- | --- | --- | --- |',
    `| \`TS${rule.code}\` | ${recommended === 'error' ? '✅ as an error' : 'no'} | ${rule.suggestions ? '💡 some findings offer one' : 'none'} | ${options} |`,
    '',
    HEADER_END,
  ].join('\n');
}

/** What a new rule's page starts with below its header: the sections the docs tests expect. */
const NEW_PAGE_BODY = `
## Why

## What it reports

### Incorrect

\`\`\`ts
\`\`\`

### Correct

\`\`\`ts
\`\`\`

## Options
`;

/**
 * The doc page with its header as the rule's module defines it: `page` with its generated header
 * replaced, or with a header added above its hand-written text, or a new page.
 */
export function pageWithHeader(name: RuleName, page: string | undefined): string {
  if (page === undefined) return `${ruleDocHeader(name)}\n${NEW_PAGE_BODY}`;
  const end = page.indexOf(HEADER_END);
  const handWritten = end >= 0 ? page.slice(end + HEADER_END.length) : `\n${page.replace(/^# .*\n/u, '')}`;
  return `${ruleDocHeader(name)}${handWritten}`;
}

/** A description as Markdown text: `<value>` outside code spans would be read as an HTML tag. */
function markdownText(text: string): string {
  return text
    .split(/(`[^`]*`)/u)
    .map((part) => (part.startsWith('`') ? part : part.replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
    .join('');
}
