import type * as ts from 'typescript';
import type { Finding, RuleId, RuleName } from '@capsule-guard/engine';
import { displayPath } from './project';

/**
 * An engine finding placed in the project, as every output format reports it. Lines and columns
 * are 1-based and count UTF-16 code units like tsc and ESLint, so all front ends agree; the end
 * is exclusive (the column just after the reported text).
 */
export interface ReportedFinding {
  readonly ruleId: RuleId;
  readonly rule: RuleName;
  readonly messageId: string;
  /** Every capsule-guard finding fails the check; there are no warnings. */
  readonly severity: 'error';
  readonly message: string;
  /** Relative to the working directory, with forward slashes, as tsc prints it. */
  readonly file: string;
  readonly absolutePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The source lines from `line` to `endLine`, for code frames. */
  readonly sourceLines: readonly string[];
}

export function reportedFinding(finding: Finding, sourceFile: ts.SourceFile, cwd: string): ReportedFinding {
  const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
  const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
  const lineStarts = sourceFile.getLineStarts();
  const sourceLines: string[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const text = sourceFile.text.slice(lineStarts[line], lineStarts[line + 1] ?? sourceFile.text.length);
    sourceLines.push(text.replace(/\r?\n$/u, ''));
  }
  return {
    ruleId: finding.ruleId,
    rule: finding.rule,
    messageId: finding.messageId,
    severity: 'error',
    message: finding.message,
    file: displayPath(sourceFile.fileName, cwd),
    absolutePath: sourceFile.fileName,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    sourceLines,
  };
}
