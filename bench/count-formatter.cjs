// @ts-check
/**
 * ESLint formatter for the benchmark: prints `{ "ours": <capsule-guard findings>, "others": [...] }`.
 * Every side of a comparison uses it, so none pays for printing thousands of findings in full.
 * @param {import('eslint').ESLint.LintResult[]} results
 */
module.exports = function countFindings(results) {
  let ours = 0;
  /** @type {string[]} */
  const others = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (!message.fatal && message.ruleId?.startsWith('capsule-guard/')) ours++;
      else others.push(`${result.filePath}:${message.line}:${message.column} ${message.message}`);
    }
  }
  return JSON.stringify({ ours, others });
};
