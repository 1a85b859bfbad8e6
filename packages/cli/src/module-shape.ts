/**
 * Two questions about a file answered from TypeScript's scanner, without parsing it: is it a
 * module (a script's declarations are global, so every file may depend on it), and might it
 * re-export (only such a file can be a barrel of our decorators). Both stop at the first token
 * that answers them, which in a module is usually one of its first.
 */
import type { TS } from '@capsule-guard/engine';
import type * as ts from 'typescript';

/** Whether the file has an `import` or `export`, i.e. is a module rather than a global script. */
export function isModuleText(ts: TS, text: string): boolean {
  return someToken(ts, text, (token) => token === ts.SyntaxKind.ImportKeyword || token === ts.SyntaxKind.ExportKeyword);
}

/**
 * Whether the file may pass on what it imports: `export { … }`, `export * …`, `export =`,
 * `export default …`, `export import …`, `export type { … }`. A declaration (`export class`,
 * `export const`, `export type X =`) exports only what the file defines itself.
 */
export function mayReExport(ts: TS, text: string): boolean {
  const { SyntaxKind } = ts;
  const passesOn = new Set([SyntaxKind.OpenBraceToken, SyntaxKind.AsteriskToken, SyntaxKind.EqualsToken, SyntaxKind.DefaultKeyword, SyntaxKind.ImportKeyword]);
  let previous = SyntaxKind.Unknown;
  let beforePrevious = SyntaxKind.Unknown;
  return someToken(ts, text, (token) => {
    const found =
      (previous === SyntaxKind.ExportKeyword && passesOn.has(token)) ||
      (beforePrevious === SyntaxKind.ExportKeyword && previous === SyntaxKind.TypeKeyword && (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.AsteriskToken));
    beforePrevious = previous;
    previous = token;
    return found;
  });
}

/** Scans the tokens of `text` until `test` holds; template literals are followed through their `${}` parts. */
function someToken(ts: TS, text: string, test: (token: ts.SyntaxKind) => boolean): boolean {
  const { SyntaxKind } = ts;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // For each open `{` or `${`: whether it opened a template substitution, whose `}` continues the template.
  const braces: boolean[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === SyntaxKind.TemplateHead) braces.push(true);
    else if (token === SyntaxKind.OpenBraceToken) braces.push(false);
    else if (token === SyntaxKind.CloseBraceToken && braces.pop() === true) {
      if (scanner.reScanTemplateToken(false) === SyntaxKind.TemplateMiddle) braces.push(true);
      continue;
    }
    if (test(token)) return true;
  }
  return false;
}
