import type * as ts from 'typescript';
import type { DecoratorResolver, DecoratorUse } from '../decorators';
import type { FieldResolver } from '../fields';
import type { TS } from '../finding';
import type { CapsuleGuardOptions } from '../options';
import type { Static, StaticEvaluator, Unknown } from '../static-value';
import type { PlaceholderSyntax } from './library-template';

/**
 * An entity declared with a modelling library (ElectroDB, OneTable, TypeDORM), read into the one
 * shape the entity rules check: its scope, its attributes, and its key templates in the library's
 * syntax. Each adapter reads its library's declarations into it; the checks never see the library.
 */
export interface LibraryEntity {
  readonly library: 'ElectroDB' | 'OneTable' | 'TypeDORM';
  /** How messages name it: "ElectroDB entity 'contract'", "OneTable model 'Contract'". */
  readonly label: string;
  readonly name: string;
  /** Where findings about the whole entity are shown: its name as written. */
  readonly nameNode: ts.Node;
  readonly scope: LibraryScope;
  readonly attributes: Attributes;
  /** How to declare the capsule attribute in this library, for messages. */
  readonly capsuleExample: string;
  readonly syntax: PlaceholderSyntax;
  readonly keys: readonly LibraryKey[];
  /** Parts of the declaration that could not be read, so some keys were not checked (fail closed). */
  readonly unreadable: readonly UnreadablePart[];
  /** A class (TypeDORM): its capsule field is checked as our decorator's classes are. */
  readonly declaration?: ts.ClassLikeDeclaration;
  /** The table it is stored in, when written as a literal (for the IAM policy); undefined otherwise. */
  readonly table: string | undefined;
}

/**
 * Library entities are capsule-isolated unless a `// capsule-guard-platform-scoped -- <reason>`
 * comment (or, on a class, `@platformScoped({ reason })`) says otherwise.
 */
export type LibraryScope =
  | { readonly kind: 'isolated' }
  | { readonly kind: 'platformComment'; readonly reason: string }
  | { readonly kind: 'platformDecorator'; readonly use: DecoratorUse };

/** Whether the entity's keys must hold the tenant and capsule segments. */
export function isIsolated(entity: LibraryEntity): boolean {
  // An opt-out without a reason does not opt out: "when in doubt: isolate it".
  return entity.scope.kind === 'isolated' || (entity.scope.kind === 'platformComment' && entity.scope.reason === '');
}

/** The attributes an entity declares, as far as they are known. */
export interface Attributes {
  /** 'found', 'missing', or why it cannot be told. */
  lookup(name: string): AttributeLookup;
  /** Attribute names for "use one of …" in messages. */
  names(): readonly string[];
}

export type AttributeLookup =
  | { readonly kind: 'found'; readonly required: boolean }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unverifiable'; readonly reason: string };

/** One key of an entity: a template, an ElectroDB composite list, or a value that cannot be read. */
export interface LibraryKey {
  /** "pk of access pattern 'byId'", "'pk' value of index 'primary'", as messages name it. */
  readonly name: string;
  readonly isPartitionKey: boolean;
  /** Where findings about the key are shown. */
  readonly anchor: ts.Node;
  readonly value: KeyValue;
  /**
   * ElectroDB lowercases keys unless `casing: 'none'`: ids differing in case then share a partition.
   * `fixAt`: the key's object, to add `casing: 'none'` to; `casing`: the value written (`'upper'`),
   * null when it cannot be read, undefined when none is; `casingLiteral`: that value's literal here.
   */
  readonly lowercased?: { readonly fixAt: ts.Node | undefined; readonly casing?: string | null; readonly casingLiteral?: ts.Node };
  /** One of the table's own keys, not an index's: its partition key's prefix is what the IAM policy grants. */
  readonly primary?: boolean;
}

export type KeyValue =
  | {
      readonly kind: 'template';
      readonly text: string;
      /** ElectroDB: the `composite` list beside the template, which must name the template's attributes in order. */
      readonly composite?: { readonly list: ts.Node; readonly attributes: Static<readonly string[]> };
    }
  | {
      readonly kind: 'composite';
      readonly attributes: readonly string[];
      readonly list: ts.Node;
      /** What ElectroDB begins such a key with, before the attributes: `$<service>`. */
      readonly prefix: string;
    }
  | { readonly kind: 'missing'; readonly example: string }
  | { readonly kind: 'unreadable'; readonly problem: Unknown; readonly instead: string };

/** A part of a declaration that could not be read: which one, why, and where to show it. */
export interface UnreadablePart {
  readonly subject: string;
  readonly problem: Unknown;
  readonly node: ts.Node;
  /** What to write instead, when more can be said than "an object literal, or a const declared 'as const'". */
  readonly instead?: string;
}

/** What every adapter reads a file with. */
export interface AdapterContext {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly evaluator: StaticEvaluator;
  readonly fields: FieldResolver;
  readonly checker: ts.TypeChecker | undefined;
  /** Our decorators, for `@platformScoped` on a library's entity class. */
  readonly ours: DecoratorResolver;
}

/** The entities an adapter found, and the nodes holding their key declarations. */
export interface AdapterResult {
  readonly entities: readonly LibraryEntity[];
  /** Literals inside these are key declarations, checked by the entity rules, not as keys written by hand. */
  readonly declarations: readonly ts.Node[];
}

/** `node` when it is written in the checked file, else `fallback` (a value defined in another module). */
export function inFile(context: AdapterContext, node: ts.Node, fallback: ts.Node): ts.Node {
  return node.getSourceFile() === context.sourceFile ? node : fallback;
}

/** `true` written as such (`required: true`): anything else does not make an attribute required. */
export function isTrue(ts: TS, expression: ts.Expression | undefined): boolean {
  return expression?.kind === ts.SyntaxKind.TrueKeyword;
}
