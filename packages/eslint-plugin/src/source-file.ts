import type * as ts from 'typescript';
import type { Rule } from 'eslint';
import { projectDirectoryOf, type TS } from '@capsule-guard/engine';

/** What the engine needs to check one file, taken from whatever parser ESLint ran. */
export interface CheckInput {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker | undefined;
  /** Where relative decoratorModules entries are resolved: the tsconfig's directory, else ESLint's working directory. */
  readonly projectDirectory: string;
}

/** The parts of typescript-eslint's parser services we use; other parsers provide none of them. */
interface TypeScriptParserServices {
  readonly program?: ts.Program | null;
  readonly esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined };
}

/**
 * Reuses the TypeScript AST typescript-eslint already built (typed or not) and its type checker
 * when there is one. Any other parser gets the file text re-parsed, so the rules still work,
 * with same-file resolution only. Offsets must index `sourceCode.text`, which is why a tree whose
 * text differs from it (a stale program, a parser that rewrote the text) is never used.
 */
/** True when typescript-eslint gives this file a program, so decorators may come through barrels. */
export function hasTypeInformation(context: Rule.RuleContext): boolean {
  return Boolean((context.sourceCode.parserServices as TypeScriptParserServices | undefined)?.program);
}

export function checkInputFor(context: Rule.RuleContext, ts: TS): CheckInput {
  const { sourceCode } = context;
  const services = sourceCode.parserServices as TypeScriptParserServices | undefined;
  const program = services?.program ?? undefined;
  // isSourceFile also rejects a tree built by another copy of TypeScript whose syntax kinds differ.
  const reusable = (node: ts.Node | undefined): node is ts.SourceFile =>
    node !== undefined && ts.isSourceFile(node) && sameText(node.text, sourceCode.text);
  const candidate = [services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast), program?.getSourceFile(context.filename)].find(reusable);

  if (candidate) {
    if (program !== undefined && program.getSourceFile(candidate.fileName) === candidate) {
      return { ts, sourceFile: candidate, checker: program.getTypeChecker(), projectDirectory: projectDirectoryOf(program) };
    }
    return { ts, sourceFile: candidate, checker: undefined, projectDirectory: context.cwd };
  }
  return { ts, sourceFile: parseText(ts, context.filename, sourceCode.text), checker: undefined, projectDirectory: context.cwd };
}

/** ESLint hands parsers a hashbang line as a `//` comment; offsets are unchanged by that. */
function sameText(parsed: string, original: string): boolean {
  return parsed === original || (original.startsWith('#!') && parsed === `//${original.slice(2)}`);
}

function parseText(ts: TS, fileName: string, text: string): ts.SourceFile {
  // Parent pointers are needed by node.getText() and by every upward walk in the engine.
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, fileName));
}

function scriptKindOf(ts: TS, fileName: string): ts.ScriptKind {
  if (/\.tsx$/iu.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/iu.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/iu.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
