import type * as ts from 'typescript';
import type { ModuleMatcher } from './decorator-modules';
import { skipWrappers, type NameRecognizer } from './decorators';
import type { TS } from './finding';

/** Where a name used in a decorator comes from, as far as it matters to us. */
type Origin<N extends string> =
  | { readonly kind: 'decorator'; readonly name: N }
  /** A namespace of one of our modules (`import * as cg`, `export * as cg`). */
  | { readonly kind: 'our-module' }
  /** A namespace of some other module, whose members may still be ours (`import * as barrel`). */
  | { readonly kind: 'module'; readonly module: ts.Symbol };

/** An export of a module, by the name it is exported under. */
interface ModuleExport {
  readonly module: ts.Symbol;
  readonly name: string;
}

const OUR_MODULE = { kind: 'our-module' } as const;

const behindExportStar = new WeakMap<ts.TypeChecker, WeakMap<ModuleMatcher, Map<ts.Symbol, readonly ts.Symbol[]>>>();

/**
 * With type information, a decorator is ours when the name it is written with leads, through any
 * chain of imports and re-exports (aliases, `export { x } from`, `export *`, `export * as ns`,
 * default re-exports, `import x = require`), to an export of one of our modules. Every step is
 * the checker's own alias resolution; only `export *`, which TypeScript resolves without an
 * alias of its own, is followed through the modules' `export *` declarations.
 */
export class DecoratorOrigins<N extends string> {
  /** Consts being followed to the value they rename: meeting one again is a cycle. */
  private readonly renaming = new Set<ts.Declaration>();

  constructor(
    private readonly ts: TS,
    private readonly checker: ts.TypeChecker,
    private readonly modules: ModuleMatcher,
    private readonly names: NameRecognizer<N>,
  ) {}

  decoratorName(callee: ts.Expression): N | undefined {
    const origin = this.originOf(callee);
    return origin?.kind === 'decorator' ? origin.name : undefined;
  }

  private originOf(written: ts.Expression): Origin<N> | undefined {
    const { ts, checker } = this;
    const expression = skipWrappers(ts, written);
    if (ts.isIdentifier(expression)) return this.originOfSymbol(checker.getSymbolAtLocation(expression), []);
    if (!ts.isPropertyAccessExpression(expression) || !ts.isIdentifier(expression.name)) return undefined;
    const namespace = this.originOf(expression.expression);
    const member = expression.name.text;
    if (namespace?.kind === 'our-module') return this.decorator(member);
    const entry = namespace?.kind === 'module' ? [{ module: namespace.module, name: member }] : [];
    return this.originOfSymbol(checker.getSymbolAtLocation(expression.name), entry);
  }

  /** Follows the symbol's aliases one step at a time; `passed` collects the module exports they went through. */
  private originOfSymbol(symbol: ts.Symbol | undefined, passed: ModuleExport[]): Origin<N> | undefined {
    const { ts, checker } = this;
    const seen = new Set<ts.Symbol>();
    for (let current = symbol; current && !seen.has(current); current = checker.getImmediateAliasedSymbol(current)) {
      seen.add(current);
      if (!(current.flags & ts.SymbolFlags.Alias)) return this.originOfTarget(current, passed);
      const declaration = current.declarations?.[0];
      if (!declaration || ts.isTypeOnlyImportOrExportDeclaration(declaration)) return undefined;
      const specifier = moduleSpecifierOf(ts, declaration);
      if (!specifier) continue;
      const imported = importedName(ts, declaration);
      if (this.modules.isOurResolvedModule(specifier, checker)) {
        return ts.isImportSpecifier(declaration) || ts.isExportSpecifier(declaration) ? this.decorator(imported) : OUR_MODULE;
      }
      const module = checker.getSymbolAtLocation(specifier);
      if (module && imported !== undefined) passed.push({ module, name: imported });
    }
    return undefined;
  }

  /** The symbol every alias led to: a module, or a declaration that may be an export of ours. */
  private originOfTarget(target: ts.Symbol, passed: readonly ModuleExport[]): Origin<N> | undefined {
    const { ts } = this;
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    if (!declaration) return undefined;
    if (ts.isSourceFile(declaration)) {
      return this.modules.isOurFile(declaration.fileName) ? OUR_MODULE : { kind: 'module', module: target };
    }
    if (this.modules.isOurFile(declaration.getSourceFile().fileName)) return this.decorator(passed.at(-1)?.name ?? target.name);
    const reached = passed.find((entry) => this.exportStarReaches(entry.module, entry.name, target));
    if (reached) return this.decorator(reached.name);
    // `export const Model = Entity`: the const is the value it renames.
    const renamed = renamedValue(ts, declaration);
    if (!renamed || this.renaming.has(declaration)) return undefined;
    this.renaming.add(declaration);
    try {
      return this.originOf(renamed);
    } finally {
      this.renaming.delete(declaration);
    }
  }

