import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import type { TS } from './finding';
import { identifierText, literalPropertyName } from './identifiers';

/** An instance field of a class or a property of a type, as far as key templates care. */
export interface Field {
  readonly name: string;
  /** Why the field cannot carry an isolation key (e.g. "is optional"); undefined when it can. */
  readonly defect: string | undefined;
  readonly typeNode: ts.TypeNode | undefined;
  readonly declaration: ts.Node;
}

export type Fields =
  | {
      readonly ok: true;
      readonly fields: ReadonlyMap<string, Field>;
      /** Set when more fields may exist than are known (e.g. an unresolvable base class), and why. */
      readonly incomplete?: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Where a field name can be found on a class: every usable path, and why others were rejected. */
export interface KeyPaths {
  readonly usable: readonly (readonly string[])[];
  /** Why other candidates were rejected: set only when nothing usable was found and all could be resolved. */
  readonly rejected: readonly string[];
  /** Set when nothing usable was found and some part could not be resolved. */
  readonly unverifiable: string | undefined;
}

export type PathLookup =
  | { readonly kind: 'found'; readonly field: Field }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'unverifiable'; readonly reason: string };

const fail = (reason: string): Fields => ({ ok: false, reason });
const NO_FIELDS: Fields = { ok: true, fields: new Map() };
/** Alias chains followed without a checker; real code rarely nests aliases deeper. */
const MAX_ALIAS_DEPTH = 8;
/** Base classes and types followed through one another: deeper than any real hierarchy, shallow enough for the call stack. */
const MAX_DECLARATION_DEPTH = 100;

/** Global types that never carry entity fields; a name declared in the file shadows them. */
const BUILT_IN_LEAF_TYPES = new Set([
  'Date', 'RegExp', 'Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet',
  'Promise', 'Uint8Array', 'ArrayBuffer', 'Buffer', 'Function', 'Error', 'URL', 'BigInt',
]);

/** Global classes an entity may extend that contribute no key fields. */
const BUILT_IN_BASE_CLASSES = new Set(['Object', 'Error', 'Array', 'Map', 'Set', 'EventTarget']);

