import type { Rule } from 'eslint';
import {
  docsUrl,
  RULE_OPTIONS_SCHEMA,
  RULES,
  ruleId,
  type Finding,
  type RuleName,
} from '@capsule-guard/engine';
import { engineResultFor, mayHaveFindingsIn, optionsConflictFor, registerRuleOptions, ruleOptionsFor, SETTINGS_KEY } from './run-engine';
import { hasTypeInformation } from './source-file';

/** Reported when rules of the plugin are configured with different options (see optionsConflictFor). */
const INCONSISTENT_OPTIONS =
  `capsule-guard rules are configured with different options, so they disagree about correct code: option "{{option}}" is {{values}}. ` +
  `Write shared options once, in settings['${SETTINGS_KEY}'] (or capsuleGuard.configure(options)), not in the options of single rules.`;

/**
 * Builds the ESLint rule for one engine rule. The rule holds no logic of its own: it runs the
 * shared engine (once per file, see run-engine) and reports the findings that belong to it, with
 * the catalog's message templates so ESLint formats exactly the text every other front end shows.
 */
export function createRule(name: RuleName): Rule.RuleModule {
  const { description, messages } = RULES[name];
  return {
    meta: {
      type: 'problem',
      docs: { description, recommended: true, url: docsUrl(name) },
      messages: { ...messages, inconsistentOptions: INCONSISTENT_OPTIONS },
      hasSuggestions: true,
      schema: [RULE_OPTIONS_SCHEMA],
    },
    create(context) {
      // Throws an OptionsError naming the option: a misconfiguration must stop the run, not be ignored.
      const options = ruleOptionsFor(context.settings[SETTINGS_KEY], context.options[0]);
      registerRuleOptions(context.sourceCode, name, options);
      // Most files never mention capsule-guard (with type information: import nothing or write no
      // '@', since a decorator may come through a barrel): they get no listener, and the engine never runs.
      if (!mayHaveFindingsIn(context.sourceCode.text, options, hasTypeInformation(context))) return {};
      return {
        Program() {
          // By now ESLint has created every rule for this file, so all their options are known.
          const conflict = optionsConflictFor(context.sourceCode, name);
          if (conflict) context.report({ loc: { line: 1, column: 0 }, messageId: 'inconsistentOptions', data: conflict });
          const result = engineResultFor(context, options);
          if (!result.ok) {
            context.report({
              loc: { line: 1, column: 0 },
              messageId: 'internalError',
              data: { fileName: context.filename, ruleId: ruleId(name), error: result.error },
            });
            return;
          }
          for (const finding of result.findings) {
            if (finding.rule === name) context.report(reportFor(context, finding));
          }
        },
      };
    },
  };
}

function reportFor(context: Rule.RuleContext, finding: Finding): Rule.ReportDescriptor {
  const { sourceCode } = context;
  const report: Rule.ReportDescriptor = {
    loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
    messageId: finding.messageId,
    data: finding.data,
  };
  if (finding.suggestions.length === 0) return report;
  // Suggestions only, never `fix`: rewriting a key template changes where data is stored.
  const suggest = finding.suggestions.map(
    (suggestion): Rule.SuggestionReportDescriptor => ({
      desc: suggestion.description,
      fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
    }),
  );
  return { ...report, suggest };
}
