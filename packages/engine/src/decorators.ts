import type * as ts from 'typescript';
import { isShadowedLocally } from './declarations';
import { DecoratorOrigins, renamedValue } from './decorator-origins';
import type { ModuleMatcher } from './decorator-modules';
import type { TS } from './finding';
import { identifierText } from './identifiers';
import { requireBindings, requiredModule } from './require-bindings';

/** The decorators the engine knows, by their exported names. */
export const DECORATOR_NAMES = ['entity', 'capsuleIsolated', 'platformScoped', 'apiEndpoint'] as const;
export type DecoratorName = (typeof DECORATOR_NAMES)[number];

/** Recognises the exported names a resolver looks for: ours by default, or a framework's. */
export type NameRecognizer<N extends string> = (exported: string) => N | undefined;

/** One use of one of our decorators: `@capsuleIsolated`, `@iso()`, `@cg.entity({...})`, `@(entity({...}))`. */
export interface DecoratorUse<N extends string = DecoratorName> {
  readonly name: N;
  readonly decorator: ts.Decorator;
  /** The call, when written as a call; undefined for the bare form. */
  readonly call: ts.CallExpression | undefined;
}

/**
 * Recognises our decorators by where they are imported from, never by bare name: a local
 * `entity` function or one from another library is not ours. Without type information it reads
 * this file's imports: named imports, aliases (`{ capsuleIsolated as iso }`), namespace imports
 * (`* as cg`), `import cg = require(...)` of one of our modules, and the CommonJS forms of each
 * (`const { Entity } = require('electrodb')`, `const electro = require('electrodb')`). With type
 * information it also follows any chain of imports and re-exports (a local barrel) through the checker.
 */
export class DecoratorResolver<N extends string = DecoratorName> {
  private readonly named = new Map<string, N>();
  private readonly namespaces = new Set<string>();
  private readonly origins: DecoratorOrigins<N> | undefined;
  /** The file's top-level consts that rename a value, read when a name is not imported. */
  private renames: ReadonlyMap<string, ts.Expression> | undefined;
  /** Names being followed through those consts: meeting one again is a cycle. */
  private readonly renaming = new Set<string>();

  /**
   * `names` picks the exports looked for; a framework's route checks pass its decorators and
   * modules. `typeOnly` also counts `import type` names, for exports used as types (`FastifyInstance`).
   */
  constructor(
    private readonly ts: TS,
    private readonly sourceFile: ts.SourceFile,
    private readonly modules: ModuleMatcher,
    checker: ts.TypeChecker | undefined,
    private readonly names: NameRecognizer<N> = asDecoratorName as NameRecognizer<string> as NameRecognizer<N>,
    private readonly typeOnly = false,
  ) {
    for (const statement of sourceFile.statements) this.collect(statement, modules, sourceFile.fileName);
    this.origins = checker ? new DecoratorOrigins(ts, checker, modules, names) : undefined;
  }

  /** False when no decorator of this file can be ours; then there is nothing to check. */
  get mayFindDecorators(): boolean {
    return this.origins !== undefined || this.importsDecorators;
  }

  /** True when the file's own imports bring in one of our decorators or modules. */
  get importsDecorators(): boolean {
    return this.named.size > 0 || this.namespaces.size > 0;
  }

  /** The decorator an imported local name is bound to, 'module' for a namespace of our module. */
  importedBinding(name: string): N | 'module' | undefined {
    return this.namespaces.has(name) ? 'module' : this.named.get(name);
  }

  /** Whether an expression is one of the modules as a whole: a namespace it is imported as, or `require('fastify')` written in place. */
  isWholeModule(expression: ts.Expression): boolean {
    const { ts } = this;
    const inner = skipWrappers(ts, expression);
    if (ts.isIdentifier(inner)) return this.importedBinding(inner.text) === 'module' && !isShadowedLocally(ts, inner);
    const required = requiredModule(ts, inner);
    return required !== undefined && this.modules.isOurSpecifier(required.text, this.sourceFile.fileName);
  }

  /** The decorators looked for on `node`; `onOther` is told of each of its other decorators. */
  decoratorsOf(node: ts.Node, onOther?: (decorator: ts.Decorator) => void): DecoratorUse<N>[] {
    const { ts } = this;
    if (!ts.canHaveDecorators(node)) return [];
    const uses: DecoratorUse<N>[] = [];
    for (const decorator of ts.getDecorators(node) ?? []) {
      // `@(entity({ … }))` and `@(capsuleIsolated)` are the same decorators as without parentheses.
      const expression = skipWrappers(ts, decorator.expression);
      const call = ts.isCallExpression(expression) ? expression : undefined;
      const name = this.nameOf(call ? skipWrappers(ts, call.expression) : expression);
      if (name) uses.push({ name, decorator, call });
      else onOther?.(decorator);
    }
    return uses;
  }

