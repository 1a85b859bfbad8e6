import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import type { TS } from './finding';
import { identifierText } from './identifiers';

/** Whether a field can carry an isolation key; when not, why (e.g. "may be undefined"). */
export type Usability =
  | { readonly kind: 'usable' }
  | { readonly kind: 'unusable'; readonly reason: string }
  | { readonly kind: 'unverifiable'; readonly reason: string };

/**
 * The type arguments a generic base class is given (`extends Scoped<undefined>`), by type
 * parameter name. An argument is read where it is written, with the arguments in force there.
 */
export type TypeArguments = ReadonlyMap<string, TypeArgument>;
export interface TypeArgument {
  readonly node: ts.TypeNode;
  readonly args: TypeArguments | undefined;
}

/** What a type admits, as far as being a key value goes. */
type Verdict =
  | { readonly kind: 'value' }
  /** Nothing but `undefined`, `null`, `void` or `never`: the text names it. */
  | { readonly kind: 'empty'; readonly text: string; readonly never: boolean }
  /** A value, or else `undefined`/`null`/`void` (named). */
  | { readonly kind: 'maybe'; readonly empty: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'unverifiable'; readonly reason: string };

const VALUE: Verdict = { kind: 'value' };
const UNKNOWN: Verdict = { kind: 'unknown' };
const USABLE: Usability = { kind: 'usable' };
/**
 * Alias chains and generic substitutions followed: deeper than any real code, shallow enough for
 * the call stack. Base classes and types are followed as deep (see FieldResolver).
 */
export const MAX_DEPTH = 100;

/** Global types that hold a value when their argument does, or always (`Uppercase<string>`, `String`). */
const GLOBAL_VALUE_TYPES = new Set([
  'String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'Object', 'Date', 'RegExp', 'Array', 'ReadonlyArray',
  'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'Promise', 'Uint8Array', 'ArrayBuffer', 'Buffer', 'Function', 'Error',
  'URL', 'Record', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'Readonly', 'Partial', 'Required',
  'Pick', 'Omit',
]);

/**
 * Classifies the type of a field for use as a key: `string` and branded ids are usable;
 * `undefined`, `null`, `void`, `never`, `unknown` and unions with the first three are not, at any
 * depth of parentheses, unions and type aliases, and through the type arguments of a generic base
 * class. What cannot be read without type information (a type imported from another file, a
 * mapped or conditional type) is unverifiable rather than assumed safe. `any` stays usable: it is
 * the code's own, explicit opt-out of type checking.
 */
export class FieldTypes {
  constructor(
    private readonly ts: TS,
    private readonly finder: DeclarationFinder,
    private readonly checker: ts.TypeChecker | undefined,
  ) {}

  /** A field declared with an annotation (`typeNode`), or without one and with an initializer. */
  usability(
    declaration: ts.Node,
    typeNode: ts.TypeNode | undefined,
    initializer: ts.Expression | undefined,
    args: TypeArguments | undefined,
  ): Usability {
    if (typeNode) return this.annotated(typeNode, args);
    if (initializer) return this.initialized(declaration, initializer);
    // `capsuleId!;` is implicitly `any`, which noImplicitAny reports; like `any`, it is not ours to judge.
    return USABLE;
  }

  /** A property of a type the checker worked out (a mapped type, an instantiated generic base). */
  symbolUsability(checker: ts.TypeChecker, symbol: ts.Symbol): Usability {
    return usabilityOf(checkerVerdict(this.ts, checker, checker.getTypeOfSymbol(symbol)));
  }

  private annotated(typeNode: ts.TypeNode, args: TypeArguments | undefined): Usability {
    const syntactic = this.verdict(typeNode, args, 0);
    // What is written decides first: it holds even where strictNullChecks is off and the checker
    // drops `undefined`, and it knows the arguments of a generic base (`Scoped<undefined>`), which the
    // checker, asked about the base's own `T`, does not. The checker reads what the syntax cannot.
    if (syntactic.kind !== 'unverifiable' || !this.checker || args) return usabilityOf(syntactic);
    return usabilityOf(checkerVerdict(this.ts, this.checker, this.checker.getTypeFromTypeNode(typeNode)));
  }