function isBuiltInLeafType(ts: TS, name: ts.Identifier, finder: DeclarationFinder, names = BUILT_IN_LEAF_TYPES): boolean {
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

export class FieldResolver {
  private readonly classCache = new Map<ts.Node, Fields>();
  private readonly keyPathCache = new Map<ts.Node, Map<string, KeyPaths>>();
  private readonly nestedCache = new Map<Field, Fields>();
  // Branded ids and string unions all resolve to String's members: one walk per type is enough.
  private readonly typeCache = new Map<ts.Type, Fields>();
  private readonly visiting = new Set<ts.Node>();

  constructor(
    private readonly ts: TS,
    private readonly finder: DeclarationFinder,
    private readonly checker: ts.TypeChecker | undefined,
  ) {}

  /** Instance fields of a class: own properties, parameter properties, accessors, inherited ones. */
  classFields(declaration: ts.ClassLikeDeclaration): Fields {
    const cached = this.classCache.get(declaration);
    if (cached) return cached;
    return this.following(declaration, () => `class '${declaration.name?.text ?? '(anonymous)'}' extends itself`, () => {
      const result = this.computeClassFields(declaration);
      this.classCache.set(declaration, result);
      return result;
    });
  }

  /**
   * Computes the fields of a declaration reached through base classes or type references, ending
   * a cycle or a chain too long for the call stack with a reason instead of recursing on.
   */
  private following(declaration: ts.Node, cycle: () => string, compute: () => Fields): Fields {
    if (this.visiting.has(declaration)) return fail(cycle());
    if (this.visiting.size >= MAX_DECLARATION_DEPTH) {
      return fail(`it is defined through more than ${MAX_DECLARATION_DEPTH} nested base classes or types`);
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
    if (!field.typeNode) {
      return this.checkerFields(field.declaration) ?? fail(`'${field.name}' has no type annotation`);
    }
    const syntactic = this.typeFields(field.typeNode);
    if (syntactic.ok) return syntactic;
    return this.checkerFields(field.typeNode) ?? syntactic;
  }

  /** Looks a placeholder path (`id`, `context.capsuleId`) up on a class. */
  lookupPath(declaration: ts.ClassLikeDeclaration, path: readonly string[]): PathLookup {
    const own = this.classFields(declaration);
    if (!own.ok) return { kind: 'unverifiable', reason: own.reason };
    const [head, nestedName] = path;
    const field = own.fields.get(head);
    if (!field) {
      return own.incomplete
        ? { kind: 'unverifiable', reason: `'${head}' is not declared in the class itself and ${own.incomplete}` }
        : { kind: 'missing', reason: `the class has no field '${head}'` };
    }
    if (nestedName === undefined) return { kind: 'found', field };
    const nested = this.nestedFields(field);
    if (!nested.ok) return { kind: 'unverifiable', reason: `the type of '${head}' cannot be resolved: ${nested.reason}` };
    const inner = nested.fields.get(nestedName);
    if (inner) return { kind: 'found', field: inner };
    return nested.incomplete
      ? { kind: 'unverifiable', reason: `the type of '${head}' cannot be fully resolved: ${nested.incomplete}` }
      : { kind: 'missing', reason: `the type of '${head}' has no field '${nestedName}'` };
  }

  /**
   * Whether `path` (`capsuleId`, `context.capsuleId`) is one of the usable paths `keyPaths` lists
   * for its last name. Only the field the path names is looked into, which is what makes the
   * common case (a template naming a usable field) cheap.
   */
  isUsableKeyPath(declaration: ts.ClassLikeDeclaration, path: readonly string[]): boolean {
    if (path.length === 0 || path.length > 2) return false;
    const own = this.classFields(declaration);
    if (!own.ok) return false;
    const field = own.fields.get(path[0]);
    if (!field) return false;
    return path.length === 1 ? !field.defect : this.isUsableThrough(field, path[1]);
  }

  /** Whether `keyPaths(declaration, name)` has a usable path, stopping at the first one found. */
  hasUsableKeyPath(declaration: ts.ClassLikeDeclaration, name: string): boolean {
    const own = this.classFields(declaration);
    if (!own.ok) return false;
    const top = own.fields.get(name);
    if (top && !top.defect) return true;
    for (const field of own.fields.values()) {
      if (this.isUsableThrough(field, name)) return true;
    }
    return false;
  }

  /** Whether `name`, one level down from `field` (`context.capsuleId`), is a usable key path. */
  private isUsableThrough(field: Field, name: string): boolean {
    if (field.name === name || !field.typeNode) return false;
    const nested = this.nestedFields(field);
    const inner = nested.ok ? nested.fields.get(name) : undefined;
    // Defects last: finding one follows a type, and most fields have no such member at all.
    return inner !== undefined && !inner.defect && !field.defect;
  }

  /** Every usable path to `name`: the field itself, or exactly one level down. */
  keyPaths(declaration: ts.ClassLikeDeclaration, name: string): KeyPaths {
    let perClass = this.keyPathCache.get(declaration);
    if (!perClass) this.keyPathCache.set(declaration, (perClass = new Map()));
    let paths = perClass.get(name);
    if (!paths) perClass.set(name, (paths = this.computeKeyPaths(declaration, name)));
    return paths;
  }

  private computeKeyPaths(declaration: ts.ClassLikeDeclaration, name: string): KeyPaths {
    const usable: string[][] = [];
    // Rejections only explain a missing path, and looking for a deeper one is costly, so it waits.
    const rejected: (string | (() => string | undefined))[] = [];
    // Only the first reason a part could not be resolved is shown.
    let unresolved: string | undefined;
    const own = this.classFields(declaration);
    if (!own.ok) return { usable, rejected: [], unverifiable: own.reason };
    const top = own.fields.get(name);
    if (top && !top.defect) usable.push([name]);
    else if (top) rejected.push(`'${name}' ${top.defect}`);
    else {
      const staticMember = this.staticMember(declaration, name);
      if (staticMember) rejected.push(`'${name}' is static`);
    }
    for (const field of own.fields.values()) {
      if (field.name === name || !field.typeNode) continue;
      const nested = this.nestedFields(field);
      if (!nested.ok) {
        unresolved ??= `the type of '${field.name}' cannot be checked (${nested.reason})`;
        continue;
      }
      const inner = nested.fields.get(name);
      if (this.isUsableThrough(field, name)) usable.push([field.name, name]);
      else if (inner) rejected.push(`'${field.name}.${name}' is unusable: ${field.defect ? `'${field.name}' ${field.defect}` : `'${name}' ${inner.defect}`}`);
      else {
        rejected.push(() => {
          const deeper = this.deeperPath(nested.fields, name);
          return deeper && `'${field.name}.${deeper}' is nested more than one level deep`;
        });
      }
    }
    if (usable.length > 0) return { usable, rejected: [], unverifiable: undefined };
    // An unverifiable path is reported as such; rejections explain only a path that is missing.
    const unverifiable = own.incomplete ?? unresolved;
    if (unverifiable !== undefined) return { usable, rejected: [], unverifiable };
    const reasons = rejected.map((r) => (typeof r === 'string' ? r : r())).filter((r): r is string => r !== undefined);
    return { usable, rejected: reasons, unverifiable };
  }

  private computeClassFields(declaration: ts.ClassLikeDeclaration): Fields {
    const { ts } = this;
    const fields = new Map<string, Field>();
    const base = this.baseClass(declaration);
    // The class's own fields are known even when its base class is not; only the rest is unverifiable.
    const incomplete = base && !base.ok ? base.reason : base?.incomplete;
    if (base?.ok) for (const [name, field] of base.fields) fields.set(name, field);
    for (const member of declaration.members) {
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (!ts.isParameterPropertyDeclaration(parameter, member) || !ts.isIdentifier(parameter.name)) continue;
          fields.set(parameter.name.text, this.field(parameter.name.text, parameter, parameter.type, !!parameter.questionToken));
        }
        continue;
      }
      const isProperty = ts.isPropertyDeclaration(member);
      if (!isProperty && !ts.isGetAccessorDeclaration(member)) continue;
      const name = member.name && literalPropertyName(ts, member.name);
      if (name === undefined || isStatic(ts, member)) continue;
      fields.set(name, this.field(name, member, member.type, isProperty && !!member.questionToken));
    }
    return { ok: true, fields, incomplete };
  }

  private baseClass(declaration: ts.ClassLikeDeclaration): Fields | undefined {
    const { ts } = this;
    const heritage = declaration.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return undefined;
    const expression = heritage.expression;
    const unresolvable = (why: string) => fail(`its base class '${expression.getText()}' ${why}`);
    if (ts.isIdentifier(expression) && isBuiltInLeafType(ts, expression, this.finder, BUILT_IN_BASE_CLASSES)) return NO_FIELDS;
    const lookup =
      ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) ? this.finder.find(expression) : undefined;
    const base = lookup?.kind === 'found'
      ? lookup.declarations.find((d): d is ts.ClassDeclaration => ts.isClassDeclaration(d) || ts.isClassExpression(d))
      : undefined;
    if (base) return this.classFields(base);
    // A mixin or a constructor-typed value: its instance type is still known to the checker.
    const viaChecker = this.checkerFields(heritage);
    if (viaChecker) return viaChecker;
    if (!lookup) return unresolvable('is computed at run time');
    return unresolvable(lookup.kind === 'unresolved' ? `cannot be resolved: ${lookup.reason}` : 'is not a class declaration');
  }

  private typeFields(node: ts.TypeNode): Fields {
    const { ts } = this;
    if (ts.isParenthesizedTypeNode(node)) return this.typeFields(node.type);
    if (ts.isTypeLiteralNode(node)) return { ok: true, fields: this.memberFields(node.members) };
    if (ts.isIntersectionTypeNode(node)) {
      const fields = new Map<string, Field>();
      for (const part of node.types) {
        const partFields = this.typeFields(part);
        if (!partFields.ok) return partFields;
        for (const [name, field] of partFields.fields) fields.set(name, field);
      }
      return { ok: true, fields };
    }
    if (ts.isUnionTypeNode(node)) {
      // `Ctx | undefined`: the field itself is flagged as possibly undefined; its members are Ctx's.
      const present = node.types.filter((t) => emptyTypeName(this.ts, t) === undefined);
      if (present.length === 1) return this.typeFields(present[0]);
    }
    if (ts.isTypeReferenceNode(node)) {
      if (ts.isIdentifier(node.typeName) && isBuiltInLeafType(ts, node.typeName, this.finder)) return NO_FIELDS;
      return this.referencedFields(node.typeName);
    }
    if (isLeafType(ts, node)) return NO_FIELDS;
    return fail(`'${node.getText()}' is not an interface, type literal or class`);
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
    return this.classCache.get(declaration) ?? this.computeClassFields(declaration);
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
    for (const [name, field] of this.memberFields(declaration.members)) fields.set(name, field);
    return { ok: true, fields };
  }

  private memberFields(members: ts.NodeArray<ts.TypeElement>): Map<string, Field> {
    const { ts } = this;
    const fields = new Map<string, Field>();
    for (const member of members) {
      if (!ts.isPropertySignature(member) && !ts.isGetAccessorDeclaration(member)) continue;
      const name = member.name && literalPropertyName(ts, member.name);
      if (name === undefined) continue;
      fields.set(name, this.field(name, member, member.type, !!member.questionToken));
    }
    return fields;
  }

  /** With type information, types we cannot read syntactically (mapped, generic) still resolve. */
  private checkerFields(node: ts.Node): Fields | undefined {
    const { ts, checker } = this;
    if (!checker) return undefined;
    const type = ts.isTypeNode(node) ? checker.getTypeFromTypeNode(node) : checker.getTypeAtLocation(node);
    const cached = this.typeCache.get(type);
    if (cached) return cached;
    const fields = new Map<string, Field>();
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0] ?? node;
      const typeNode = declaration && 'type' in declaration ? (declaration.type as ts.TypeNode | undefined) : undefined;
      const defect = () =>
        property.flags & ts.SymbolFlags.Optional ? 'is optional' : typeDefect(ts, checker.getTypeOfSymbol(property));
      fields.set(property.name, new LazyField(property.name, declaration, typeNode, defect));
    }
    const result: Fields = { ok: true, fields };
    this.typeCache.set(type, result);
    return result;
  }

  private field(name: string, declaration: ts.Node, typeNode: ts.TypeNode | undefined, optional: boolean): Field {
    return new LazyField(name, declaration, typeNode, () =>
      optional ? 'is optional' : typeNode ? this.typeNodeDefect(typeNode) : undefined,
    );
  }

  private typeNodeDefect(node: ts.TypeNode, depth = 0): string | undefined {
    const { ts, checker } = this;
    const syntactic = syntacticTypeDefect(ts, node);
    if (syntactic || !ts.isTypeReferenceNode(node)) return syntactic;
    if (checker) return typeDefect(ts, checker.getTypeFromTypeNode(node));
    // Without a checker, follow a type alias declared in this file (`type Nothing = undefined`).
    const lookup = this.finder.find(node.typeName);
    const alias = lookup.kind === 'found' ? lookup.declarations.find(ts.isTypeAliasDeclaration) : undefined;
    return alias && depth < MAX_ALIAS_DEPTH ? this.typeNodeDefect(alias.type, depth + 1) : undefined;
  }

  private staticMember(declaration: ts.ClassLikeDeclaration, name: string): boolean {
    const { ts } = this;
    return declaration.members.some(
      (m) => isStatic(ts, m) && m.name !== undefined && literalPropertyName(ts, m.name) === name,
    );
  }

  /** For a helpful message only: `meta.capsuleId` one level below a nested field. */
  private deeperPath(fields: ReadonlyMap<string, Field>, name: string): string | undefined {
    for (const field of fields.values()) {
      if (!field.typeNode) continue;
      const nested = this.typeFields(field.typeNode);
      if (nested.ok && nested.fields.has(name)) return `${field.name}.${name}`;
    }
    return undefined;
  }
}

