import * as ts from 'typescript';
import { checkSourceFile } from '../check';
import type { Finding } from '../finding';
import type { CapsuleGuardOptions } from '../options';
import { createInMemoryProgram, ROOT } from './in-memory-program';

export interface CheckedFinding extends Finding {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface CheckOptions {
  readonly typed?: boolean;
  /** Other files of the project, by name relative to the project root (e.g. 'keys.ts'). */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: CapsuleGuardOptions;
  readonly experimentalDecorators?: boolean;
  /** More compiler options of the typed program (e.g. `resolveJsonModule`). */
  readonly compilerOptions?: ts.CompilerOptions;
  /** The checked file's name relative to the project root; 'entity.ts' unless given. A JavaScript file is checked with `checkJs`. */
  readonly fileName?: string;
}

/** Runs the engine on `code` as `/project/entity.ts` (or `fileName`), untyped (parse only) or typed (a real Program). */
export function checkCode(code: string, settings: CheckOptions = {}): CheckedFinding[] {
  const name = settings.fileName ?? 'entity.ts';
  const fileName = `${ROOT}/${name}`;
  const javaScript = /\.[cm]?jsx?$/u.test(name);
  let sourceFile: ts.SourceFile;
  let checker: ts.TypeChecker | undefined;
  if (settings.typed) {
    const program = createInMemoryProgram(
      { [name]: code, ...settings.files },
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        experimentalDecorators: settings.experimentalDecorators ?? false,
        ...(javaScript ? { allowJs: true, checkJs: true } : {}),
        ...settings.compilerOptions,
      },
    );
    sourceFile = program.getSourceFile(fileName)!;
    checker = program.getTypeChecker();
  } else {
    sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, javaScript ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  }
  return checkSourceFile(ts, sourceFile, { checker, options: settings.options, projectDirectory: ROOT }).map((finding) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
    return { ...finding, message: finding.message, line: line + 1, column: character + 1, text: code.slice(finding.start, finding.end) };
  });
}