  private initialized(declaration: ts.Node, initializer: ts.Expression): Usability {
    const { ts, checker } = this;
    const value = skipOuterExpressions(ts, initializer);
    if (ts.isAsExpression(value) || ts.isTypeAssertionExpression(value)) return this.annotated(value.type, undefined);
    const empty = emptyValueText(ts, value);
    if (empty) return { kind: 'unusable', reason: `is initialised to '${empty}' and has no type annotation` };
    if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value) || ts.isNumericLiteral(value)) return USABLE;
    if (checker) return usabilityOf(checkerVerdict(ts, checker, checker.getTypeAtLocation(declaration)));
    return {
      kind: 'unverifiable',
      reason: `has no type annotation, and the type of its initializer '${shortText(initializer)}' needs type information`,
    };
  }

  private verdict(node: ts.TypeNode, args: TypeArguments | undefined, depth: number): Verdict {
    const { ts } = this;
    switch (node.kind) {
      case ts.SyntaxKind.ParenthesizedType:
        return this.verdict((node as ts.ParenthesizedTypeNode).type, args, depth);
      case ts.SyntaxKind.UndefinedKeyword:
        return { kind: 'empty', text: 'undefined', never: false };
      case ts.SyntaxKind.VoidKeyword:
        return { kind: 'empty', text: 'void', never: false };
      case ts.SyntaxKind.NeverKeyword:
        return { kind: 'empty', text: 'never', never: true };
      case ts.SyntaxKind.UnknownKeyword:
        return UNKNOWN;
      case ts.SyntaxKind.LiteralType:
        return (node as ts.LiteralTypeNode).literal.kind === ts.SyntaxKind.NullKeyword
          ? { kind: 'empty', text: 'null', never: false }
          : VALUE;
      case ts.SyntaxKind.UnionType:
        return this.unionVerdict(node as ts.UnionTypeNode, args, depth);
      case ts.SyntaxKind.IntersectionType:
        return this.intersectionVerdict(node as ts.IntersectionTypeNode, args, depth);
      case ts.SyntaxKind.TypeReference:
        return this.referenceVerdict(node as ts.TypeReferenceNode, args, depth);
      case ts.SyntaxKind.TypeQuery:
      case ts.SyntaxKind.ImportType:
      case ts.SyntaxKind.MappedType:
      case ts.SyntaxKind.ConditionalType:
      case ts.SyntaxKind.IndexedAccessType:
      case ts.SyntaxKind.InferType:
        return { kind: 'unverifiable', reason: `'${shortText(node)}' is worked out by the type checker, which needs type information` };
      default:
        // Keywords (string, number, any, object…), literal, template literal, object, array and function types.
        return VALUE;
    }
  }

  private unionVerdict(node: ts.UnionTypeNode, args: TypeArguments | undefined, depth: number): Verdict {
    const members = node.types.map((member) => this.verdict(member, args, depth));
    if (members.every((m) => m.kind === 'empty')) return { kind: 'empty', text: shortText(node), never: members.every((m) => m.never) };
    // A member that admits a missing value decides, even when another member cannot be read.
    for (const member of members) {
      if (member.kind === 'empty' && !member.never) return { kind: 'maybe', empty: member.text };
      if (member.kind === 'maybe') return member;
    }
    return members.find((m) => m.kind === 'unknown') ?? members.find((m) => m.kind === 'unverifiable') ?? VALUE;
  }

  private intersectionVerdict(node: ts.IntersectionTypeNode, args: TypeArguments | undefined, depth: number): Verdict {
    const members = node.types.map((member) => this.verdict(member, args, depth));
    if (members.some((m) => m.kind === 'empty')) return { kind: 'empty', text: shortText(node), never: true };
    const unverifiable = members.find((m) => m.kind === 'unverifiable');
    if (unverifiable) return unverifiable;
    // `Ctx & { brand }` keeps a value; `undefined & { brand }` is `never`; only all-maybe stays maybe.
    return members.every((m) => m.kind === 'maybe') ? members[0] : VALUE;
  }

  private referenceVerdict(node: ts.TypeReferenceNode, args: TypeArguments | undefined, depth: number): Verdict {
    const { ts } = this;
    if (depth > MAX_DEPTH) return { kind: 'unverifiable', reason: `'${shortText(node)}' nests type aliases too deeply to follow` };
    const name = node.typeName;
    if (ts.isIdentifier(name)) {
      const text = identifierText(name);
      const argument = args?.get(text);
      if (argument) return this.verdict(argument.node, argument.args, depth + 1);
      const parameter = enclosingTypeParameter(ts, node, text);
      if (parameter) return parameter.constraint ? this.verdict(parameter.constraint, args, depth + 1) : UNKNOWN;
    }
    const lookup = this.finder.find(name);
    if (lookup.kind === 'unresolved') {
      // A name imported from another file may be anything; only a name declared nowhere is a global.
      return lookup.needsTypeInformation ? { kind: 'unverifiable', reason: lookup.reason } : this.globalVerdict(node, lookup.reason, args, depth);
    }
    // A global of a declaration file, i.e. the standard library's (found with type information), is judged as without it.
    if (lookup.declarations.every((d) => d.getSourceFile().isDeclarationFile && !ts.isExternalModule(d.getSourceFile()))) {
      return this.globalVerdict(node, `'${shortText(node)}' is declared by the standard library`, args, depth);
    }
    for (const declaration of lookup.declarations) {
      if (ts.isTypeAliasDeclaration(declaration)) {
        const aliasArgs = typeArguments(declaration.typeParameters, node.typeArguments, args);
        return this.verdict(declaration.type, aliasArgs, depth + 1);
      }
      if (ts.isTypeParameterDeclaration(declaration)) {
        return declaration.constraint ? this.verdict(declaration.constraint, args, depth + 1) : UNKNOWN;
      }
    }
    // An interface, class or enum: a value of that type is present.
    return VALUE;
  }

  /** A name not declared where it is used: a global type of the standard library, or unverifiable. */
  private globalVerdict(node: ts.TypeReferenceNode, reason: string, args: TypeArguments | undefined, depth: number): Verdict {
    const { ts } = this;
    const name = ts.isIdentifier(node.typeName) ? identifierText(node.typeName) : undefined;
    const [argument] = node.typeArguments ?? [];
    if (name === 'NonNullable' && argument) {
      const inner = this.verdict(argument, args, depth + 1);
      if (inner.kind === 'maybe' || inner.kind === 'unknown') return VALUE;
      return inner.kind === 'empty' ? { kind: 'empty', text: 'never', never: true } : inner;
    }
    if (name !== undefined && GLOBAL_VALUE_TYPES.has(name)) return VALUE;
    return { kind: 'unverifiable', reason };
  }
}

