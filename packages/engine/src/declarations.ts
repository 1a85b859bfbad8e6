import type * as ts from 'typescript';
import type { TS } from './finding';
import { identifierText } from './identifiers';
import { hasModifier } from './modifiers';

/**
 * Finds the declarations a name refers to. This is the only place where the engine's two modes
 * differ: without a checker, a name resolves to declarations in the same file (walking the
 * enclosing scopes); with a checker, through the checker's symbols, across files and imports.
 * Every check is written once on top of this.
 */
export type Lookup =
  | { readonly kind: 'found'; readonly declarations: readonly ts.Declaration[] }
  | {
      readonly kind: 'unresolved';
      readonly reason: string;
      /** True when only the missing type information stands in the way (an import, a qualified name). */
      readonly needsTypeInformation?: true;
    };

/** The names one file, block or module body declares at its own level. */
interface ScopeNames {
  readonly declarations: ReadonlyMap<string, readonly ts.Declaration[]>;
  /** Imported name → how it is imported (the first import). */
  readonly imports: ReadonlyMap<string, ImportedName>;
}

interface ImportedName {
  readonly moduleSpecifier: ts.Expression;
  /** How the reason words it: 'imported from', 'the default import of', 'a namespace import of'. */
  readonly how: string;
}

export class DeclarationFinder {
  /** Indexed on first lookup: most names a check follows are looked up in the same few scopes. */
  private readonly scopeNames = new Map<ts.Node, ScopeNames>();

  constructor(
    private readonly ts: TS,
    private readonly checker: ts.TypeChecker | undefined,
  ) {}

  /** Declarations for an identifier or qualified name used as a value or a type. */
  find(name: ts.EntityName | ts.Expression): Lookup {
    const { ts } = this;
    if (this.checker) return this.findWithChecker(name, this.checker);
    if (ts.isIdentifier(name)) return this.findInFile(name);
    const inNamespace = ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name) ? this.findInNamespace(name) : undefined;
    return inNamespace ?? { kind: 'unresolved', reason: `'${name.getText()}' is a qualified name, which needs type information`, needsTypeInformation: true };
  }

  /**
   * `Scopes.Capsule`, `A.B.C` with the namespaces declared in this file (`namespace`, `module`,
   * `declare namespace`, merged declarations): the exported members of every declaration of the
   * namespace. Undefined when the left side is not such a namespace.
   */
  private findInNamespace(name: ts.QualifiedName | ts.PropertyAccessExpression): Lookup | undefined {
    const { ts } = this;
    const [left, right] = ts.isQualifiedName(name) ? [name.left, name.right] : [name.expression, name.name];
    if (!ts.isIdentifier(right)) return undefined;
    const container = ts.isIdentifier(left) || ts.isQualifiedName(left) || ts.isPropertyAccessExpression(left) ? this.find(left) : undefined;
    const namespaces = container?.kind === 'found' ? container.declarations.filter(ts.isModuleDeclaration) : [];
    if (namespaces.length === 0) return undefined;
    const wanted = identifierText(right);
    const members: ts.Declaration[] = [];
    for (const namespace of namespaces) {
      const body = namespace.body;
      // `namespace A.B { … }`: B is A's body, exported implicitly.
      if (body && ts.isModuleDeclaration(body)) {
        if (ts.isIdentifier(body.name) && identifierText(body.name) === wanted) members.push(body);
      } else if (body && ts.isModuleBlock(body)) {
        const declared = this.namesDeclaredIn(body, body.statements).declarations.get(wanted) ?? [];
        members.push(...declared.filter((d) => isVisibleOutside(ts, d, namespace)));
      }
    }
    return members.length > 0
      ? { kind: 'found', declarations: members }
      : { kind: 'unresolved', reason: `namespace '${left.getText()}' in this file exports no '${wanted}'` };
  }

  private findWithChecker(name: ts.Node, checker: ts.TypeChecker): Lookup {
    const { ts } = this;
    const target = ts.isQualifiedName(name) ? name.right : ts.isPropertyAccessExpression(name) ? name.name : name;
    // In `{ pk }` the name's own symbol is the object's property; the value is the variable.
    let symbol = ts.isShorthandPropertyAssignment(target.parent)
      ? checker.getShorthandAssignmentValueSymbol(target.parent)
      : checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return { kind: 'unresolved', reason: `'${name.getText()}' cannot be resolved` };
    return { kind: 'found', declarations };
  }

  private findInFile(name: ts.Identifier): Lookup {
    const { ts } = this;
    const wanted = identifierText(name);
    for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
      const statements = statementsOf(ts, scope);
      if (!statements) {
        const parameter = ts.isFunctionLike(scope) ? scope.parameters.find((p) => boundDeclaration(ts, p, wanted)) : undefined;
        if (parameter) return { kind: 'found', declarations: [parameter] };
        continue;
      }
      const names = this.namesDeclaredIn(scope, statements);
      const imported = names.imports.get(wanted);
      if (imported) return importedFrom(imported, wanted);
      const found = names.declarations.get(wanted);
      if (found) return { kind: 'found', declarations: found };
    }
    return { kind: 'unresolved', reason: `'${wanted}' is not declared in this file` };
  }

  private namesDeclaredIn(scope: ts.Node, statements: readonly ts.Statement[]): ScopeNames {
    let names = this.scopeNames.get(scope);
    if (!names) this.scopeNames.set(scope, (names = namesDeclaredBy(this.ts, statements)));
    return names;
  }
}

