import type { ReportedFinding } from '../finding';

/**
 * One object per finding, in a fixed shape: this is a public format that scripts parse.
 * Lines and columns are 1-based; endLine/endColumn point just after the reported text.
 */
export function formatJson(findings: readonly ReportedFinding[]): string {
  const objects = findings.map(({ ruleId, messageId, severity, file, line, column, endLine, endColumn, message }) => ({
    ruleId,
    messageId,
    severity,
    file,
    line,
    column,
    endLine,
    endColumn,
    message,
  }));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
