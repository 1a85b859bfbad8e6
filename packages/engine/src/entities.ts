import type * as ts from 'typescript';
import type { CheckEnvironment } from './check';
import { DeclarationFinder } from './declarations';
import { decoratorModulesIn } from './decorator-modules';
import { DecoratorResolver, type DecoratorName, type DecoratorUse } from './decorators';
import { withDirectExports } from './direct-exports';
import type { TS } from './finding';
import { DEFAULT_OPTIONS } from './options';
import { StaticEvaluator } from './static-value';
import { forEachNodeContaining } from './walk';

/** What a tool outside the checks (the IAM policy) needs to know of one `@entity` class. */
export interface EntityMetadata {
  readonly className: string;
  readonly fileName: string;
  /** 'undeclared' when the class has neither scope decorator (a finding of isolation-scope-required). */
  readonly scope: 'capsuleIsolated' | 'platformScoped' | 'undeclared';
  /** The `table` option; undefined when absent or not statically known. */
  readonly table: string | undefined;
  /** The `pk` template; undefined when absent or not statically known. */
  readonly pk: string | undefined;
}

/**
 * The `@entity` classes of one file with their scope, table and partition key template, read the
 * way the checks read them (decorators by import, values statically). Invalid declarations are
 * the checks' business: here an unknown value is simply undefined.
 */
export function entityMetadata(
  ts: TS,
  sourceFile: ts.SourceFile,
  environment: CheckEnvironment = {},
): EntityMetadata[] {
  const direct = withDirectExports(ts);
  const modules = decoratorModulesIn(ts, environment.options ?? DEFAULT_OPTIONS, environment.projectDirectory);
  const decorators = new DecoratorResolver(direct, sourceFile, modules, environment.checker);
  if (!decorators.mayFindDecorators) return [];
  const evaluator = new StaticEvaluator(direct, new DeclarationFinder(direct, environment.checker), environment.checker);
  const entities: EntityMetadata[] = [];
  forEachNodeContaining(direct, sourceFile, '@', (node) => {
    if (!direct.isClassDeclaration(node) && !direct.isClassExpression(node)) return;
    const uses = decorators.decoratorsOf(node);
    const entity = uses.find((use) => use.name === 'entity');
    if (!entity) return;
    const options = entity.call?.arguments[0] ? evaluator.properties(entity.call.arguments[0]) : undefined;
    const read = (name: string): string | undefined => {
      const expression = options?.ok ? options.value.get(name) : undefined;
      const value = expression ? evaluator.string(expression) : undefined;
      return value?.ok ? value.value : undefined;
    };
    entities.push({
      className: node.name?.text ?? '(anonymous class)',
      fileName: sourceFile.fileName,
      scope: scopeOf(uses),
      table: read('table'),
      pk: read('pk'),
    });
  });
  return entities;
}

function scopeOf(uses: readonly DecoratorUse[]): EntityMetadata['scope'] {
  const has = (name: DecoratorName) => uses.some((use) => use.name === name);
  // Both decorators is an error of its own; for access it counts as isolated ("when in doubt: isolate it").
  if (has('capsuleIsolated')) return 'capsuleIsolated';
  return has('platformScoped') ? 'platformScoped' : 'undeclared';
}
