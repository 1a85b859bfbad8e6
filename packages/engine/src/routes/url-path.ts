import { tokenizePath } from '../path-tokenizer';
import type { PathPlaceholder } from '../route-path';

/**
 * Tokenizer for the URL patterns of Express 4 and 5 (which NestJS uses) and of find-my-way (which
 * Fastify uses): `:name` parameters, Express 4 and find-my-way modifiers (`:id?`, `:id(\\d+)`),
 * Express 5 optional groups (`{/:id}`), wildcards (`*splat`, bare `*`), `\\` escapes and
 * find-my-way's `::` literal colon. Positions are offsets into the pattern. Read by the tokenizer
 * of our own paths (path-tokenizer.ts), with this syntax's constructs.
 */

/**
 * A parameter of the pattern. Its `name` is the key the framework puts the value under: `id` for
 * `:id`, `splat` for `*splat`, `*` for a bare `*`; its `source` is as written: `:id`, `:id?`, `*splat`.
 */
export interface UrlPlaceholder extends PathPlaceholder {
  /** Inside an optional group, or marked `?`: the handler may receive no value. */
  readonly optional: boolean;
  /** A bare `*`: the framework names it itself, so nothing need bind it. */
  readonly anonymous: boolean;
}

export type UrlPathParse =
  | { readonly ok: true; readonly placeholders: readonly UrlPlaceholder[] }
  | { readonly ok: false; readonly problem: string };

const NAME_START = /[$_\p{ID_Start}]/u;
const NAME_PART = /[$\u200c\u200d\p{ID_Continue}]/u;

export function parseUrlPath(path: string): UrlPathParse {
  // Offsets of the `{` of the optional groups open at the current position.
  const groups: number[] = [];
  const parsed = tokenizePath<UrlPlaceholder, string>(path, {
    read(text, i) {
      const ch = text[i];
      if (ch === '\\') return { end: i + 2 };
      if (ch === '{') {
        groups.push(i);
        return { end: i + 1 };
      }
      if (ch === '}') return groups.pop() === undefined ? { error: `'}' at position ${i + 1} closes no '{' group` } : { end: i + 1 };
      if (ch === ':' && text[i + 1] === ':') return { end: i + 2 };
      if (ch !== ':' && ch !== '*') return undefined;
      const parameter = readParameter(text, i, groups.length > 0);
      return parameter.ok ? { end: parameter.placeholder.end, placeholder: parameter.placeholder } : { error: parameter.problem };
    },
    finish() {
      const open = groups.pop();
      return open === undefined ? undefined : `'{' at position ${open + 1} opens an optional group that is never closed`;
    },
  });
  return parsed.ok ? parsed : { ok: false, problem: parsed.error };
}

type ParameterRead = { readonly ok: true; readonly placeholder: UrlPlaceholder } | { readonly ok: false; readonly problem: string };

/** The parameter starting with the `:` or `*` at `start`, with its modifiers. */
function readParameter(path: string, start: number, inGroup: boolean): ParameterRead {
  const marker = path[start];
  const name = readName(path, start + 1);
  if (name === undefined) return { ok: false, problem: `'"' at position ${start + 2} opens a quoted parameter name that is never closed` };
  if (name.text === '') {
    if (marker === '*') return { ok: true, placeholder: placeholder(path, '*', start, start + 1, true, true) };
    return { ok: false, problem: `':' at position ${start + 1} is not followed by a parameter name` };
  }
  let end = name.end;
  if (path[end] === '(') {
    const close = closingParenthesis(path, end);
    if (close < 0) return { ok: false, problem: `'(' at position ${end + 1} opens a pattern that is never closed` };
    end = close + 1;
  }
  const optional = inGroup || path[end] === '?' || path[end] === '*';
  if (marker === ':' && (path[end] === '?' || path[end] === '*' || path[end] === '+')) end += 1;
  return { ok: true, placeholder: placeholder(path, name.text, start, end, optional, false) };
}

function placeholder(path: string, name: string, start: number, end: number, optional: boolean, anonymous: boolean): UrlPlaceholder {
  return { name, source: path.slice(start, end), start, end, optional, anonymous };
}

/** An identifier, or Express 5's quoted `"name"`; undefined for an unclosed quote. */
function readName(path: string, start: number): { readonly text: string; readonly end: number } | undefined {
  if (path[start] === '"') {
    const close = path.indexOf('"', start + 1);
    return close < 0 ? undefined : { text: path.slice(start + 1, close), end: close + 1 };
  }
  let end = start;
  for (const char of path.slice(start)) {
    if (!(end === start ? NAME_START : NAME_PART).test(char)) break;
    end += char.length;
  }
  return { text: path.slice(start, end), end };
}

function closingParenthesis(path: string, open: number): number {
  let depth = 0;
  for (let i = open; i < path.length; i += 1) {
    if (path[i] === '\\') i += 1;
    else if (path[i] === '(') depth += 1;
    else if (path[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