/**
 * A field whose defect is worked out when first asked: most fields of a class are never a key
 * or a placeholder, and following their type (an alias, the checker) is the costly part. A class
 * rather than an object literal with a getter, which V8 builds and reads far more slowly.
 */
class LazyField implements Field {
  #findDefect: (() => string | undefined) | undefined;
  #defect: string | undefined;

  constructor(
    readonly name: string,
    readonly declaration: ts.Node,
    readonly typeNode: ts.TypeNode | undefined,
    findDefect: () => string | undefined,
  ) {
    this.#findDefect = findDefect;
  }

  get defect(): string | undefined {
    if (this.#findDefect) {
      this.#defect = this.#findDefect();
      this.#findDefect = undefined;
    }
    return this.#defect;
  }
}

/** The types that hold no key value, in the order a message names them. */
const EMPTY_TYPES = ['undefined', 'null', 'void', 'never'] as const;
type EmptyType = (typeof EMPTY_TYPES)[number];

/**
 * Why a type, given as the empty type of each of its union members (undefined for a member that
 * holds a value), cannot hold a key value. Written from the set of empty types, never from how a
 * type was spelt or printed, so the message reads the same with a checker and without one.
 */
function emptinessDefect(members: readonly (EmptyType | undefined)[]): string | undefined {
  const present = EMPTY_TYPES.filter((name) => members.includes(name));
  if (present.length === 0) return undefined;
  if (members.every(Boolean)) {
    // `undefined | never` is `undefined`: never adds nothing to a union.
    const shown = present.length > 1 ? present.filter((name) => name !== 'never') : present;
    return `is typed '${shown.join(' | ')}'`;
  }
  const maybe = present.find((name) => name !== 'never');
  return maybe ? `may be ${maybe}` : undefined;
}

