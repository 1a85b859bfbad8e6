import type * as ts from 'typescript';
import { skipWrappers, type DecoratorUse } from '../decorators';
import { constInitializer, identifierFor, reportUnreadable, type RouteFile, type RouteReport } from './route-file';
import type { StaticInput, StaticProperty } from '../static-value';
import { addParameterFix, decorateFix, firstArgument, namedBinding, type ControllerFramework, type Handler, type SourceRead } from './controllers';
import { NESTJS, NEST_VERBS, type NestName } from './libraries';
import { typeKeys } from './type-keys';

type Source = 'Param' | 'Query' | 'HostParam';

/**
 * NestJS (`@nestjs/common`): `@Controller(path | paths | { path })` on the class, `@Get(path?)`
 * and the other verbs on handlers, `@Param('name')` / `@Param() params: T` and `@Query('key')` /
 * `@Query() dto: T` on parameters. Every other parameter decorator (`@Body`, `@Req`, one made with
 * `createParamDecorator`) sources its parameter; a parameter with none receives undefined.
 */
export const NESTJS_CONTROLLERS: ControllerFramework<NestName> = {
  library: NESTJS,
  syntax: 'express',
  controller: 'Controller',
  inheritsHandlers: true,

  // `@Controller(path | paths)`, or `@Controller({ path, host, version })`: the version is no part of the path's parameters.
  controllerPath: (file, call) => optionOrArgument(file, call, 'path'),
  controllerHost: (file, call) => (optionsObject(file, call?.arguments[0]) ? optionOrArgument(file, call, 'host') : undefined),

  route(file, use) {
    if ((NEST_VERBS as readonly string[]).includes(use.name)) return { verb: use.name.toUpperCase(), path: use.call?.arguments[0] };
    if (use.name !== 'RequestMapping') return undefined;
    // `@RequestMapping({ path, method: RequestMethod.POST })`; NestJS defaults to `/` and GET.
    const options = optionsObject(file, use.call?.arguments[0]);
    const method = options?.get('method')?.value;
    const verb = method && file.ts.isPropertyAccessExpression(skipWrappers(file.ts, method)) ? (skipWrappers(file.ts, method) as ts.PropertyAccessExpression).name.text : 'GET';
    return { verb, path: options ? options.get('path') : use.call?.arguments[0] };
  },

  readDecorator(file, handler, parameter, use, report) {
    if (use.name !== 'Param' && use.name !== 'Query' && use.name !== 'HostParam') return { source: 'other', bindings: [], complete: true };
    return readSource(file, handler, parameter, use as DecoratorUse<Source>, report);
  },

  terms(file, handler) {
    return {
      bindPathParameter: (name) => `Add a handler parameter @Param('${name}') ${identifierFor(name)}: string`,
      bindPathParameterFix: (name) => addParameterFix(file, handler, 'Param', name),
      notInPathHint: (binding) =>
        identifierFor(binding.name) === binding.name
          ? `If it comes from the query string, read it with @Query('${binding.name}'); otherwise add ':${binding.name}' to the path.`
          : `Path parameter names are identifiers: ':${binding.name}' is read as a shorter name followed by text. Name it ':${identifierFor(binding.name)}' and read it with @Param('${identifierFor(binding.name)}').`,
    };
  },

  unsourced(file, handler, parameter, name, inPath) {
    const source: Source = inPath ? 'Param' : 'Query';
    return {
      consequence: 'NestJS passes undefined for it at run time',
      edit: `@${source}('${name}')${inPath ? '' : ', @Body()'} or another parameter decorator`,
      fix: decorateFix(file, handler, parameter, source, `'${name}'`),
    };
  },
};

/** `@Param('id')`, `@Param('id', pipe)`: one binding. `@Param()`, `@Param(pipe)`: one per property of the parameter's type. */
function readSource(file: RouteFile, handler: Handler<NestName>, parameter: ts.ParameterDeclaration, use: DecoratorUse<Source>, report: RouteReport): SourceRead {
  const source = use.name === 'Param' ? 'path' : use.name === 'Query' ? 'query' : 'host';
  const argument = firstArgument(use);
  const subject = `the name in @${use.name}(${argument?.getText(file.sourceFile) ?? ''})`;
  if (argument && namesAKey(file, argument)) {
    const name = file.evaluator.string(argument);
    if (!name.ok) {
      reportUnreadable(report, name, handler.name, subject, argument);
      return { source, bindings: [], complete: false };
    }
    return { source, bindings: [namedBinding(file, name.value, `@${use.name}('${name.value}')`, argument, parameter)], complete: true };
  }
  const keys = typeKeys(file, parameter);
  const declared = `@${use.name}() ${parameter.name.getText(file.sourceFile)}${parameter.type ? `: ${parameter.type.getText(file.sourceFile)}` : ''}`;
  if (!keys.ok) {
    const fix = `Declare its type in this file with one property per ${source === 'query' ? 'query key' : `${source} parameter`}, or read each with @${use.name}('name').`;
    reportUnreadable(report, keys, handler.name, `the names that ${declared} reads`, parameter.name, fix);
    return { source, bindings: [], complete: false };
  }
  const bindings = keys.value.map((key) => ({ name: key, written: `'${key}' of ${declared}`, anchor: parameter.name, literal: undefined }));
  return { source, bindings, complete: true };
}

/**
 * Whether a decorator's first argument names a key (`'id'`, a const string) rather than being a
 * pipe (`ParseIntPipe`, `new ValidationPipe()`). With type information its type answers; without,
 * a pipe is a class or a `new` expression and a key anything else.
 */
function namesAKey(file: RouteFile, argument: ts.Expression): boolean {
  const { ts, checker } = file;
  const inner = skipWrappers(ts, argument);
  if (checker) return (checker.getTypeAtLocation(inner).flags & ts.TypeFlags.StringLike) !== 0;
  if (ts.isNewExpression(inner) || ts.isClassExpression(inner)) return false;
  if (!ts.isIdentifier(inner)) return true;
  const lookup = file.finder.find(inner);
  return !(lookup.kind === 'found' && lookup.declarations.some((d) => ts.isClassDeclaration(d)));
}

/** The properties of an options object written in place or held in a const (`@Controller({ path })`); undefined for anything else. */
function optionsObject(file: RouteFile, argument: ts.Expression | undefined): ReadonlyMap<string, StaticProperty> | undefined {
  if (!argument) return undefined;
  const { ts } = file;
  const written = skipWrappers(ts, argument);
  const object = ts.isObjectLiteralExpression(written) ? written : constInitializer(file, written);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const properties = file.evaluator.properties(argument);
  return properties.ok ? properties.value : undefined;
}

/** The `key` of an options-object argument, or the argument itself when it is no options object (a path or list of paths). */
function optionOrArgument(file: RouteFile, call: ts.CallExpression | undefined, key: string): StaticInput | undefined {
  const [argument] = call?.arguments ?? [];
  const options = optionsObject(file, argument);
  return options ? options.get(key) : argument;
}
