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

/**
 * TypeScript's own identifier rules for names written inside strings (`{naïve}`, `/users/{名前}`):
 * Unicode letters and digits, `$`, `_`, zero-width joiners and characters beyond the Basic
 * Multilingual Plane, as the language version the file is compiled for defines them.
 */
export interface IdentifierRules {
  /** Whether `text` as a whole is one identifier. */
  isName(text: string): boolean;
  /** The index after the identifier characters that start at `from` (`from` itself when there are none). */
  nameEnd(text: string, from: number): number;
}

export function identifierRules(ts: TS, languageVersion: ts.ScriptTarget): IdentifierRules {
  return {
    isName(text) {
      // Code points, not UTF-16 units: an astral letter is one character made of two units.
      const first = text.codePointAt(0);
      if (first === undefined || !ts.isIdentifierStart(first, languageVersion)) return false;
      return this.nameEnd(text, first > 0xffff ? 2 : 1) === text.length;
    },
    nameEnd(text, from) {
      let end = from;
      for (let code = text.codePointAt(end); code !== undefined && ts.isIdentifierPart(code, languageVersion); code = text.codePointAt(end)) {
        end += code > 0xffff ? 2 : 1;
      }
      return end;
    },
  };
}
