import type * as ts from 'typescript';

/**
 * An identifier's text. `identifier.text` is a getter that unescapes `escapedText` through two
 * more calls, and the engine reads dozens of names in every file it checks. The escaped text is
 * the text itself unless the name starts with two underscores, which TypeScript escapes with a
 * third; only those go through the getter.
 */
export function identifierText(identifier: ts.Identifier): string {
  const escaped = identifier.escapedText as string;
  return escaped.startsWith('__') ? identifier.text : escaped;
}
