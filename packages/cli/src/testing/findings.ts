import ts from 'typescript';
import { checkSourceFile } from '@capsule-guard/engine';
import { reportedFinding, type ReportedFinding } from '../finding';

export const CWD = '/repo';

/** The engine's findings for `code` as the file `/repo/<file>`, placed as the CLI reports them. */
export function findingsIn(code: string, file = 'src/entity.ts', cwd = CWD): ReportedFinding[] {
  const sourceFile = ts.createSourceFile(`${CWD}/${file}`, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return checkSourceFile(ts, sourceFile).map((finding) => reportedFinding(finding, sourceFile, cwd));
}
