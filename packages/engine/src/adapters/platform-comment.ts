import type * as ts from 'typescript';
import type { TS } from '../finding';
import type { LibraryScope } from './library-entity';

/**
 * A library entity has no decorator of ours to carry its scope, so a platform-wide one says so in
 * a comment on the line before its definition: `// capsule-guard-platform-scoped -- <reason>`.
 */
export const PLATFORM_MARKER = 'capsule-guard-platform-scoped';

/**
 * The scope a comment on the line before `definition` gives, or before one of its ancestors up to
 * its statement (`export const Tenant = new Entity(` is preceded by the comment, not `new`).
 */
export function commentScope(ts: TS, sourceFile: ts.SourceFile, definition: ts.Node): LibraryScope {
  for (let node: ts.Node | undefined = definition; node && !ts.isSourceFile(node); node = node.parent) {
    const reason = reasonBefore(ts, sourceFile, node);
    if (reason !== undefined) return { kind: 'platformComment', reason };
    if (ts.isStatement(node) || ts.isClassElement(node) || ts.isPropertyAssignment(node)) break;
  }
  return { kind: 'isolated' };
}

/**
 * The reason of a marker comment right before `node` ('' when none is given), or undefined: on the
 * line before it, or above other comments written line after line down to it (a JSDoc, an
 * `eslint-disable-next-line`). A blank line ends the comments that belong to the definition.
 */
function reasonBefore(ts: TS, sourceFile: ts.SourceFile, node: ts.Node): string | undefined {
  const { text } = sourceFile;
  const lineOf = (position: number) => sourceFile.getLineAndCharacterOfPosition(position).line;
  const comments = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  let below = lineOf(node.getStart(sourceFile));
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index];
    const endLine = lineOf(comment.end);
    if (endLine !== below && endLine !== below - 1) return undefined;
    const reason = comment.kind === ts.SyntaxKind.SingleLineCommentTrivia ? parseMarker(text.slice(comment.pos + 2, comment.end).trim()) : undefined;
    if (reason !== undefined) return reason;
    below = lineOf(comment.pos);
  }
  return undefined;
}

/** `capsule-guard-platform-scoped -- why` gives 'why'; the marker alone, or without `--`, gives ''. */
function parseMarker(body: string): string | undefined {
  if (!body.startsWith(PLATFORM_MARKER)) return undefined;
  const rest = body.slice(PLATFORM_MARKER.length);
  if (rest !== '' && !/^\s/u.test(rest)) return undefined;
  const trimmed = rest.trim();
  return trimmed.startsWith('--') ? trimmed.slice(2).trim() : '';
}
