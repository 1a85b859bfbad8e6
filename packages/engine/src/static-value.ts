import type * as ts from 'typescript';
import type { DeclarationFinder } from './declarations';
import type { TS } from './finding';
import { literalPropertyName } from './identifiers';

/**
 * Static evaluation of the few expression forms a key template, route path or parameter list may
 * take: literals, no-substitution templates, `const` identifiers, `+` and `${}` concatenation,
 * `as const` / `satisfies` wrappers, enum members and properties of const object literals.
 * Anything else is `unknown` with a reason: callers report it (fail closed), never pass it.
 */
export type Static<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A list element together with the node it was written at. */
export interface StaticElement {
  readonly value: string;
  readonly node: ts.Node;
}

/** Consts defined through consts: deep enough for any real key, shallow enough for the call stack. */
const MAX_REFERENCE_DEPTH = 100;

const unknown = (reason: string): Static<never> => ({ ok: false, reason });
const known = <T>(value: T): Static<T> => ({ ok: true, value });

export class StaticEvaluator {
  /** Declarations being evaluated, so `const a = b; const b = a;` ends instead of recursing. */
  private readonly inProgress = new Set<ts.Node>();

  constructor(
    private readonly ts: TS,
    private readonly finder: DeclarationFinder,
    private readonly checker: ts.TypeChecker | undefined,
  ) {}

  string(expression: ts.Expression): Static<string> {
    const value = this.primitive(expression);
    if (!value.ok) return value;
    return typeof value.value === 'string'
      ? known(value.value)
      : unknown(`'${expression.getText()}' is a number, not a string`);
  }

