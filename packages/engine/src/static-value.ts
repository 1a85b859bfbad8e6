import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import type { TS } from './finding';
import { literalPropertyName } from './identifiers';
import { constAssertionIn, DeclaredMutability, isJavaScript, ELEMENTS, IMMUTABLE, mutableValue, type Mutability } from './mutability';

/**
 * Static evaluation of the few expression forms a key template, route path or parameter list may
 * take: literals, no-substitution templates, `const` identifiers, `+` and `${}` concatenation,
 * `as const` / `satisfies` wrappers, enum members and properties of objects that cannot change.
 * Anything else is `unknown` with a reason: callers report it (fail closed), never pass it.
 */
export type Static<T> = { readonly ok: true; readonly value: T } | Unknown;

/**
 * A value that could not be read. `cause` singles out the two reasons a user fixes differently
 * from "write a literal": a value that can change (`as const` fixes it) and a name defined in
 * another module while there is no type information (linting with it fixes it).
 */
export interface Unknown {
  readonly ok: false;
  readonly reason: string;
  readonly cause?: UnreadableCause;
}

/** Named as the message ids the rules report them with. */
export type UnreadableCause = 'mutableValue' | 'needsTypeInformation';

/** A list element together with the node it was written at. */
export interface StaticElement {
  readonly value: string;
  readonly node: ts.Node;
  /** Where it entered the evaluated list: the element itself, or the spread that brought it. */
  readonly entry: ts.Node;
}

/** A property of a statically known object. */
export interface StaticProperty {
  readonly value: ts.Expression;
  /** Where it entered the evaluated object: its own value, or the spread that brought it. */
  readonly entry: ts.Node;
  /** Why the property can be reassigned, so that reading it fails; undefined when it cannot. */
  readonly writable: string | undefined;
  /** Which parts of the value can change, for reading its own properties or elements. */
  readonly mutability: Mutability;
}

/** An expression to evaluate, or a property found by `properties` (whose mutability is known). */
export type StaticInput = ts.Expression | StaticProperty;

/** Consts defined through consts: deep enough for any real key, shallow enough for the call stack. */
const MAX_REFERENCE_DEPTH = 100;

const notStatic = (reason: string, cause?: UnreadableCause): Unknown => (cause ? { ok: false, reason, cause } : { ok: false, reason });
const staticValue = <T>(value: T): Static<T> => ({ ok: true, value });

/** What a reference stands for: the expression and whether its contents can change. */
interface Referenced {
  readonly expression: ts.Expression;
  readonly mutability: Mutability;
}

export class StaticEvaluator {
  /** Declarations being evaluated, so `const a = b; const b = a;` ends instead of recursing. */
  private readonly inProgress = new Set<ts.Node>();
  private readonly declared: DeclaredMutability;

  constructor(
    private readonly ts: TS,
    private readonly finder: DeclarationFinder,
    private readonly checker: ts.TypeChecker | undefined,
  ) {
    this.declared = new DeclaredMutability(ts, finder);
  }

  string(input: StaticInput): Static<string> {
    const start = this.start(input);
    if (!start.ok) return start;
    const expression = start.value.expression;
    const value = this.primitive(expression);
    if (!value.ok) return value;
    return typeof value.value === 'string'
      ? staticValue(value.value)
      : notStatic(`'${expression.getText()}' is a number, not a string`);
  }

  stringList(input: StaticInput): Static<readonly StaticElement[]> {
    const start = this.start(input);
    if (!start.ok) return start;
    return this.list(start.value.expression, start.value.mutability, undefined);
  }

  /** The properties of an object literal (spreads of static objects flattened), by name. */
  properties(input: StaticInput): Static<ReadonlyMap<string, StaticProperty>> {
    const start = this.start(input);
    if (!start.ok) return start;
    return this.object(start.value.expression, start.value.mutability, undefined);
  }

  /**
   * The string a member of a read object holds, with the property it is written in, when both are
   * statically known (`{ table: 'platform_data' }`); undefined otherwise, for optional settings.
   */
  stringMember(
    object: Static<ReadonlyMap<string, StaticProperty>> | undefined,
    name: string,
  ): { readonly value: string; readonly property: StaticProperty } | undefined {
    const property = object?.ok ? object.value.get(name) : undefined;
    const text = property ? this.string(property) : undefined;
    return property && text?.ok ? { value: text.value, property } : undefined;
  }

  /** An expression written in place is fresh; a property is read only if it cannot be reassigned. */
  private start(input: StaticInput): Static<Referenced> {
    if (!('entry' in input)) return staticValue({ expression: input, mutability: IMMUTABLE });
    if (input.writable) return notStatic(input.writable, 'mutableValue');
    return staticValue({ expression: input.value, mutability: input.mutability });
  }

