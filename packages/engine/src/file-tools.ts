import type * as ts from 'typescript';
import { DeclarationFinder } from './declarations';
import type { DecoratorModules } from './decorator-modules';
import { DecoratorResolver } from './decorators';
import { FieldResolver } from './fields';
import type { TS } from './finding';
import { StaticEvaluator } from './static-value';

/** What a file is read with; each caches what it resolves, so everything reading the file shares one of each. */
export interface FileTools {
  readonly finder: DeclarationFinder;
  readonly evaluator: StaticEvaluator;
  readonly fields: FieldResolver;
  /** Our decorators as this file imports them. */
  readonly ours: DecoratorResolver;
}

/** The tools of one file, built when first asked for. */
export function fileTools(ts: TS, sourceFile: ts.SourceFile, modules: DecoratorModules, checker: ts.TypeChecker | undefined): () => FileTools {
  let tools: FileTools | undefined;
  return () => {
    if (!tools) {
      const finder = new DeclarationFinder(ts, checker);
      tools = {
        finder,
        evaluator: new StaticEvaluator(ts, finder, checker),
        fields: new FieldResolver(ts, finder, checker),
        ours: new DecoratorResolver(ts, sourceFile, modules, checker),
      };
    }
    return tools;
  };
}