function syntacticTypeDefect(ts: TS, node: ts.TypeNode): string | undefined {
  const members = ts.isUnionTypeNode(node) ? node.types : [node];
  return emptinessDefect(members.map((member) => emptyTypeName(ts, member)));
}

function emptyTypeName(ts: TS, node: ts.TypeNode): EmptyType | undefined {
  if (ts.isParenthesizedTypeNode(node)) return emptyTypeName(ts, node.type);
  if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) return 'null';
  if (node.kind === ts.SyntaxKind.UndefinedKeyword) return 'undefined';
  if (node.kind === ts.SyntaxKind.NeverKeyword) return 'never';
  if (node.kind === ts.SyntaxKind.VoidKeyword) return 'void';
  return undefined;
}

function typeDefect(ts: TS, type: ts.Type): string | undefined {
  const members = type.isUnion() ? type.types : [type];
  return emptinessDefect(members.map((member) => emptyTypeOf(ts, member)));
}

function emptyTypeOf(ts: TS, type: ts.Type): EmptyType | undefined {
  if (type.flags & ts.TypeFlags.Undefined) return 'undefined';
  if (type.flags & ts.TypeFlags.Null) return 'null';
  if (type.flags & ts.TypeFlags.Void) return 'void';
  if (type.flags & ts.TypeFlags.Never) return 'never';
  return undefined;
}

function isStatic(ts: TS, member: ts.Node): boolean {
  // The modifiers as written: getModifiers() works out flags and copies the list for every member.
  return ts.canHaveModifiers(member) && !!member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}