  /**
   * How this file can write one of our decorators (`capsuleIsolated`, `iso`, `cg.capsuleIsolated`),
   * for suggestions that add one; undefined when nothing imported reaches it.
   */
  accessTo(name: N): string | undefined {
    for (const [local, imported] of this.named) if (imported === name) return local;
    const [namespace] = this.namespaces;
    return namespace === undefined ? undefined : `${namespace}.${name}`;
  }

  /** The export `callee` (an identifier or `namespace.member`) is bound to, when it is one looked for. */
  nameOf(callee: ts.Expression): N | undefined {
    // The file's own imports answer most uses without asking the checker anything.
    return this.nameFromImports(callee) ?? this.origins?.decoratorName(callee);
  }

  private nameFromImports(callee: ts.Expression): N | undefined {
    const { ts } = this;
    if (ts.isIdentifier(callee)) return isShadowedLocally(ts, callee) ? undefined : this.importedOrRenamed(identifierText(callee));
    if (ts.isPropertyAccessExpression(callee)) {
      const namespace = skipWrappers(ts, callee.expression);
      if (ts.isIdentifier(namespace) && this.namespaces.has(namespace.text) && !isShadowedLocally(ts, namespace)) {
        return this.names(callee.name.text);
      }
    }
    return undefined;
  }

  /** An imported name, or a const of the file that renames one (`const Model = Entity`), followed once each. */
  private importedOrRenamed(name: string): N | undefined {
    const imported = this.named.get(name);
    if (imported !== undefined || this.renaming.has(name)) return imported;
    const renamed = (this.renames ??= fileRenames(this.ts, this.sourceFile)).get(name);
    if (!renamed) return undefined;
    this.renaming.add(name);
    try {
      return this.nameFromImports(renamed);
    } finally {
      this.renaming.delete(name);
    }
  }

  private collect(statement: ts.Statement, modules: ModuleMatcher, fileName: string): void {
    const { ts } = this;
    for (const { local, exported, specifier } of requireBindings(ts, statement)) {
      if (!modules.isOurSpecifier(specifier.text, fileName)) continue;
      if (exported === undefined) {
        this.namespaces.add(local.text);
        continue;
      }
      const name = this.names(exported);
      if (name) this.named.set(local.text, name);
    }
    if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (
        !statement.isTypeOnly &&
        ts.isExternalModuleReference(reference) &&
        ts.isStringLiteral(reference.expression) &&
        modules.isOurSpecifier(reference.expression.text, fileName)
      ) {
        this.namespaces.add(statement.name.text);
      }
      return;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return;
    if (!modules.isOurSpecifier(statement.moduleSpecifier.text, fileName)) return;
    const clause = statement.importClause;
    if (!clause || (clause.isTypeOnly && !this.typeOnly)) return;
    // With esModuleInterop a default import of the CommonJS package is the whole module.
    if (clause.name) this.namespaces.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) {
      this.namespaces.add(bindings.name.text);
      return;
    }
    for (const element of bindings.elements) {
      if (element.isTypeOnly && !this.typeOnly) continue;
      const name = this.names((element.propertyName ?? element.name).text);
      if (name) this.named.set(element.name.text, name);
    }
  }
}

/** The top-level consts of a file that only rename a value (`const Model = Entity`), by name. */
function fileRenames(ts: TS, sourceFile: ts.SourceFile): ReadonlyMap<string, ts.Expression> {
  const renames = new Map<string, ts.Expression>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const renamed = renamedValue(ts, declaration);
      if (renamed && ts.isIdentifier(declaration.name)) renames.set(identifierText(declaration.name), renamed);
    }
  }
  return renames;
}

/**
 * The expression inside parentheses, `!`, `as`, `satisfies` and `<T>` assertions: none of them
 * changes which function runs, so `@(entity as any)({ … })` is still our decorator.
 */
export function skipWrappers(ts: TS, expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (
    ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner) || ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) || ts.isTypeAssertionExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

export function asDecoratorName(text: string): DecoratorName | undefined {
  return (DECORATOR_NAMES as readonly string[]).includes(text) ? (text as DecoratorName) : undefined;
}
