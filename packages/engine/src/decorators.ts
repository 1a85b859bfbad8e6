import type * as ts from 'typescript';
import { isShadowedLocally } from './declarations';
import type { TS } from './finding';
import { identifierText } from './identifiers';
import { CORE_MODULE } from './options';

/** The decorators the engine knows, by their exported names. */
export const DECORATOR_NAMES = ['entity', 'capsuleIsolated', 'platformScoped', 'apiEndpoint'] as const;
export type DecoratorName = (typeof DECORATOR_NAMES)[number];

/** One use of one of our decorators: `@capsuleIsolated`, `@iso()`, `@cg.entity({...})`. */
export interface DecoratorUse {
  readonly name: DecoratorName;
  readonly decorator: ts.Decorator;
  /** The call, when written as a call; undefined for the bare form. */
  readonly call: ts.CallExpression | undefined;
}

/**
 * Recognises our decorators by where they are imported from, never by bare name: a local
 * `entity` function or one from another library is not ours. Handles named imports, aliases
 * (`{ capsuleIsolated as iso }`), namespace imports (`* as cg`) and `import cg = require(...)`.
 */
export class DecoratorResolver {
  private readonly named = new Map<string, DecoratorName>();
  private readonly namespaces = new Set<string>();

  constructor(
    private readonly ts: TS,
    sourceFile: ts.SourceFile,
    extraModules: readonly string[],
  ) {
    for (const statement of sourceFile.statements) this.collect(statement, extraModules);
  }

  /** True when the file imports anything from a decorator module; otherwise there is nothing to check. */
  get importsDecorators(): boolean {
    return this.named.size > 0 || this.namespaces.size > 0;
  }

  decoratorsOf(node: ts.Node): DecoratorUse[] {
    const { ts } = this;
    if (!ts.canHaveDecorators(node)) return [];
    const uses: DecoratorUse[] = [];
    for (const decorator of ts.getDecorators(node) ?? []) {
      const expression = decorator.expression;
      const call = ts.isCallExpression(expression) ? expression : undefined;
      const name = this.nameOf(call ? call.expression : expression);
      if (name) uses.push({ name, decorator, call });
    }
    return uses;
  }

  private nameOf(callee: ts.Expression): DecoratorName | undefined {
    const { ts } = this;
    if (ts.isIdentifier(callee)) return isShadowedLocally(ts, callee) ? undefined : this.named.get(identifierText(callee));
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      this.namespaces.has(callee.expression.text) &&
      !isShadowedLocally(ts, callee.expression)
    ) {
      return asDecoratorName(callee.name.text);
    }
    return undefined;
  }

  private collect(statement: ts.Statement, extraModules: readonly string[]): void {
    const { ts } = this;
    if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (
        !statement.isTypeOnly &&
        ts.isExternalModuleReference(reference) &&
        ts.isStringLiteral(reference.expression) &&
        isDecoratorModule(reference.expression.text, extraModules)
      ) {
        this.namespaces.add(statement.name.text);
      }
      return;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return;
    if (!isDecoratorModule(statement.moduleSpecifier.text, extraModules)) return;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) return;
    // With esModuleInterop a default import of the CommonJS package is the whole module.
    if (clause.name) this.namespaces.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) {
      this.namespaces.add(bindings.name.text);
      return;
    }
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const name = asDecoratorName((element.propertyName ?? element.name).text);
      if (name) this.named.set(element.name.text, name);
    }
  }
}

/** Whether an import specifier names a module whose exports are our decorators. */
export function isDecoratorModule(specifier: string, extraModules: readonly string[]): boolean {
  return specifier === CORE_MODULE || extraModules.includes(specifier);
}

function asDecoratorName(text: string): DecoratorName | undefined {
  return (DECORATOR_NAMES as readonly string[]).includes(text) ? (text as DecoratorName) : undefined;
}
