/**
 * Collecting the fields of a class (own properties, parameter properties, accessors, inherited
 * ones) and of the types its fields are declared with, syntactically or with the checker.
 * Whether a field can carry a key is worked out by FieldTypes (field-types.ts) when first asked.
 */
import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import { FieldTypes, MAX_DEPTH, typeArguments, type TypeArguments, type Usability } from './field-types';
import type { TS } from './finding';
import { identifierText, literalPropertyName } from './identifiers';

/** An instance field of a class or a property of a type, as far as key templates care. */
export interface Field {
  readonly name: string;
  /** Why the field cannot carry an isolation key (e.g. "is optional"); undefined when it can. */
  readonly defect: string | undefined;
  /** Why whether it can carry one cannot be told (e.g. its type is imported); undefined when it can be told. */
  readonly unverifiable: string | undefined;
  readonly typeNode: ts.TypeNode | undefined;
  readonly declaration: ts.Node;
  /** The type arguments of the generic base class the field was declared in, as this class gives them. */
  readonly args: TypeArguments | undefined;
  /** Set for a property the checker worked out (of an instantiated or computed type): its own type. */
  readonly symbol: ts.Symbol | undefined;
}

export type Fields =
  | {
      readonly ok: true;
      readonly fields: ReadonlyMap<string, Field>;
      /** Set when more fields may exist than are known (e.g. an unresolvable base class), and why. */
      readonly incomplete?: string;
    }
  | { readonly ok: false; readonly reason: string };

const fail = (reason: string): Fields => ({ ok: false, reason });
const NO_FIELDS: Fields = { ok: true, fields: new Map() };

/** Global types that never carry entity fields; a name declared in the file shadows them. */
const BUILT_IN_LEAF_TYPES = new Set([
  'Date', 'RegExp', 'Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet',
  'Promise', 'Uint8Array', 'ArrayBuffer', 'Buffer', 'Function', 'Error', 'URL', 'BigInt',
]);

/** Global classes an entity may extend that contribute no key fields. */
const BUILT_IN_BASE_CLASSES = new Set(['Object', 'Error', 'Array', 'Map', 'Set', 'EventTarget']);

function isBuiltInLeafType(name: ts.Identifier, finder: DeclarationFinder, names = BUILT_IN_LEAF_TYPES): boolean {
  if (!names.has(identifierText(name))) return false;
  const lookup = finder.find(name);
  return lookup.kind === 'unresolved' || lookup.declarations.every((d) => d.getSourceFile().isDeclarationFile);
}

/** Primitive, literal, array, tuple and function types have no fields to look into. */
function isLeafType(ts: TS, node: ts.TypeNode): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.SymbolKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.ObjectKeyword:
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.TemplateLiteralType:
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.TupleType:
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
      return true;
    default:
      return false;
  }
}

/** The fields of classes and types, each worked out once per check run. */
export class ClassFields {
  private readonly classCache = new Map<ts.Node, Fields>();
  private readonly nestedCache = new Map<Field, Fields>();
  // Branded ids and string unions all resolve to String's members: one walk per type is enough.
  private readonly typeCache = new Map<ts.Type, Fields>();
  private readonly visiting = new Set<ts.Node>();
  private readonly types: FieldTypes;

  constructor(
    protected readonly ts: TS,
    private readonly finder: DeclarationFinder,
    private readonly checker: ts.TypeChecker | undefined,
  ) {
    this.types = new FieldTypes(ts, finder, checker);
  }

  /**
   * Instance fields of a class: own properties, parameter properties, accessors, inherited ones.
   * `args` are the type arguments a subclass gives this class when it is a generic base.
   */
  classFields(declaration: ts.ClassLikeDeclaration, args?: TypeArguments): Fields {
    const cached = args ? undefined : this.classCache.get(declaration);
    if (cached) return cached;
    return this.following(declaration, () => `class '${declaration.name?.text ?? '(anonymous)'}' extends itself`, () => {
      const result = this.computeClassFields(declaration, args);
      if (!args) this.classCache.set(declaration, result);
      return result;
    });
  }

  /**
   * Computes the fields of a declaration reached through base classes or type references, ending
   * a cycle or a chain too long for the call stack with a reason instead of recursing on.
   */
  private following(declaration: ts.Node, cycle: () => string, compute: () => Fields): Fields {
    if (this.visiting.has(declaration)) return fail(cycle());
    if (this.visiting.size >= MAX_DEPTH) {
      return fail(`it is defined through more than ${MAX_DEPTH} nested base classes or types`);
    }
    this.visiting.add(declaration);
    try {
      return compute();
    } finally {
      this.visiting.delete(declaration);
    }
  }