  private list(expression: ts.Expression, outer: Mutability, entry: ts.Node | undefined): Static<StaticElement[]> {
    const { ts } = this;
    const { node, asConst } = this.unwrapValue(expression);
    const mutability = asConst ? IMMUTABLE : outer;
    if (ts.isArrayLiteralExpression(node)) {
      const changes = mutability.growable() ?? mutability.writable(ELEMENTS);
      if (changes) return notStatic(changes, 'mutableValue');
      const elements: StaticElement[] = [];
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.list(element.expression, mutability, entry ?? element);
          if (!spread.ok) return spread;
          elements.push(...spread.value);
          continue;
        }
        const value = this.string(element);
        if (!value.ok) return value;
        elements.push({ value: value.value, node: element, entry: entry ?? element });
      }
      return staticValue(elements);
    }
    const target = this.reference(node, mutability);
    if (target.ok) return this.guard(target.value.expression, () => this.list(target.value.expression, target.value.mutability, entry));
    return target.reason ? target : (this.frozen(node) ?? notStatic(`'${node.getText()}' is not an array literal`));
  }

  private object(expression: ts.Expression, outer: Mutability, entry: ts.Node | undefined): Static<Map<string, StaticProperty>> {
    const { ts } = this;
    const { node, asConst } = this.unwrapValue(expression);
    const mutability = asConst ? IMMUTABLE : outer;
    if (!ts.isObjectLiteralExpression(node)) {
      const target = this.reference(node, mutability);
      if (target.ok) return this.guard(target.value.expression, () => this.object(target.value.expression, target.value.mutability, entry));
      return target.reason ? target : (this.frozen(node) ?? notStatic(`'${node.getText()}' is not an object literal`));
    }
    const grows = mutability.growable();
    if (grows) return notStatic(grows, 'mutableValue');
    const result = new Map<string, StaticProperty>();
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.object(property.expression, mutability, entry ?? property);
        if (!spread.ok) return spread;
        // The spread copies the properties into this object, so this object decides whether they
        // can be reassigned; their values are still the objects the source holds.
        for (const [name, value] of spread.value) result.set(name, { ...value, writable: value.writable ?? mutability.writable(name) });
        continue;
      }
      const name = this.propertyName(property.name);
      if (!name.ok) return name;
      const value = ts.isPropertyAssignment(property)
        ? property.initializer
        : ts.isShorthandPropertyAssignment(property)
          ? property.name
          : undefined;
      if (!value) return notStatic(`'${name.value}' is a method or accessor, not a value`);
      result.set(name.value, {
        value,
        entry: entry ?? value,
        writable: mutability.writable(name.value),
        mutability: mutability.member(name.value),
      });
    }
    return staticValue(result);
  }

  private primitive(expression: ts.Expression): Static<string | number> {
    const { ts } = this;
    const node = this.unwrap(expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return staticValue(node.text);
    if (ts.isNumericLiteral(node)) return staticValue(Number(node.text));
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const value = this.primitive(span.expression);
        if (!value.ok) return value;
        text += String(value.value) + span.literal.text;
      }
      return staticValue(text);
    }
    if (this.isConcatenation(node)) {
      // `a + b + c + …` nests to the left, one level per term: folded in a loop, not by recursion,
      // so a concatenation of any length TypeScript accepts is evaluated.
      const terms: ts.Expression[] = [];
      let left: ts.Expression = node;
      while (this.isConcatenation(left)) {
        terms.push(left.right);
        left = this.unwrap(left.left);
      }
      terms.push(left);
      let value: string | number | undefined;
      for (let i = terms.length - 1; i >= 0; i--) {
        const term = this.primitive(terms[i]);
        if (!term.ok) return term;
        value =
          value === undefined
            ? term.value
            : typeof value === 'number' && typeof term.value === 'number'
              ? value + term.value
              : String(value) + String(term.value);
      }
      return staticValue(value as string | number);
    }
    // A literal read in place (`({ pk: 'x' }).pk`) is fresh: nothing else can have changed it.
    const target = this.reference(node, IMMUTABLE);
    if (target.ok) return this.guard(target.value.expression, () => this.primitive(target.value.expression));
    if (target.reason) return target;
    if (this.checker && ts.isIdentifier(node)) {
      const declared = this.declaredLiteral(node, this.checker);
      if (declared) return declared;
    }
    return notStatic(`'${node.getText()}' is ${describe(ts, node)}`);
  }

  /**
   * What an identifier or property access stands for: a `const` declaration's initializer, a
   * default export, an enum member or a property of an object that cannot change. `{ ok: false,
   * reason: '' }` means the node is not a reference at all, so the caller can describe what it is.
   */
  private reference(node: ts.Expression, mutability: Mutability): Static<Referenced> {
    const { ts } = this;
    if (ts.isIdentifier(node)) return this.constInitializer(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = ts.isPropertyAccessExpression(node)
        ? staticValue(node.name.text)
        : this.string(node.argumentExpression);
      if (!key.ok) return key;
      const exported = ts.isPropertyAccessExpression(node) ? this.namespaceMember(node) : undefined;
      if (exported) return exported;
      const member = this.enumMember(node.expression, key.value);
      if (member) return member;
      const properties = this.object(node.expression, mutability, undefined);
      if (!properties.ok) return properties;
      const property = properties.value.get(key.value);
      if (!property) return notStatic(`'${node.expression.getText()}' has no property '${key.value}'`);
      if (property.writable) return notStatic(property.writable, 'mutableValue');
      return staticValue({ expression: property.value, mutability: property.mutability });
    }
    return notStatic('');
  }

  private constInitializer(name: ts.Identifier | ts.PropertyAccessExpression): Static<Referenced> {
    const { ts } = this;
    const lookup = this.finder.find(name);
    if (lookup.kind === 'unresolved') return notStatic(lookup.reason, lookup.needsTypeInformation ? 'needsTypeInformation' : undefined);
    // The name as written is needed only to explain a failure; getText() scans the source.
    const text = () => name.getText();
    const [first] = lookup.declarations;
    if (ts.isParameter(first)) return notStatic(`'${text()}' is a parameter, only known at run time`);
    if (ts.isBindingElement(first)) return notStatic(`'${text()}' comes from a destructuring pattern`);
    // `export default <expression>` binds the value once; an object there is still mutable.
    if (ts.isExportAssignment(first) && !first.isExportEquals) {
      return staticValue({ expression: first.expression, mutability: mutableValue(text, isJavaScript(ts, first)) });
    }
    const declaration = lookup.declarations.find((d) => ts.isVariableDeclaration(d));
    if (!declaration || !ts.isVariableDeclaration(declaration)) return notStatic(`'${text()}' is ${describeDeclaration(ts, first)}, not a const`);
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) {
      return notStatic(`'${text()}' is declared with let or var, so its value can change`);
    }
    if (!declaration.initializer) return notStatic('');
    const javaScript = isJavaScript(ts, declaration);
    return staticValue({ expression: declaration.initializer, mutability: this.declared.of(declaration.type, text, javaScript) });
  }

  /** `keys.PK` where `keys` is a namespace import: the checker resolves it to the exported const. */
  private namespaceMember(node: ts.PropertyAccessExpression): Static<Referenced> | undefined {
    const { ts, checker } = this;
    if (!checker || !ts.isIdentifier(node.expression)) return undefined;
    const symbol = checker.getSymbolAtLocation(node.expression);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return target && target.flags & ts.SymbolFlags.ValueModule ? this.constInitializer(node) : undefined;
  }

  /**
   * `Key.Pk` or `Key['Pk']` of an enum: enum members cannot be reassigned. The member is looked
   * for in every declaration of the enum (enums merge), by its name however it is written.
   */
  private enumMember(expression: ts.Expression, name: string): Static<Referenced> | undefined {
    const { ts } = this;
    if (!ts.isIdentifier(expression)) return undefined;
    const lookup = this.finder.find(expression);
    if (lookup.kind !== 'found') return undefined;
    const enums = lookup.declarations.filter((d): d is ts.EnumDeclaration => ts.isEnumDeclaration(d));
    if (enums.length === 0) return undefined;
    for (const declaration of enums) {
      const member = declaration.members.find((m) => literalPropertyName(ts, m.name) === name);
      if (!member) continue;
      if (member.initializer) return staticValue({ expression: member.initializer, mutability: IMMUTABLE });
      return notStatic(`enum member '${expression.text}.${name}' has no string initializer`);
    }
    return notStatic(`enum '${expression.text}' has no member '${name}'`);
  }

  /** `declare const PK: 'TENANT#{tenantId}'`: no initializer, but a literal type with the checker. */
  private declaredLiteral(identifier: ts.Identifier, checker: ts.TypeChecker): Static<string> | undefined {
    const type = checker.getTypeAtLocation(identifier);
    return type.isStringLiteral() ? staticValue(type.value) : undefined;
  }

  private propertyName(name: ts.PropertyName): Static<string> {
    const { ts } = this;
    const literal = literalPropertyName(ts, name);
    if (literal !== undefined) return staticValue(literal);
    if (ts.isComputedPropertyName(name)) return this.string(name.expression);
    return notStatic(`'${name.getText()}' is not a static property name`);
  }

  /** The expression inside parentheses, `as`, `satisfies`, `<T>` and `!`; every evaluation starts here. */
  private unwrap(expression: ts.Expression, oneLevel = false): ts.Expression {
    const { SyntaxKind } = this.ts;
    let node = expression;
    for (;;) {
      if (oneLevel && node !== expression) return node;
      switch (node.kind) {
        case SyntaxKind.ParenthesizedExpression:
        case SyntaxKind.AsExpression:
        case SyntaxKind.SatisfiesExpression:
        case SyntaxKind.TypeAssertionExpression:
        case SyntaxKind.NonNullExpression:
          node = (node as ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion | ts.NonNullExpression).expression;
          continue;
        default:
          return node;
      }
    }
  }

  /** `Object.freeze(…)` is shallow, so objects and arrays inside it can still change; `as const` is not. */
  private frozen(node: ts.Expression): Unknown | undefined {
    const { ts } = this;
    const callee = ts.isCallExpression(node) ? node.expression : undefined;
    if (!callee || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'freeze' || callee.expression.getText() !== 'Object') return undefined;
    const instead = constAssertionIn(isJavaScript(ts, node));
    return notStatic(`'Object.freeze' is shallow, so what it holds can still change; write the value ${instead} instead`, 'mutableValue');
  }

  /** `unwrap`, telling whether an `as const` (or `<const>`) was among the wrappers. */
  private unwrapValue(expression: ts.Expression): { node: ts.Expression; asConst: boolean } {
    const { ts } = this;
    let asConst = false;
    let node = expression;
    for (;;) {
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && ts.isConstTypeReference(node.type)) asConst = true;
      if (ts.isParenthesizedExpression(node) && isJavaScriptConstAssertion(ts, node)) asConst = true;
      const inner = this.unwrap(node, true);
      if (inner === node) return { node, asConst };
      node = inner;
    }
  }

  private isConcatenation(node: ts.Expression): node is ts.BinaryExpression {
    const { ts } = this;
    return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
  }

  private guard<T>(node: ts.Node, evaluate: () => Static<T>): Static<T> {
    if (this.inProgress.has(node)) return notStatic(`'${node.getText()}' refers to itself`);
    if (this.inProgress.size >= MAX_REFERENCE_DEPTH) {
      return notStatic(`it is defined through more than ${MAX_REFERENCE_DEPTH} nested consts or spreads`);
    }
    this.inProgress.add(node);
    try {
      return evaluate();
    } finally {
      this.inProgress.delete(node);
    }
  }
}

