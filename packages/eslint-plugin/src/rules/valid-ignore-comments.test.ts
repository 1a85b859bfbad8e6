import { RULE_NAMES, ruleId } from '@capsule-guard/engine';
import { testRule } from '../testing/rule-tester';

const KNOWN = RULE_NAMES.map(ruleId).join(', ');

/** A capsule-isolated entity whose pk (line 4) lacks the capsule segment, with `comment` on line 3. */
function leakyEntity(comment: string): string {
  return [
    "import { entity, capsuleIsolated } from '@capsule-guard/core';",
    '@entity({',
    `  ${comment}`,
    "  pk: 'TENANT#{tenantId}#ORDER#{id}',",
    '})',
    '@capsuleIsolated',
    'export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }',
    '',
  ].join('\n');
}

/** The comment on line 3, from column 3. */
const atComment = (comment: string) => ({ line: 3, column: 3, endLine: 3, endColumn: 3 + comment.length });

const REASONED = '// capsule-guard-ignore capsule-guard/isolated-key-templates -- archive written before capsules existed';
const BARE_NAME = '// capsule-guard-ignore isolated-key-templates -- archive written before capsules existed';
const NO_REASON = '// capsule-guard-ignore capsule-guard/isolated-key-templates';
const EMPTY_REASON = '// capsule-guard-ignore capsule-guard/isolated-key-templates --';
const NO_RULE = '// capsule-guard-ignore -- archive';
const UNKNOWN = '// capsule-guard-ignore capsule-guard/no-such-rule -- archive';
const WRONG_RULE = '// capsule-guard-ignore capsule-guard/capsule-id-required -- archive';
const REMOVE = 'Remove this capsule-guard-ignore comment';

testRule('valid-ignore-comments', {
  valid: [
    { name: 'a suppression with a reason that suppresses a finding', code: leakyEntity(REASONED) },
    { name: 'the bare rule name', code: leakyEntity(BARE_NAME) },
    { name: 'an ordinary comment', code: leakyEntity('// keys are reviewed in ADR-7') },
  ],
  invalid: [
    {
      name: 'no reason',
      code: leakyEntity(NO_REASON),
      errors: [{ messageId: 'missingReason', data: { rules: 'capsule-guard/isolated-key-templates' }, ...atComment(NO_REASON) }],
    },
    {
      name: 'an empty reason',
      code: leakyEntity(EMPTY_REASON),
      errors: [{ messageId: 'missingReason', data: { rules: 'capsule-guard/isolated-key-templates' }, ...atComment(EMPTY_REASON) }],
    },
    {
      name: 'no rule id',
      code: leakyEntity(NO_RULE),
      errors: [{ messageId: 'missingRuleId', data: { known: KNOWN }, ...atComment(NO_RULE) }],
    },
    {
      name: 'an unknown rule id',
      code: leakyEntity(UNKNOWN),
      errors: [{ messageId: 'unknownRule', data: { rule: 'capsule-guard/no-such-rule', known: KNOWN }, ...atComment(UNKNOWN) }],
    },
    {
      name: 'a suppression for a rule with no finding on the next line',
      code: leakyEntity(WRONG_RULE),
      errors: [
        {
          messageId: 'unusedSuppression',
          data: { rule: 'capsule-guard/capsule-id-required' },
          ...atComment(WRONG_RULE),
          suggestions: [{ desc: REMOVE, output: leakyEntity(WRONG_RULE).replace(`  ${WRONG_RULE}\n`, '') }],
        },
      ],
    },
    {
      name: 'a suppression in a file that uses no capsule-guard decorator',
      code: `${REASONED}\nexport const answer = 42;\n`,
      errors: [
        {
          messageId: 'unusedSuppression',
          data: { rule: 'capsule-guard/isolated-key-templates' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1 + REASONED.length,
          suggestions: [{ desc: REMOVE, output: 'export const answer = 42;\n' }],
        },
      ],
    },
  ],
});
