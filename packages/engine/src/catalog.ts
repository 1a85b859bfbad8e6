import { RULES } from './rules';

/**
 * The rule catalog: every rule id, its TypeScript diagnostic code, its description and its
 * message templates, as the rule modules listed in rules/index.ts define them. Every front end
 * reads rules from here, so a message is written once. Templates use ESLint's `{{name}}`
 * placeholder syntax so ESLint can format them itself.
 */
export { RULES };

export const RULE_PREFIX = 'capsule-guard';

/** The project's home page; rule documentation lives below it. */
export const HOMEPAGE_URL = 'https://github.com/capsule-guard/capsule-guard';

/** Where a rule is documented, for ESLint's `docs.url`, SARIF's `helpUri` and messages. */
export function docsUrl(rule: RuleName): string {
  return `${HOMEPAGE_URL}/blob/main/packages/eslint-plugin/docs/rules/${rule}.md`;
}

export type RuleName = keyof typeof RULES;
export type RuleId = `${typeof RULE_PREFIX}/${RuleName}`;
export type MessageId<R extends RuleName> = keyof (typeof RULES)[R]['messages'] & string;

export const RULE_NAMES: readonly RuleName[] = Object.values(RULES).map((rule) => rule.name);

export function ruleId(rule: RuleName): RuleId {
  return `${RULE_PREFIX}/${rule}`;
}

/** Formats a message template exactly as ESLint does: `{{ name }}` is replaced by data[name]. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/gu, (whole, key: string) =>
    key in data ? data[key] : whole,
  );
}
