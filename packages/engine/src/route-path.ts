import type { IdentifierRules } from './identifiers';
import { tokenizePath, type PathToken, type PathTokens } from './path-tokenizer';

/**
 * Our route paths (`@apiEndpoint`, tsoa): `/accounts/{accountId}/contacts/:contactId` into
 * placeholders, with offsets relative to the path string, read by the shared path tokenizer. Both
 * `{name}` and `:name` (filling its segment) are accepted.
 */

export interface PathPlaceholder {
  readonly name: string;
  /** As written: `{accountId}` or `:contactId`. */
  readonly source: string;
  readonly start: number;
  readonly end: number;
}

export interface PathSyntaxError {
  readonly problem: string;
  readonly start: number;
  readonly end: number;
}

export type PathParseResult = PathTokens<PathPlaceholder, PathSyntaxError>;

/** Parses `path`; parameter names follow `identifiers`, TypeScript's rules for the file's language version. */
export function parseRoutePath(path: string, identifiers: IdentifierRules): PathParseResult {
  return tokenizePath<PathPlaceholder, PathSyntaxError>(path, { read: (text, at) => readToken(text, at, identifiers) });
}

type Token = PathToken<PathPlaceholder, PathSyntaxError>;

const fail = (problem: string, start: number, end: number): Token => ({ error: { problem, start, end } });

/** A `{name}` or `:name` placeholder starting at `i`, a stray `}`, or undefined for literal text. */
function readToken(path: string, i: number, identifiers: IdentifierRules): Token | undefined {
  const ch = path[i];
  if (ch === '}') return fail(`'}' at position ${i + 1} has no matching '{'`, i, i + 1);
  if (ch === '{') {
    let close = i + 1;
    while (close < path.length && path[close] !== '}' && path[close] !== '{' && path[close] !== '/') close += 1;
    if (path[close] === '{') return fail(`'{' at position ${close + 1} opens a placeholder inside another; placeholders do not nest`, i, close + 1);
    if (path[close] !== '}') return fail(`'{' at position ${i + 1} is never closed`, i, close);
    const name = path.slice(i + 1, close);
    const source = path.slice(i, close + 1);
    if (name.length === 0) return fail(`'{}' is an empty placeholder; name the parameter, e.g. '{id}'`, i, close + 1);
    if (!identifiers.isName(name)) return fail(`'${source}' is not a parameter name ('${name}' is not an identifier)`, i, close + 1);
    if (path[close + 1] === '{') {
      return fail(`'${source}' is directly followed by another placeholder, so where one value ends is unknown; separate them, e.g. with '/'`, i, close + 1);
    }
    return { end: close + 1, placeholder: { name, source, start: i, end: close + 1 } };
  }
  if (ch === ':' && (i === 0 || path[i - 1] === '/')) {
    const end = identifiers.nameEnd(path, i + 1);
    const name = path.slice(i + 1, end);
    if (name.length === 0) return fail(`':' at position ${i + 1} is not followed by a parameter name`, i, i + 1);
    if (!identifiers.isName(name)) return fail(`':${name}' is not a parameter name ('${name}' is not an identifier)`, i, end);
    if (end < path.length && path[end] !== '/') {
      return fail(`':${name}${path[end]}' — a ':name' placeholder must fill its whole path segment`, i, end + 1);
    }
    return { end, placeholder: { name, source: path.slice(i, end), start: i, end } };
  }
  return undefined;
}
