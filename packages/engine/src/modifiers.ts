import type * as ts from 'typescript';
import type { TS } from './finding';

/** Whether a declaration carries a modifier (`export`, `async`, …); false for nodes that cannot have one. */
export function hasModifier(ts: TS, node: ts.Node, kind: ts.ModifierSyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}