  stringList(expression: ts.Expression): Static<readonly StaticElement[]> {
    const { ts } = this;
    const node = this.unwrap(expression);
    if (ts.isArrayLiteralExpression(node)) {
      const elements: StaticElement[] = [];
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.stringList(element.expression);
          if (!spread.ok) return spread;
          elements.push(...spread.value);
          continue;
        }
        const value = this.string(element);
        if (!value.ok) return value;
        elements.push({ value: value.value, node: element });
      }
      return known(elements);
    }
    const target = this.reference(node);
    if (target.ok) return this.guard(target.value, () => this.stringList(target.value));
    return target.reason ? target : unknown(`'${node.getText()}' is not an array literal`);
  }

  /** The properties of an object literal (spreads of static objects flattened), by name. */
  properties(expression: ts.Expression): Static<ReadonlyMap<string, ts.Expression>> {
    const { ts } = this;
    const node = this.unwrap(expression);
    if (!ts.isObjectLiteralExpression(node)) {
      const target = this.reference(node);
      if (target.ok) return this.guard(target.value, () => this.properties(target.value));
      return target.reason ? target : unknown(`'${node.getText()}' is not an object literal`);
    }
    const result = new Map<string, ts.Expression>();
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.properties(property.expression);
        if (!spread.ok) return spread;
        for (const [name, value] of spread.value) result.set(name, value);
        continue;
      }
      const name = this.propertyName(property.name);
      if (!name.ok) return name;
      if (ts.isPropertyAssignment(property)) result.set(name.value, property.initializer);
      else if (ts.isShorthandPropertyAssignment(property)) result.set(name.value, property.name);
      else return unknown(`'${name.value}' is a method or accessor, not a value`);
    }
    return known(result);
  }

  private primitive(expression: ts.Expression): Static<string | number> {
    const { ts } = this;
    const node = this.unwrap(expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return known(node.text);
    if (ts.isNumericLiteral(node)) return known(Number(node.text));
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const value = this.primitive(span.expression);
        if (!value.ok) return value;
        text += String(value.value) + span.literal.text;
      }
      return known(text);
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
      return known(value as string | number);
    }
    const target = this.reference(node);
    if (target.ok) return this.guard(target.value, () => this.primitive(target.value));
    if (target.reason) return target;
    if (this.checker && ts.isIdentifier(node)) {
      const declared = this.declaredLiteral(node, this.checker);
      if (declared) return declared;
    }
    return unknown(`'${node.getText()}' is ${describe(ts, node)}`);
  }

  /**
   * The initializer an identifier or property access stands for: a `const` declaration, an enum
   * member or a property of a const object literal. `{ ok: false, reason: '' }` means the node is
   * not a reference at all, so the caller can describe what it is instead.
   */
  private reference(node: ts.Expression): Static<ts.Expression> {
    const { ts } = this;
    if (ts.isIdentifier(node)) return this.constInitializer(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = ts.isPropertyAccessExpression(node)
        ? known(node.name.text)
        : this.string(node.argumentExpression);
      if (!key.ok) return key;
      const exported = ts.isPropertyAccessExpression(node) ? this.namespaceMember(node) : undefined;
      if (exported) return exported;
      const member = this.enumMember(node.expression, key.value);
      if (member) return member;
      const properties = this.properties(node.expression);
      if (!properties.ok) return properties;
      const value = properties.value.get(key.value);
      return value ? known(value) : unknown(`'${node.expression.getText()}' has no property '${key.value}'`);
    }
    return unknown('');
  }

  private constInitializer(name: ts.Identifier | ts.PropertyAccessExpression): Static<ts.Expression> {
    const { ts } = this;
    const lookup = this.finder.find(name);
    if (lookup.kind === 'unresolved') return unknown(lookup.reason);
    // The name as written is needed only to explain a failure; getText() scans the source.
    const text = () => name.getText();
    const [first] = lookup.declarations;
    if (ts.isParameter(first)) return unknown(`'${text()}' is a parameter, only known at run time`);
    if (ts.isBindingElement(first)) return unknown(`'${text()}' comes from a destructuring pattern`);
    const declaration = lookup.declarations.find((d) => ts.isVariableDeclaration(d));
    if (!declaration || !ts.isVariableDeclaration(declaration)) return unknown(`'${text()}' is not a const variable`);
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) {
      return unknown(`'${text()}' is declared with let or var, so its value can change`);
    }
    if (!declaration.initializer) return unknown('');
    return known(declaration.initializer);
  }

  /** `keys.PK` where `keys` is a namespace import: the checker resolves it to the exported const. */
  private namespaceMember(node: ts.PropertyAccessExpression): Static<ts.Expression> | undefined {
    const { ts, checker } = this;
    if (!checker || !ts.isIdentifier(node.expression)) return undefined;
    const symbol = checker.getSymbolAtLocation(node.expression);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return target && target.flags & ts.SymbolFlags.ValueModule ? this.constInitializer(node) : undefined;
  }

  private enumMember(expression: ts.Expression, name: string): Static<ts.Expression> | undefined {
    const { ts } = this;
    if (!ts.isIdentifier(expression)) return undefined;
    const lookup = this.finder.find(expression);
    if (lookup.kind !== 'found') return undefined;
    for (const declaration of lookup.declarations) {
      if (!ts.isEnumDeclaration(declaration)) continue;
      const member = declaration.members.find((m) => this.propertyName(m.name).ok && m.name.getText() === name);
      if (member?.initializer) return known(member.initializer);
      return unknown(`enum member '${expression.text}.${name}' has no string initializer`);
    }
    return undefined;
  }

  /** `declare const PK: 'TENANT#{tenantId}'`: no initializer, but a literal type with the checker. */
  private declaredLiteral(identifier: ts.Identifier, checker: ts.TypeChecker): Static<string> | undefined {
    const type = checker.getTypeAtLocation(identifier);
    return type.isStringLiteral() ? known(type.value) : undefined;
  }

  private propertyName(name: ts.PropertyName): Static<string> {
    const { ts } = this;
    const literal = literalPropertyName(ts, name);
    if (literal !== undefined) return known(literal);
    if (ts.isComputedPropertyName(name)) return this.string(name.expression);
    return unknown(`'${name.getText()}' is not a static property name`);
  }

  /** The expression inside parentheses, `as`, `satisfies`, `<T>` and `!`; every evaluation starts here. */
  private unwrap(expression: ts.Expression): ts.Expression {
    const { SyntaxKind } = this.ts;
    let node = expression;
    for (;;) {
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

  private isConcatenation(node: ts.Expression): node is ts.BinaryExpression {
    const { ts } = this;
    return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
  }

  private guard<T>(node: ts.Node, evaluate: () => Static<T>): Static<T> {
    if (this.inProgress.has(node)) return unknown(`'${node.getText()}' refers to itself`);
    if (this.inProgress.size >= MAX_REFERENCE_DEPTH) {
      return unknown(`it is defined through more than ${MAX_REFERENCE_DEPTH} nested consts or spreads`);
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