  /** True when `module` exports `name` as `target` through `export * from` one of our modules. */
  private exportStarReaches(module: ts.Symbol, name: string, target: ts.Symbol): boolean {
    return this.ourModulesBehindExportStar(module).some((ours) => this.exportOf(ours, name) === target);
  }

  /**
   * Our modules that `module` re-exports through chains of `export *`. Kept per program and
   * options: a file that uses another library's decorators asks this of that library's modules
   * for each decorator, and their `export *` graphs can be large.
   */
  private ourModulesBehindExportStar(module: ts.Symbol): readonly ts.Symbol[] {
    const { ts, checker } = this;
    let byModule = behindExportStar.get(checker)?.get(this.modules);
    if (!byModule) {
      const byModules = behindExportStar.get(checker) ?? new WeakMap<ModuleMatcher, Map<ts.Symbol, readonly ts.Symbol[]>>();
      behindExportStar.set(checker, byModules);
      byModules.set(this.modules, (byModule = new Map<ts.Symbol, readonly ts.Symbol[]>()));
    }
    const known = byModule.get(module);
    if (known) return known;
    const found: ts.Symbol[] = [];
    const seen = new Set<ts.Symbol>([module]);
    const pending = [module];
    while (pending.length > 0) {
      for (const statement of moduleStatements(ts, pending.pop() as ts.Symbol)) {
        if (!ts.isExportDeclaration(statement) || statement.exportClause || statement.isTypeOnly) continue;
        const specifier = statement.moduleSpecifier;
        const next = specifier && ts.isStringLiteralLike(specifier) ? checker.getSymbolAtLocation(specifier) : undefined;
        if (!next || seen.has(next)) continue;
        seen.add(next);
        if (this.modules.isOurResolvedModule(specifier as ts.StringLiteralLike, checker)) found.push(next);
        else pending.push(next);
      }
    }
    byModule.set(module, found);
    return found;
  }

  private exportOf(module: ts.Symbol, name: string): ts.Symbol | undefined {
    const { ts, checker } = this;
    const exported = checker.tryGetMemberInModuleExports(name, module);
    return exported && exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  }

  private decorator(name: string | undefined): Origin<N> | undefined {
    const known = name === undefined ? undefined : this.names(name);
    return known ? { kind: 'decorator', name: known } : undefined;
  }
}

/**
 * The value a const declaration only renames (`Entity` of `export const Model = Entity`,
 * `db.Entity` of `const Model = db.Entity as typeof Entity`): through it a library's class or a
 * decorator reaches a module as surely as through an alias, though the checker resolves no alias.
 */
export function renamedValue(ts: TS, declaration: ts.Declaration): ts.Expression | undefined {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const value = skipWrappers(ts, declaration.initializer);
  return ts.isIdentifier(value) || (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.name)) ? value : undefined;
}

/** The module specifier of the import or export an alias is declared by; undefined for a local `export { x }`. */
export function moduleSpecifierOf(ts: TS, declaration: ts.Declaration): ts.StringLiteralLike | undefined {
  let specifier: ts.Node | undefined;
  if (ts.isImportEqualsDeclaration(declaration)) {
    if (ts.isExternalModuleReference(declaration.moduleReference)) specifier = declaration.moduleReference.expression;
  } else {
    const statement = ts.findAncestor(declaration, (node) => ts.isImportDeclaration(node) || ts.isExportDeclaration(node));
    specifier = statement?.moduleSpecifier;
  }
  return specifier && ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/** The name an import or re-export takes from its module; undefined when it takes the whole module. */
function importedName(ts: TS, declaration: ts.Declaration): string | undefined {
  if (ts.isImportSpecifier(declaration) || ts.isExportSpecifier(declaration)) return (declaration.propertyName ?? declaration.name).text;
  if (ts.isImportClause(declaration)) return 'default';
  return undefined;
}

/** The top-level statements of a module: a file, or an ambient `declare module '…' { }`. */
function moduleStatements(ts: TS, module: ts.Symbol): readonly ts.Statement[] {
  return (module.declarations ?? []).flatMap((declaration) => {
    if (ts.isSourceFile(declaration)) return [...declaration.statements];
    if (ts.isModuleDeclaration(declaration) && declaration.body && ts.isModuleBlock(declaration.body)) return [...declaration.body.statements];
    return [];
  });
}
