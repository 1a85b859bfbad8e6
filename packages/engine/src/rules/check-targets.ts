import type * as ts from 'typescript';
import type { DecoratorName, DecoratorResolver, DecoratorUse } from '../decorators';
import type { FieldResolver } from '../fields';
import type { Suggestion, TS } from '../finding';
import type { CapsuleGuardOptions } from '../options';
import type { StaticEvaluator } from '../static-value';

/** Reports one finding with one of the rule's message ids; the node is where the finding is shown. */
export type Report<MessageId extends string> = (
  messageId: MessageId,
  data: Record<string, string>,
  node: ts.Node,
  suggestions?: readonly Suggestion[],
) => void;

/** Everything a check needs about one decorated class, computed once per file. */
export interface DecoratedClass {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly evaluator: StaticEvaluator;
  readonly fields: FieldResolver;
  readonly declaration: ts.ClassLikeDeclaration;
  readonly decorators: readonly DecoratorUse[];
  /** The class name as written, or '(anonymous class)'. */
  readonly className: string;
  /** Where class-level findings are shown: the class name, or the first decorator of an anonymous class. */
  readonly nameNode: ts.Node;
  /** How this file writes one of our decorators, for suggestions that add one. */
  readonly accessTo: (name: DecoratorName) => string | undefined;
}

export type ClassCheck<MessageId extends string> = (target: DecoratedClass, report: Report<MessageId>) => void;

/** A method carrying one of our decorators (today: `@apiEndpoint`). */
export interface DecoratedMethod {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly evaluator: StaticEvaluator;
  readonly declaration: ts.MethodDeclaration;
  readonly decorators: readonly DecoratorUse[];
  /** `ClassName.methodName`, for messages. */
  readonly methodName: string;
}

export type MethodCheck<MessageId extends string> = (target: DecoratedMethod, report: Report<MessageId>) => void;

/** One file, checked whether or not it imports a decorator of ours (today: for keys written by hand). */
export interface CheckedFile {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly evaluator: StaticEvaluator;
  /** Our decorators: the literals inside an `@entity(...)` call are its key declaration, checked elsewhere. */
  readonly decorators: DecoratorResolver;
  /** Entities declared with a modelling library (`new Entity({ … })`): their keys are checked elsewhere too. */
  readonly entityDeclarations: ReadonlySet<ts.Node>;
}

export function decoratorUse(target: DecoratedClass, name: DecoratorName): DecoratorUse | undefined {
  return target.decorators.find((use) => use.name === name);
}

/**
 * Where a finding about a value is shown: the first of `candidates` written inside `container`
 * (the value itself, then the spread or property through which it came), else `fallback`.
 */
export function anchorWithin(container: ts.Node, fallback: ts.Node, ...candidates: readonly ts.Node[]): ts.Node {
  return candidates.find((node) => isWithin(node, container)) ?? fallback;
}

/** True when `node` is written inside `container`: `container` or one of its descendants. */
export function isWithin(node: ts.Node, container: ts.Node): boolean {
  // Positions first: they rule out most nodes, of this file or another, without walking anything.
  if (node.pos < container.pos || node.end > container.end) return false;
  for (let ancestor: ts.Node | undefined = node; ancestor; ancestor = ancestor.parent) {
    if (ancestor === container) return true;
  }
  return false;
}
