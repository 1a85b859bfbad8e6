import type * as ts from 'typescript';
import type { TS } from './finding';

/**
 * Calls `visit` on the nodes of the file in source order, descending only into subtrees whose
 * text contains `needle` (a decorator always has an '@', a suppression its marker), so the long
 * expressions, types and function bodies that make up most code are never walked. The walk keeps
 * its own stack rather than recursing: a chain of tens of thousands of `+` terms nests one level
 * per term, deeper than the call stack allows a recursive visitor to follow. A visitor returns
 * `false` to leave a node's children out of the walk.
 */
export function forEachNodeContaining(
  ts: TS,
  sourceFile: ts.SourceFile,
  /** A text, or the positions (in order) of what is looked for, found otherwise (`.get(` and the like). */
  needle: string | readonly number[],
  visit: (node: ts.Node) => boolean | void,
  /** Where to start: the whole file, or one node of it and what it contains. */
  root: ts.Node = sourceFile,
): void {
  const positions = occurrences(sourceFile.text, needle);
  const holdsNeedle = (node: ts.Node): boolean => {
    const next = firstAtOrAfter(positions, node.pos);
    return next < positions.length && positions[next] < node.end;
  };
  const pending: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    if (holdsNeedle(child)) children.push(child);
  };
  while (pending.length > 0) {
    const node = pending.pop() as ts.Node;
    if (visit(node) === false) continue;
    ts.forEachChild(node, collect);
    // Reversed onto the stack, so the first child is visited next.
    while (children.length > 0) pending.push(children.pop() as ts.Node);
  }
}

function occurrences(text: string, needle: string | readonly number[]): readonly number[] {
  if (typeof needle !== 'string') return needle;
  const positions: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) positions.push(at);
  return positions;
}

/** Index of the first position >= `pos` in the sorted `positions` (binary search). */
function firstAtOrAfter(positions: readonly number[], pos: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (positions[mid] < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}