function usabilityOf(verdict: Verdict): Usability {
  switch (verdict.kind) {
    case 'value':
      return USABLE;
    case 'empty':
      return { kind: 'unusable', reason: `is typed '${verdict.text}'` };
    case 'maybe':
      return { kind: 'unusable', reason: `may be ${verdict.empty}` };
    case 'unknown':
      return { kind: 'unusable', reason: "is typed 'unknown', so it may be undefined" };
    case 'unverifiable':
      return { kind: 'unverifiable', reason: verdict.reason };
  }
}

function checkerVerdict(ts: TS, checker: ts.TypeChecker, type: ts.Type, depth = 0): Verdict {
  if (type.flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) {
    return { kind: 'empty', text: checker.typeToString(type), never: (type.flags & ts.TypeFlags.Never) !== 0 };
  }
  if (type.flags & ts.TypeFlags.Unknown) return UNKNOWN;
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type && depth < MAX_DEPTH ? checkerVerdict(ts, checker, constraint, depth + 1) : UNKNOWN;
  }
  if (type.isUnion()) {
    const empty = type.types.find((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void));
    if (empty) return { kind: 'maybe', empty: checker.typeToString(empty) };
  }
  return VALUE;
}

/** `Scoped<undefined>` against `class Scoped<T = string>`: T → undefined; a missing argument takes the default. */
export function typeArguments(
  parameters: readonly ts.TypeParameterDeclaration[] | undefined,
  written: readonly ts.TypeNode[] | undefined,
  args: TypeArguments | undefined,
): TypeArguments | undefined {
  if (!parameters || parameters.length === 0) return undefined;
  const result = new Map<string, TypeArgument>();
  parameters.forEach((parameter, i) => {
    const argument = written?.[i];
    if (argument) result.set(identifierText(parameter.name), { node: argument, args });
    else if (parameter.default) result.set(identifierText(parameter.name), { node: parameter.default, args: result });
  });
  return result;
}

/** The type parameter `name` of a generic class, interface, alias or function enclosing `node`. */
function enclosingTypeParameter(ts: TS, node: ts.Node, name: string): ts.TypeParameterDeclaration | undefined {
  for (let scope = node.parent; scope && scope.kind !== ts.SyntaxKind.SourceFile; scope = scope.parent) {
    const parameters = (scope as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    const found = parameters?.find((p) => identifierText(p.name) === name);
    if (found) return found;
  }
  return undefined;
}

/** `undefined`, `null` or `void …`: an initializer that leaves the field without a value. */
function emptyValueText(ts: TS, value: ts.Expression): string | undefined {
  if (value.kind === ts.SyntaxKind.NullKeyword) return 'null';
  if (ts.isIdentifier(value) && identifierText(value) === 'undefined') return 'undefined';
  if (ts.isVoidExpression(value)) return value.getText();
  return undefined;
}

function skipOuterExpressions(ts: TS, expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}

/** A node's text for a message, on one line and cut short. */
function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/gu, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