/** A namespace member is reachable as `NS.member` when exported, or when the namespace is ambient (`declare namespace`). */
function isVisibleOutside(ts: TS, declaration: ts.Declaration, namespace: ts.ModuleDeclaration): boolean {
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword) || isAmbient(ts, namespace);
}

function isAmbient(ts: TS, node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.canHaveModifiers(current) && current.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return node.getSourceFile().isDeclarationFile;
}

function importedFrom({ moduleSpecifier, how }: ImportedName, wanted: string): Lookup {
  const module = (moduleSpecifier as Partial<ts.StringLiteral>).text ?? moduleSpecifier.getText();
  return {
    kind: 'unresolved',
    reason: `'${wanted}' is ${how} '${module}', and resolving it across files needs type information`,
    needsTypeInformation: true,
  };
}

function namesDeclaredBy(ts: TS, statements: readonly ts.Statement[]): ScopeNames {
  const declarations = new Map<string, ts.Declaration[]>();
  const imports = new Map<string, ImportedName>();
  const declare = (name: string, declaration: ts.Declaration) => {
    const existing = declarations.get(name);
    if (existing) existing.push(declaration);
    else declarations.set(name, [declaration]);
  };
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement)) {
      for (const [name, how] of importedNames(ts, statement)) {
        if (!imports.has(name)) imports.set(name, { moduleSpecifier: statement.moduleSpecifier, how });
      }
    } else {
      for (const declaration of declaredBy(ts, statement)) forEachBoundName(ts, declaration, declare);
    }
  }
  return { declarations, imports };
}

/** Calls `bind` with every name a declaration binds, destructured ones included. */
function forEachBoundName(ts: TS, declaration: NamedDeclaration, bind: (name: string, declaration: ts.Declaration) => void): void {
  const name = declaration.name;
  if (!name) return;
  if (ts.isIdentifier(name)) bind(identifierText(name), declaration);
  else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    for (const element of name.elements) if (ts.isBindingElement(element)) forEachBoundName(ts, element, bind);
  }
}

/**
 * True when `identifier` refers to a declaration inside a function, block or module body rather
 * than to a file-level import of the same name (e.g. a local `const entity = …`).
 */
export function isShadowedLocally(ts: TS, identifier: ts.Identifier): boolean {
  const wanted = identifierText(identifier);
  for (let scope: ts.Node | undefined = identifier.parent; scope && scope.kind !== ts.SyntaxKind.SourceFile; scope = scope.parent) {
    const statements = statementsOf(ts, scope);
    if (!statements) {
      if (ts.isFunctionLike(scope) && scope.parameters.some((p) => boundDeclaration(ts, p, wanted))) return true;
    } else if (statements.some((statement) => declaredBy(ts, statement).some((d) => boundDeclaration(ts, d, wanted)))) {
      return true;
    }
  }
  return false;
}

/** The declaration, or the destructured element within it, that binds `wanted`. */
function boundDeclaration(ts: TS, declaration: NamedDeclaration, wanted: string): ts.Declaration | undefined {
  let bound: ts.Declaration | undefined;
  forEachBoundName(ts, declaration, (name, binding) => {
    if (name === wanted) bound ??= binding;
  });
  return bound;
}

/**
 * The statements of a file, block or module body; undefined for any other node. Every name
 * looked up asks this of each node up to the file, so it reads the kind once instead of asking
 * three predicates.
 */
function statementsOf(ts: TS, node: ts.Node): readonly ts.Statement[] | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
      return (node as ts.SourceFile | ts.Block | ts.ModuleBlock).statements;
    default:
      return undefined;
  }
}

type NamedDeclaration = ts.Declaration & { readonly name?: ts.Node };

const NO_DECLARATIONS: readonly NamedDeclaration[] = Object.freeze([]);

function declaredBy(ts: TS, statement: ts.Statement): readonly NamedDeclaration[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations;
  if (
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  ) {
    return [statement];
  }
  return NO_DECLARATIONS;
}

/** Each name an import binds, with how the reason for an unresolved name words it. */
function importedNames(ts: TS, statement: ts.ImportDeclaration): [string, string][] {
  const clause = statement.importClause;
  if (!clause) return [];
  const bindings = clause.namedBindings;
  const names: [string, string][] =
    bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => [identifierText(e.name), 'imported from']) : [];
  if (bindings && ts.isNamespaceImport(bindings)) names.push([identifierText(bindings.name), 'a namespace import of']);
  if (clause.name) names.push([identifierText(clause.name), 'the default import of']);
  return names;
}