  /** The fields one level down: the properties of a field's declared type. */
  nestedFields(field: Field): Fields {
    let nested = this.nestedCache.get(field);
    if (!nested) this.nestedCache.set(field, (nested = this.computeNestedFields(field)));
    return nested;
  }

  private computeNestedFields(field: Field): Fields {
    const { checker } = this;
    // A property of an instantiated type: its declaration's annotation may name a type parameter.
    if (field.symbol && checker) return this.checkerTypeFields(checker.getTypeOfSymbol(field.symbol), field.declaration);
    if (!field.typeNode) {
      return this.checkerFields(field.declaration) ?? fail(`'${field.name}' has no type annotation`);
    }
    const syntactic = this.typeFields(field.typeNode, field.args);
    if (syntactic.ok) return syntactic;
    return this.checkerFields(field.typeNode) ?? syntactic;
  }

  private computeClassFields(declaration: ts.ClassLikeDeclaration, args: TypeArguments | undefined): Fields {
    const { ts } = this;
    const fields = new Map<string, Field>();
    const base = this.baseClass(declaration, args);
    // The class's own fields are known even when its base class is not; only the rest is unverifiable.
    const incomplete = base && !base.ok ? base.reason : base?.incomplete;
    if (base?.ok) for (const [name, field] of base.fields) fields.set(name, field);
    for (const member of declaration.members) {
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (!ts.isParameterPropertyDeclaration(parameter, member) || !ts.isIdentifier(parameter.name)) continue;
          const name = parameter.name.text;
          fields.set(name, this.field(name, parameter, parameter.type, !!parameter.questionToken, parameter.initializer, args));
        }
        continue;
      }
      const isProperty = ts.isPropertyDeclaration(member);
      if (!isProperty && !ts.isGetAccessorDeclaration(member)) continue;
      const name = member.name && literalPropertyName(ts, member.name);
      if (name === undefined || isStatic(ts, member)) continue;
      const initializer = isProperty ? member.initializer : undefined;
      fields.set(name, this.field(name, member, member.type, isProperty && !!member.questionToken, initializer, args));
    }
    return { ok: true, fields, incomplete };
  }

  private baseClass(declaration: ts.ClassLikeDeclaration, args: TypeArguments | undefined): Fields | undefined {
    const { ts } = this;
    const heritage = declaration.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return undefined;
    let expression: ts.Expression = heritage.expression;
    while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
    const unresolvable = (why: string) => fail(`its base class '${heritage.expression.getText()}' ${why}`);
    // `extends class { … }` is read as written, in either mode.
    if (ts.isClassExpression(expression)) return this.classFields(expression);
    if (ts.isIdentifier(expression) && isBuiltInLeafType(expression, this.finder, BUILT_IN_BASE_CLASSES)) return NO_FIELDS;
    const lookup =
      ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) ? this.finder.find(expression) : undefined;
    const base = lookup?.kind === 'found'
      ? lookup.declarations.find((d): d is ts.ClassDeclaration => ts.isClassDeclaration(d) || ts.isClassExpression(d))
      : undefined;
    if (base) return this.classFields(base, typeArguments(base.typeParameters, heritage.typeArguments, args));
    // A mixin or a constructor-typed value: its instance type is still known to the checker.
    const viaChecker = this.checkerBaseFields(declaration);
    if (viaChecker) return viaChecker;
    if (ts.isCallExpression(expression)) {
      return unresolvable('is returned by a call (a mixin), whose fields are known only with type information');
    }
    if (!lookup) return unresolvable('is computed at run time');
    return unresolvable(lookup.kind === 'unresolved' ? `cannot be resolved: ${lookup.reason}` : 'is not a class declaration');
  }

  /** The base class's instance type as the checker sees it, e.g. what a mixin call returns. */
  private checkerBaseFields(declaration: ts.ClassLikeDeclaration): Fields | undefined {
    const { checker } = this;
    const symbol = checker?.getTypeAtLocation(declaration).getSymbol();
    if (!checker || !symbol) return undefined;
    const [base] = checker.getBaseTypes(checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType);
    return base && this.checkerTypeFields(base, declaration);
  }

  protected typeFields(node: ts.TypeNode, args?: TypeArguments): Fields {
    const { ts } = this;
    if (ts.isParenthesizedTypeNode(node)) return this.typeFields(node.type, args);
    if (ts.isTypeLiteralNode(node)) return { ok: true, fields: this.memberFields(node.members, args) };
    if (ts.isIntersectionTypeNode(node)) {
      const fields = new Map<string, Field>();
      for (const part of node.types) {
        const partFields = this.typeFields(part, args);
        if (!partFields.ok) return partFields;
        for (const [name, field] of partFields.fields) fields.set(name, field);
      }
      return { ok: true, fields };
    }
    if (ts.isUnionTypeNode(node)) {
      // `Ctx | undefined`: the field itself is flagged as possibly undefined; its members are Ctx's.
      const present = node.types.filter((t) => !isEmptyTypeNode(this.ts, t));
      if (present.length === 1) return this.typeFields(present[0], args);
    }
    if (ts.isTypeReferenceNode(node)) {
      const argument = ts.isIdentifier(node.typeName) ? args?.get(identifierText(node.typeName)) : undefined;
      if (argument) return this.typeFields(argument.node, argument.args);
      if (ts.isIdentifier(node.typeName) && isBuiltInLeafType(node.typeName, this.finder)) return NO_FIELDS;
      return this.utilityTypeFields(node, args) ?? this.referencedFields(node.typeName);
    }
    if (isLeafType(ts, node)) return NO_FIELDS;
    return fail(`'${node.getText()}' is not an interface, type literal or class`);
  }

  /**
   * `Partial<Ctx>`, `Required<Ctx>`, `Readonly<Ctx>` of the standard library, read without a
   * checker the way the checker reads them: every field optional, none optional, unchanged.
   */
  private utilityTypeFields(node: ts.TypeReferenceNode, args: TypeArguments | undefined): Fields | undefined {
    const { ts } = this;
    const [argument] = node.typeArguments ?? [];
    if (!argument || !ts.isIdentifier(node.typeName)) return undefined;
    const optional = UTILITY_OPTIONALITY.get(identifierText(node.typeName));
    if (optional === undefined || !isBuiltInLeafType(node.typeName, this.finder, UTILITY_TYPES)) return undefined;
    const inner = this.typeFields(argument, args);
    if (!inner.ok || optional === 'unchanged') return inner;
    const fields = new Map<string, Field>();
    for (const [name, f] of inner.fields) {
      fields.set(name, this.field(name, f.declaration, f.typeNode, optional === 'optional', undefined, f.args));
    }
    return { ...inner, fields };
  }

  private referencedFields(name: ts.EntityName): Fields {
    const { ts } = this;
    const lookup = this.finder.find(name);
    if (lookup.kind === 'unresolved') return fail(lookup.reason);
    const fields = new Map<string, Field>();
    let found = false;
    let incomplete: string | undefined;
    for (const declaration of lookup.declarations) {
      if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
      const part = this.following(declaration, () => `type '${name.getText()}' refers to itself`, () => {
        if (ts.isInterfaceDeclaration(declaration)) return this.interfaceFields(declaration);
        if (ts.isTypeAliasDeclaration(declaration)) return this.typeFields(declaration.type);
        return this.classFieldsUnguarded(declaration);
      });
      if (!part.ok) return part;
      found = true;
      incomplete ??= part.incomplete;
      for (const [key, field] of part.fields) fields.set(key, field);
    }
    return found ? { ok: true, fields, incomplete } : fail(`'${name.getText()}' is not an interface, type alias or class`);
  }

  private classFieldsUnguarded(declaration: ts.ClassDeclaration): Fields {
    return this.classCache.get(declaration) ?? this.computeClassFields(declaration, undefined);
  }

  private interfaceFields(declaration: ts.InterfaceDeclaration): Fields {
    const { ts } = this;
    const fields = new Map<string, Field>();
    for (const clause of declaration.heritageClauses ?? []) {
      for (const type of clause.types) {
        if (!ts.isIdentifier(type.expression) && !ts.isPropertyAccessExpression(type.expression)) {
          return fail(`'${type.getText()}' cannot be resolved`);
        }
        const inherited = this.referencedFields(type.expression as ts.EntityName);
        if (!inherited.ok) return inherited;
        for (const [name, field] of inherited.fields) fields.set(name, field);
      }
    }
    for (const [name, field] of this.memberFields(declaration.members, undefined)) fields.set(name, field);
    return { ok: true, fields };
  }

  private memberFields(members: ts.NodeArray<ts.TypeElement>, args: TypeArguments | undefined): Map<string, Field> {
    const { ts } = this;
    const fields = new Map<string, Field>();
    for (const member of members) {
      if (!ts.isPropertySignature(member) && !ts.isGetAccessorDeclaration(member)) continue;
      const name = member.name && literalPropertyName(ts, member.name);
      if (name === undefined) continue;
      fields.set(name, this.field(name, member, member.type, !!member.questionToken, undefined, args));
    }
    return fields;
  }

  /** With type information, types we cannot read syntactically (mapped, generic) still resolve. */
  private checkerFields(node: ts.Node): Fields | undefined {
    const { ts, checker } = this;
    if (!checker) return undefined;
    const type = ts.isTypeNode(node) ? checker.getTypeFromTypeNode(node) : checker.getTypeAtLocation(node);
    return this.checkerTypeFields(type, node);
  }

  private checkerTypeFields(type: ts.Type, node: ts.Node): Fields {
    const { ts } = this;
    const checker = this.checker as ts.TypeChecker;
    const cached = this.typeCache.get(type);
    if (cached) return cached;
    const fields = new Map<string, Field>();
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0] ?? node;
      const typeNode = declaration && 'type' in declaration ? (declaration.type as ts.TypeNode | undefined) : undefined;
      const usability = (): Usability =>
        property.flags & ts.SymbolFlags.Optional ? OPTIONAL : this.types.symbolUsability(checker, property);
      fields.set(property.name, new LazyField(property.name, declaration, typeNode, undefined, property, usability));
    }
    const result: Fields = { ok: true, fields };
    this.typeCache.set(type, result);
    return result;
  }

  private field(
    name: string,
    declaration: ts.Node,
    typeNode: ts.TypeNode | undefined,
    optional: boolean,
    initializer: ts.Expression | undefined,
    args: TypeArguments | undefined,
  ): Field {
    return new LazyField(name, declaration, typeNode, args, undefined, () =>
      optional ? OPTIONAL : this.types.usability(declaration, typeNode, initializer, args),
    );
  }
}

