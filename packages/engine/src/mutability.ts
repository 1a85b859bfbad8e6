import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import type { TS } from './finding';
import { literalPropertyName } from './identifiers';

/**
 * Which parts of an object or array can change after it is declared. A value read from a const
 * object is only what the key or route uses if nothing can reassign it first (`KEYS.pk = …`,
 * `PARAMS.push(…)`, in this file or any other), so a property or element is read only from values
 * that cannot change: literals written in place, `as const` literals, and declarations whose type
 * makes the exact path readonly. `Object.freeze` is not among them: it is shallow, and the
 * evaluator reads nested objects, so one rule (`as const`) covers every depth.
 */
export interface Mutability {
  /** Why properties can be added to the object, or why its elements can change; undefined when they cannot. */
  growable(): string | undefined;
  /** Why the property `key` can be reassigned; undefined when it cannot. */
  writable(key: string): string | undefined;
  /** The mutability of the value held by the property `key`, or by the elements (`ELEMENTS`). */
  member(key: string): Mutability;
}

/** The key `member` takes for the elements of an array. */
export const ELEMENTS = '[]';

/** A literal written in place, or under `as const`: nothing else holds it, or nothing may change it. */
export const IMMUTABLE: Mutability = { growable: () => undefined, writable: () => undefined, member: () => IMMUTABLE };

/** Whether a node is in a JavaScript file, where TypeScript reads types from JSDoc and `as const` cannot be written. */
export function isJavaScript(ts: TS, node: ts.Node): boolean {
  return (node.flags & ts.NodeFlags.JavaScriptFile) !== 0;
}

/** How a value is declared unchangeable, in TypeScript and in JavaScript, where `as const` is written as a JSDoc cast. */
export const constAssertionIn = (javaScript: boolean): string => (javaScript ? "'/** @type {const} */ (…)'" : "'as const'");

/**
 * A const declared without a readonly type: its binding is fixed, its contents are not. The name
 * is read only to explain a failure, and most consts hold strings, so it is asked for lazily.
 */
export function mutableValue(name: () => string, javaScript = false): Mutability {
  const reason = () => `'${name()}' is declared without ${constAssertionIn(javaScript)} or a readonly type, so its contents can change`;
  const mutability: Mutability = { growable: reason, writable: reason, member: () => mutability };
  return mutability;
}

function memberLabel(name: string, key: string): string {
  return key === ELEMENTS ? `${name}[…]` : `${name}.${key}`;
}

/** A declared type, reduced to what decides whether a value of it can change. */
type DeclaredShape =
  | { readonly kind: 'object'; readonly members: readonly ts.TypeElement[]; readonly allReadonly: boolean }
  | { readonly kind: 'array'; readonly element: ts.TypeNode | undefined; readonly readonly: boolean }
  | { readonly kind: 'other' };

const OTHER: DeclaredShape = { kind: 'other' };

/** Aliases of aliases: deep enough for any real declaration, and it ends `type A = B; type B = A;`. */
const MAX_ALIAS_DEPTH = 20;

/**
 * Reads the mutability a type annotation gives a value: `Readonly<…>`, `readonly T[]`,
 * `ReadonlyArray<T>`, readonly tuples, `readonly` members of type literals and interfaces, through
 * non-generic type aliases. Names are resolved by the declaration finder, so across files only
 * with type information. Anything else (generic aliases, mapped or conditional types,
 * intersections) counts as mutable: the check fails closed.
 */
export class DeclaredMutability {
  constructor(
    private readonly ts: TS,
    private readonly finder: DeclarationFinder,
  ) {}

  /** Computed when first asked: most consts hold strings, whose contents are never asked about. */
  of(type: ts.TypeNode | undefined, nameOf: () => string, javaScript = false): Mutability {
    if (!type) return mutableValue(nameOf, javaScript);
    let known: DeclaredShape | undefined;
    const shapeOf = () => (known ??= this.shape(type, false, 0));
    const notReadonly = (key: string) =>
      `the declared type of '${nameOf()}' does not make '${memberLabel(nameOf(), key)}' readonly; declare it 'as const'`;
    return {
      growable: () => (this.cannotGrow(shapeOf()) ? undefined : `the declared type of '${nameOf()}' does not make it readonly; declare it 'as const'`),
      writable: (key) => {
        const shape = shapeOf();
        if (shape.kind === 'array') return key === ELEMENTS && shape.readonly ? undefined : notReadonly(key);
        if (shape.kind !== 'object') return notReadonly(key);
        const member = this.memberOf(shape.members, key);
        return member && (shape.allReadonly || this.hasReadonlyModifier(member)) ? undefined : notReadonly(key);
      },
      member: (key) => {
        const shape = shapeOf();
        const memberType =
          shape.kind === 'array' ? shape.element : shape.kind === 'object' ? this.memberOf(shape.members, key)?.type : undefined;
        return this.of(memberType, () => memberLabel(nameOf(), key));
      },
    };
  }

