import type * as ts from 'typescript';
import type { TS } from './finding';

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

/** A property name written as an identifier, string or number (`pk`, `'p-k'`, `1`); undefined for a computed one. */
export function literalPropertyName(ts: TS, name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name)) return identifierText(name);
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}
