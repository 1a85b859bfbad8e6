/**
 * The tokenizer every route path is read with: our own `{name}` / `:name` paths (route-path.ts)
 * and the Express, find-my-way and tsoa patterns of the frameworks (routes/url-path.ts). It walks
 * the pattern once, left to right; at each position the syntax either reads a construct that
 * starts there (a placeholder, a group, an escape) or leaves the character as literal text. The
 * syntaxes differ only in what starts a construct and what a name is, so that is all they write.
 */

/** What a syntax reads at one position: a construct ending at `end` (a placeholder, or not), or a failure. */
export type PathToken<P, E> = { readonly end: number; readonly placeholder?: P } | { readonly error: E };

export interface PathSyntaxReader<P, E> {
  /** The construct starting at `at`; undefined when the character there is literal text. */
  read(path: string, at: number): PathToken<P, E> | undefined;
  /** After the whole pattern: a failure for what is left open (an unclosed group), if any. */
  finish?(path: string): E | undefined;
}

export type PathTokens<P, E> = { readonly ok: true; readonly placeholders: readonly P[] } | { readonly ok: false; readonly error: E };

export function tokenizePath<P, E>(path: string, syntax: PathSyntaxReader<P, E>): PathTokens<P, E> {
  const placeholders: P[] = [];
  let at = 0;
  while (at < path.length) {
    const token = syntax.read(path, at);
    if (!token) {
      at += 1;
      continue;
    }
    if ('error' in token) return { ok: false, error: token.error };
    if (token.placeholder !== undefined) placeholders.push(token.placeholder);
    at = token.end;
  }
  const error = syntax.finish?.(path);
  return error === undefined ? { ok: true, placeholders } : { ok: false, error };
}