const OPTIONAL: Usability = { kind: 'unusable', reason: 'is optional' };

/** What `Partial`, `Required` and `Readonly` make of each field's optionality. */
const UTILITY_OPTIONALITY = new Map<string, 'optional' | 'required' | 'unchanged'>([
  ['Partial', 'optional'],
  ['Required', 'required'],
  ['Readonly', 'unchanged'],
]);
const UTILITY_TYPES = new Set(UTILITY_OPTIONALITY.keys());

/**
 * A field whose usability is worked out when first asked: most fields of a class are never a key
 * or a placeholder, and following their type (an alias, the checker) is the costly part. A class
 * rather than an object literal with a getter, which V8 builds and reads far more slowly.
 */
class LazyField implements Field {
  #find: (() => Usability) | undefined;
  #usability: Usability | undefined;

  constructor(
    readonly name: string,
    readonly declaration: ts.Node,
    readonly typeNode: ts.TypeNode | undefined,
    readonly args: TypeArguments | undefined,
    readonly symbol: ts.Symbol | undefined,
    find: () => Usability,
  ) {
    this.#find = find;
  }

  get usability(): Usability {
    if (this.#find) {
      this.#usability = this.#find();
      this.#find = undefined;
    }
    return this.#usability as Usability;
  }

  get defect(): string | undefined {
    const usability = this.usability;
    return usability.kind === 'unusable' ? usability.reason : undefined;
  }

  get unverifiable(): string | undefined {
    const usability = this.usability;
    return usability.kind === 'unverifiable' ? usability.reason : undefined;
  }
}

function isEmptyTypeNode(ts: TS, node: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(node)) return isEmptyTypeNode(ts, node.type);
  if (ts.isLiteralTypeNode(node)) return node.literal.kind === ts.SyntaxKind.NullKeyword;
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword || node.kind === ts.SyntaxKind.NeverKeyword || node.kind === ts.SyntaxKind.VoidKeyword
  );
}

export function isStatic(ts: TS, member: ts.Node): boolean {
  // The modifiers as written: getModifiers() works out flags and copies the list for every member.
  return ts.canHaveModifiers(member) && !!member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}