function describe(ts: TS, node: ts.Node): string {
  if (ts.isCallExpression(node)) return 'a function call, whose result is only known at run time';
  if (ts.isIdentifier(node)) return 'not a const with a static value';
  return 'not a literal, a const or a concatenation of those';
}

/** `exports.PK = '…'` of a CommonJS module, written to it or read from it. */
const COMMONJS_EXPORT = "a property of a CommonJS module's exports, which can be assigned again";

/** What a declaration that is not a const variable is, by kind, for a reason a user can act on. */
const DECLARATION_KINDS: readonly (readonly [keyof TS['SyntaxKind'], string])[] = [
  ['FunctionDeclaration', 'a function'],
  ['ClassDeclaration', 'a class'],
  ['EnumDeclaration', 'an enum (name one of its members)'],
  ['InterfaceDeclaration', 'a type, not a value'],
  ['TypeAliasDeclaration', 'a type, not a value'],
  ['TypeParameter', 'a type, not a value'],
  ['ModuleDeclaration', 'a namespace or module object'],
  ['SourceFile', 'a namespace or module object'],
  ['ImportClause', 'a default import whose module declares no value for it'],
  ['NamespaceImport', 'a namespace import (the whole module)'],
  ['ExportAssignment', "the module's 'export =' value"],
  ['PropertyDeclaration', 'a class member'],
  ['MethodDeclaration', 'a class member'],
  ['GetAccessor', 'a class member'],
  ['SetAccessor', 'a class member'],
  ['EnumMember', 'an enum member referred to by its bare name'],
  // `exports.PK = '…'` of a CommonJS module: any code holding the module can assign it again.
  ['BinaryExpression', COMMONJS_EXPORT],
  ['PropertyAccessExpression', COMMONJS_EXPORT],
];

function describeDeclaration(ts: TS, declaration: ts.Declaration): string {
  const entry = DECLARATION_KINDS.find(([kind]) => ts.SyntaxKind[kind] === declaration.kind);
  return entry ? entry[1] : 'a declaration of another kind';
}

/** `/** @type {const} *\/ ({ … })`: JavaScript's `as const`, a JSDoc cast of a parenthesized value. */
function isJavaScriptConstAssertion(ts: TS, node: ts.ParenthesizedExpression): boolean {
  const type = isJavaScript(ts, node) ? ts.getJSDocTypeTag(node)?.typeExpression.type : undefined;
  return type !== undefined && ts.isConstTypeReference(type);
}
