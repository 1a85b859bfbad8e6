import { checkSourceFile, isUserSourceFile, projectDirectoryOf, type TS } from '@capsule-guard/engine';
import { reportedFinding, type ReportedFinding } from './finding';
import { displayPath, type Project } from './project';

/**
 * A failure while reading a file's entities for the policy, rethrown with the file it happened
 * in, so the user can tell which file to report. (Checks need no such guard: the engine reports
 * its own failures as findings.)
 */
export class FileCheckError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`could not check ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'FileCheckError';
  }
}

/** Runs the engine, with the program's type checker, on every file of the project it reports on. */
export function checkProject(ts: TS, project: Project, cwd: string): ReportedFinding[] {
  const { program, options } = project;
  const checker = program.getTypeChecker();
  const projectDirectory = projectDirectoryOf(program);
  return program
    .getSourceFiles()
    .filter((sourceFile) => isUserSourceFile(program, sourceFile) && project.reports(sourceFile.fileName))
    .map((sourceFile) => ({ sourceFile, file: displayPath(sourceFile.fileName, cwd) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    // The engine never throws: an internal error comes back as a finding, shown like every other.
    .flatMap(({ sourceFile }) =>
      checkSourceFile(ts, sourceFile, { checker, options, projectDirectory }).map((finding) => reportedFinding(finding, sourceFile, cwd)),
    );
}

export function guardFile<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new FileCheckError(file, error);
  }
}
