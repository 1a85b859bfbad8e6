import type * as ts from 'typescript';
import { suggestion } from '../edits';
import type { DecoratorUse } from '../decorators';
import type { Binding } from './route-model';
import { appendParameter, identifierFor, reportUnreadable, type RouteFile, type RouteReport } from './route-file';
import { firstArgument, isDecorated, namedBinding, type ControllerFramework, type Handler, type ParameterSources } from './controllers';
import { TSOA_VERBS, type TsoaName } from './libraries';
import { typeKeys } from './type-keys';

/**
 * tsoa: `@Route(path)` on the class, `@Get(path?)` and the other verbs on handlers; `@Path(name?)`
 * and `@Query(name?)` name a parameter (its own name by default), `@Queries() dto` reads the
 * query string into an object. Every other decorator (`@Body`, `@Request`, `@Header`, …) sources
 * its parameter. An undecorated parameter is one tsoa infers a source for: what the rule forbids.
 */
export const TSOA_CONTROLLERS: ControllerFramework<TsoaName> = {
  syntax: 'tsoa',
  controller: 'Route',
  verbs: TSOA_VERBS,

  controllerPath: (_, call) => call?.arguments[0],

  readParameter(file, handler, parameter, report) {
    const uses = handler.resolver.decoratorsOf(parameter);
    const read = uses.map((use) => readSource(file, handler, parameter, use, report));
    return {
      path: uses.flatMap((use, index) => (use.name === 'Path' ? read[index].bindings : [])),
      query: uses.flatMap((use, index) => (use.name === 'Query' || use.name === 'Queries' ? read[index].bindings : [])),
      complete: read.every((r) => r.complete),
      decorated: isDecorated(file, parameter),
    } satisfies ParameterSources;
  },

  terms(file, handler) {
    const access = handler.resolver.accessTo('Path');
    return {
      bindPathParameter: (name) => `Add a handler parameter @Path() ${identifierFor(name)}: string${identifierFor(name) === name ? '' : ` (or @Path('${name}'))`}`,
      bindPathParameterFix: (name) =>
        suggestion(`Add @Path('${name}') ${identifierFor(name)}: string`, [
          access ? appendParameter(file, handler.method, `@${access}('${name}') ${identifierFor(name)}: string`) : undefined,
        ]),
      notInPathHint: (binding) => `If it comes from the query string, use @Query('${binding.name}'); otherwise add '{${binding.name}}' to the path.`,
    };
  },

  unsourced(file, handler, parameter, name, inPath) {
    const source = inPath ? 'Path' : 'Query';
    const access = handler.resolver.accessTo(source);
    const at = parameter.getStart(file.sourceFile);
    return {
      consequence: `tsoa infers where it comes from (the path if the route has '{${name}}', else the query string)`,
      edit: `@${source}()${inPath ? '' : ', @Body()'} or another parameter decorator`,
      fix: suggestion(`Add @${source}()`, [access ? { start: at, end: at, text: `@${access}() ` } : undefined]),
    };
  },
};

interface SourceRead {
  readonly bindings: readonly Binding[];
  readonly complete: boolean;
}

function readSource(file: RouteFile, handler: Handler<TsoaName>, parameter: ts.ParameterDeclaration, use: DecoratorUse<TsoaName>, report: RouteReport): SourceRead {
  if (use.name === 'Queries') {
    const keys = typeKeys(file, parameter);
    const declared = `@Queries() ${parameter.name.getText(file.sourceFile)}`;
    if (!keys.ok) {
      reportUnreadable(report, keys, handler.name, `the keys that ${declared} reads`, parameter.name, 'Declare its type in this file, or read each key with @Query().');
      return { bindings: [], complete: false };
    }
    return { bindings: keys.value.map((key) => ({ name: key, written: `'${key}' of ${declared}`, anchor: parameter.name, literal: undefined })), complete: true };
  }
  if (use.name !== 'Path' && use.name !== 'Query') return { bindings: [], complete: true };
  const argument = firstArgument(use);
  if (!argument) {
    if (!file.ts.isIdentifier(parameter.name)) {
      report('unnamedParameter', { route: handler.name, method: handler.name }, parameter.name);
      return { bindings: [], complete: false };
    }
    const name = parameter.name.text;
    return { bindings: [namedBinding(file, name, `@${use.name}() ${name}`, undefined, parameter)], complete: true };
  }
  const name = file.evaluator.string(argument);
  if (!name.ok) {
    reportUnreadable(report, name, handler.name, `the name in @${use.name}(${argument.getText(file.sourceFile)})`, argument);
    return { bindings: [], complete: false };
  }
  return { bindings: [namedBinding(file, name.value, `@${use.name}('${name.value}')`, argument, parameter)], complete: true };
}
