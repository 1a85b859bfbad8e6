import type * as ts from 'typescript';
import type { DecoratorUse } from '../decorators';
import { identifierFor, reportUnreadable, type RouteFile, type RouteReport } from './route-file';
import { addParameterFix, decorateFix, firstArgument, namedBinding, type ControllerFramework, type Handler, type SourceRead } from './controllers';
import { TSOA, TSOA_VERBS, type TsoaName } from './libraries';
import { typeKeys } from './type-keys';

/**
 * tsoa: `@Route(path)` on the class, `@Get(path?)` and the other verbs on handlers; `@Path(name?)`
 * and `@Query(name?)` name a parameter (its own name by default), `@Queries() dto` reads the
 * query string into an object. Every other decorator (`@Body`, `@Request`, `@Header`, …) sources
 * its parameter. An undecorated parameter is one tsoa infers a source for: what the rule forbids.
 */
export const TSOA_CONTROLLERS: ControllerFramework<TsoaName> = {
  library: TSOA,
  syntax: 'tsoa',
  controller: 'Route',
  inheritsHandlers: false,

  controllerPath: (_, call) => call?.arguments[0],
  controllerHost: () => undefined,
  route: (_, use) => ((TSOA_VERBS as readonly string[]).includes(use.name) ? { verb: use.name.toUpperCase(), path: use.call?.arguments[0] } : undefined),

  readDecorator: (file, handler, parameter, use, report) => readSource(file, handler, parameter, use, report),

  terms(file, handler) {
    return {
      bindPathParameter: (name) => `Add a handler parameter @Path() ${identifierFor(name)}: string${identifierFor(name) === name ? '' : ` (or @Path('${name}'))`}`,
      bindPathParameterFix: (name) => addParameterFix(file, handler, 'Path', name),
      notInPathHint: (binding) => `If it comes from the query string, use @Query('${binding.name}'); otherwise add '{${binding.name}}' to the path.`,
    };
  },

  unsourced(file, handler, parameter, name, inPath) {
    const source = inPath ? 'Path' : 'Query';
    return {
      consequence: `tsoa infers where it comes from (the path if the route has '{${name}}', else the query string)`,
      edit: `@${source}()${inPath ? '' : ', @Body()'} or another parameter decorator`,
      fix: decorateFix(file, handler, parameter, source, ''),
    };
  },
};

function readSource(file: RouteFile, handler: Handler<TsoaName>, parameter: ts.ParameterDeclaration, use: DecoratorUse<TsoaName>, report: RouteReport): SourceRead {
  if (use.name === 'Queries') {
    const keys = typeKeys(file, parameter);
    const declared = `@Queries() ${parameter.name.getText(file.sourceFile)}`;
    if (!keys.ok) {
      reportUnreadable(report, keys, handler.name, `the keys that ${declared} reads`, parameter.name, 'Declare its type in this file, or read each key with @Query().');
      return { source: 'query', bindings: [], complete: false };
    }
    return { source: 'query', bindings: keys.value.map((key) => ({ name: key, written: `'${key}' of ${declared}`, anchor: parameter.name, literal: undefined })), complete: true };
  }
  if (use.name !== 'Path' && use.name !== 'Query') return { source: 'other', bindings: [], complete: true };
  const source = use.name === 'Path' ? 'path' : 'query';
  const argument = firstArgument(use);
  if (!argument) {
    if (!file.ts.isIdentifier(parameter.name)) {
      report('unnamedParameter', { route: handler.name, method: handler.name }, parameter.name);
      return { source, bindings: [], complete: false };
    }
    const name = parameter.name.text;
    return { source, bindings: [namedBinding(file, name, `@${use.name}() ${name}`, undefined, parameter)], complete: true };
  }
  const name = file.evaluator.string(argument);
  if (!name.ok) {
    reportUnreadable(report, name, handler.name, `the name in @${use.name}(${argument.getText(file.sourceFile)})`, argument);
    return { source, bindings: [], complete: false };
  }
  return { source, bindings: [namedBinding(file, name.value, `@${use.name}('${name.value}')`, argument, parameter)], complete: true };
}
