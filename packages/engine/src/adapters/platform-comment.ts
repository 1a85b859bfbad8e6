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

/** The reason of a marker comment on the line right before `node` ('' when none is given), or undefined. */
function reasonBefore(ts: TS, sourceFile: ts.SourceFile, node: ts.Node): string | undefined {
  const { text } = sourceFile;
  const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
  const comments = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const last = comments[comments.length - 1];
  if (!last || last.kind !== ts.SyntaxKind.SingleLineCommentTrivia) return undefined;
  if (sourceFile.getLineAndCharacterOfPosition(last.pos).line !== line - 1) return undefined;
  return parseMarker(text.slice(last.pos + 2, last.end).trim());
}

/** `capsule-guard-platform-scoped -- why` gives 'why'; the marker alone, or without `--`, gives ''. */
function parseMarker(body: string): string | undefined {
  if (!body.startsWith(PLATFORM_MARKER)) return undefined;
  const rest = body.slice(PLATFORM_MARKER.length);
  if (rest !== '' && !/^\s/u.test(rest)) return undefined;
  const trimmed = rest.trim();
  return trimmed.startsWith('--') ? trimmed.slice(2).trim() : '';
}
