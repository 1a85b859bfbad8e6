import { defineRule } from '../rule-module';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
  missingReason:
    "This capsule-guard-ignore comment gives no reason, so it suppresses nothing. Write '// capsule-guard-ignore {{rules}} -- <why this is safe>'.",
  missingRuleId:
    "This capsule-guard-ignore comment names no rule. Write '// capsule-guard-ignore capsule-guard/<rule> -- <reason>'; rules: {{known}}.",
  unknownRule:
    "capsule-guard-ignore names unknown rule '{{rule}}'. Use one of: {{known}}.",
  unusedSuppression:
    "This capsule-guard-ignore comment suppresses nothing: no {{rule}} finding on the next line. Remove it.",
};

export default defineRule({
  name: 'valid-ignore-comments',
  code: 990005,
  description:
    'Every `// capsule-guard-ignore <rule-id> -- <reason>` comment names a known rule, gives a reason and suppresses a finding.',
  messages,
  options: [],
  suggestions: true,
  check: { on: 'ignore-comments' },
});
