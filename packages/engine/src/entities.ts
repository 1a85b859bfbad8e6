import type * as ts from 'typescript';
import { libraryEntityMetadata } from './adapters/library-metadata';
import { mayUseEntityLibrary } from './adapters/library-entities';
import type { LibraryEntity } from './adapters/library-entity';
import type { CheckEnvironment } from './check';
import { decoratorModulesIn } from './decorator-modules';
import type { DecoratorName, DecoratorUse } from './decorators';
import { withDirectExports } from './direct-exports';
import { fileTools } from './file-tools';
import type { TS } from './finding';
import { identifierRules } from './identifiers';
import { DEFAULT_OPTIONS } from './options';
import { literalPrefix, parseKeyTemplate } from './template';
import { forEachNodeContaining } from './walk';

/** What a tool outside the checks (the IAM policy) needs to know of one `@entity` class. */
export interface EntityMetadata {
  /** The class's name; for an entity declared with a modelling library, its name in that library's terms. */
  readonly className: string;
  /** The modelling library that declares it, if not our `@entity`. */
  readonly library?: LibraryEntity['library'];
  readonly fileName: string;
  /** 'undeclared' when the class has neither scope decorator (a finding of isolation-scope-required). */
  readonly scope: 'capsuleIsolated' | 'platformScoped' | 'undeclared';
  /** The `table` option; undefined when absent or not statically known. */
  readonly table: string | undefined;
  /** The `pk` template; undefined when absent or not statically known. */
  readonly pk: string | undefined;
  /** The text every partition key of the entity begins with (its key's text before the first placeholder); undefined when not known. */
  readonly keyPrefix: string | undefined;
  /** How its library writes a placeholder (`${name}`, `{{name}}`); absent for `@entity`, whose are `{name}`. */
  readonly placeholders?: { readonly open: string; readonly close: string };
}

/**
 * The `@entity` classes of one file with their scope, table and partition key template, read the
 * way the checks read them (decorators by import, values statically), and the entities it declares
 * with a modelling library. Invalid declarations are
 * the checks' business: here an unknown value is simply undefined.
 */
export function entityMetadata(
  ts: TS,
  sourceFile: ts.SourceFile,
  environment: CheckEnvironment = {},
): EntityMetadata[] {
  const direct = withDirectExports(ts);
  const options = environment.options ?? DEFAULT_OPTIONS;
  const modules = decoratorModulesIn(ts, options, environment.projectDirectory);
  const { checker } = environment;
  const { evaluator, fields, ours: decorators } = fileTools(direct, sourceFile, modules, checker)();
  const entities: EntityMetadata[] = [];
  if (mayUseEntityLibrary(sourceFile.text, checker !== undefined)) {
    entities.push(...libraryEntityMetadata({ ts: direct, sourceFile, options, evaluator, fields, checker, ours: decorators }));
  }
  if (!decorators.mayFindDecorators) return entities;
  forEachNodeContaining(direct, sourceFile, '@', (node) => {
    if (!direct.isClassDeclaration(node) && !direct.isClassExpression(node)) return;
    const uses = decorators.decoratorsOf(node);
    const entity = uses.find((use) => use.name === 'entity');
    if (!entity) return;
    const written = entity.call?.arguments[0] ? evaluator.properties(entity.call.arguments[0]) : undefined;
    const read = (name: string): string | undefined => evaluator.stringMember(written, name)?.value;
    const pk = read('pk');
    const parsed = pk === undefined ? undefined : parseKeyTemplate(pk, options.delimiter, identifierRules(direct, sourceFile.languageVersion));
    entities.push({
      className: node.name?.text ?? '(anonymous class)',
      fileName: sourceFile.fileName,
      scope: scopeOf(uses),
      table: read('table'),
      pk,
      keyPrefix: parsed?.ok ? literalPrefix(parsed.template, options.delimiter) : undefined,
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