  private shape(type: ts.TypeNode | undefined, allReadonly: boolean, depth: number): DeclaredShape {
    const { ts } = this;
    if (!type || depth > MAX_ALIAS_DEPTH) return OTHER;
    if (ts.isParenthesizedTypeNode(type)) return this.shape(type.type, allReadonly, depth);
    if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return this.shape(type.type, true, depth);
    if (ts.isArrayTypeNode(type)) return { kind: 'array', element: type.elementType, readonly: allReadonly };
    if (ts.isTupleTypeNode(type)) return { kind: 'array', element: undefined, readonly: allReadonly };
    if (ts.isTypeLiteralNode(type)) return { kind: 'object', members: type.members, allReadonly };
    if (!ts.isTypeReferenceNode(type)) return OTHER;
    const [argument] = type.typeArguments ?? [];
    switch (this.globalName(type.typeName)) {
      case 'Readonly':
        return this.shape(argument, true, depth + 1);
      case 'ReadonlyArray':
        return { kind: 'array', element: argument, readonly: true };
      case 'Array':
        return { kind: 'array', element: argument, readonly: allReadonly };
    }
    const lookup = this.finder.find(type.typeName);
    if (lookup.kind !== 'found' || type.typeArguments) return OTHER;
    const interfaces = lookup.declarations.filter((d): d is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(d) && !d.typeParameters);
    if (interfaces.length > 0) return { kind: 'object', members: interfaces.flatMap((d) => d.members), allReadonly };
    const [alias] = lookup.declarations;
    if (ts.isTypeAliasDeclaration(alias) && !alias.typeParameters) return this.shape(alias.type, allReadonly, depth + 1);
    return OTHER;
  }

  /** An array only when readonly; an object unless a writable index signature lets it gain properties. */
  private cannotGrow(shape: DeclaredShape): boolean {
    if (shape.kind === 'array') return shape.readonly;
    if (shape.kind === 'other') return false;
    return shape.allReadonly || shape.members.every((m) => !this.ts.isIndexSignatureDeclaration(m) || this.hasReadonlyModifier(m));
  }

  /** `Readonly`, `ReadonlyArray` or `Array` when the name is the global one, not a declaration of the project. */
  private globalName(name: ts.EntityName): string | undefined {
    const { ts } = this;
    if (!ts.isIdentifier(name) || !['Readonly', 'ReadonlyArray', 'Array'].includes(name.text)) return undefined;
    const lookup = this.finder.find(name);
    const isGlobal =
      lookup.kind === 'found'
        ? lookup.declarations.every((d) => isGlobalDeclarationFile(ts, d.getSourceFile()))
        : !lookup.needsTypeInformation;
    return isGlobal ? name.text : undefined;
  }

  private memberOf(members: readonly ts.TypeElement[], key: string): ts.PropertySignature | ts.IndexSignatureDeclaration | undefined {
    const { ts } = this;
    for (const member of members) {
      if (ts.isPropertySignature(member) && literalPropertyName(ts, member.name) === key) return member;
    }
    return members.find((m): m is ts.IndexSignatureDeclaration => ts.isIndexSignatureDeclaration(m));
  }

  private hasReadonlyModifier(member: ts.PropertySignature | ts.IndexSignatureDeclaration): boolean {
    return member.modifiers?.some((m) => m.kind === this.ts.SyntaxKind.ReadonlyKeyword) ?? false;
  }
}

/** A script `.d.ts` (a library file such as lib.es5.d.ts): what it declares is global. */
function isGlobalDeclarationFile(ts: TS, file: ts.SourceFile): boolean {
  return file.isDeclarationFile && !ts.isExternalModule(file);
}
