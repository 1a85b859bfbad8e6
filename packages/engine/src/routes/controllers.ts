import type * as ts from 'typescript';
import type { DecoratorResolver, DecoratorUse } from '../decorators';
import { skipWrappers } from '../decorators';
import { suggestion } from '../edits';
import type { Suggestion } from '../finding';
import { compareRoute } from './compare-route';
import type { Binding, Bindings, RouteTerms, UrlPart } from './route-model';
import { appendParameter, identifierFor, joinUrl, readUrlParts, type PathSyntax, type RouteFile, type RouteReport } from './route-file';

/** What one parameter decorator reads: from the path, from the query string, or from elsewhere (a body, a header). */
export interface SourceRead {
  readonly source: 'path' | 'query' | 'other';
  readonly bindings: readonly Binding[];
  /** False when a binding could not be read (reported already). */
  readonly complete: boolean;
}

/** What one handler parameter reads, as its decorators say. */
interface ParameterSources {
  readonly path: readonly Binding[];
  readonly query: readonly Binding[];
  readonly complete: boolean;
  /** True when the parameter carries any decorator at all (a framework's, or a custom one). */
  readonly decorated: boolean;
}

/** A handler being read: its method, its name for messages and how the file writes the framework's names. */
export interface Handler<N extends string> {
  readonly method: ts.MethodDeclaration;
  /** `ContractsController.find`. */
  readonly name: string;
  readonly resolver: DecoratorResolver<N>;
}

/** What tells a decorator-based framework (NestJS, tsoa) apart from another. */
export interface ControllerFramework<N extends string> {
  readonly syntax: PathSyntax;
  /** The class decorator that gives the path prefix (`Controller`, `Route`). */
  readonly controller: N;
  readonly verbs: readonly N[];
  /** The path argument of the class decorator, if it has one. */
  controllerPath(file: RouteFile, call: ts.CallExpression | undefined): ts.Expression | undefined;
  /** What one of the framework's decorators on a handler parameter reads. */
  readDecorator(file: RouteFile, handler: Handler<N>, parameter: ts.ParameterDeclaration, use: DecoratorUse<N>, report: RouteReport): SourceRead;
  terms(file: RouteFile, handler: Handler<N>): RouteTerms;
  /** The finding about a parameter without a decorator: what happens to it, what to write, the fix. */
  unsourced(file: RouteFile, handler: Handler<N>, parameter: ts.ParameterDeclaration, name: string, inPath: boolean): { consequence: string; edit: string; fix: Suggestion[] };
}

/** Checks every route handler of a class declared with a decorator-based framework. */
export function checkController<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  resolver: DecoratorResolver<N>,
  declaration: ts.ClassLikeDeclaration,
  report: RouteReport,
): void {
  const { ts } = file;
  const className = declaration.name?.text ?? '(anonymous class)';
  const prefixes = controllerPrefixes(file, framework, frameworkDecorators(file, resolver, declaration), className, report);
  for (const member of declaration.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    const verbs = frameworkDecorators(file, resolver, member).filter((use) => framework.verbs.includes(use.name));
    if (verbs.length === 0) continue;
    const handler: Handler<N> = { method: member, name: `${className}.${member.name.getText(file.sourceFile)}`, resolver };
    checkHandler(file, framework, handler, verbs, prefixes, report);
  }
}

/** The framework's decorators on a class or method; none where every decorator written there is ours. */
function frameworkDecorators<N extends string>(file: RouteFile, resolver: DecoratorResolver<N>, node: ts.Node): DecoratorUse<N>[] {
  const written = file.ts.canHaveDecorators(node) ? (file.ts.getDecorators(node) ?? []) : [];
  if (written.length === 0 || file.ours.decoratorsOf(node).length === written.length) return [];
  return resolver.decoratorsOf(node);
}

/** The path prefixes of a class: one per path of its class decorator; none written is the empty prefix. */
function controllerPrefixes<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  uses: readonly DecoratorUse<N>[],
  className: string,
  report: RouteReport,
): (readonly UrlPart[])[] | undefined {
  const controller = uses.find((use) => use.name === framework.controller);
  const argument = controller && framework.controllerPath(file, controller.call);
  if (!controller || !argument) return [[]];
  const parts = readUrlParts(file, argument, controller.decorator, { route: className, subject: `the path of @${framework.controller}`, syntax: framework.syntax }, report);
  return parts?.map((part) => [part]);
}

function checkHandler<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  handler: Handler<N>,
  verbs: readonly DecoratorUse<N>[],
  prefixes: (readonly UrlPart[])[] | undefined,
  report: RouteReport,
): void {
  const parameters = handler.method.parameters.filter((p) => !(file.ts.isIdentifier(p.name) && p.name.text === 'this'));
  const sources = parameters.map((parameter) => readParameter(file, framework, handler, parameter, report));
  const path: Bindings = { bindings: sources.flatMap((s) => s.path), complete: sources.every((s) => s.complete) };
  const query: Bindings = { bindings: sources.flatMap((s) => s.query), complete: path.complete };
  const terms = framework.terms(file, handler);
  const placeholderNames = new Set<string>();
  for (const verb of verbs) {
    const [pathArgument] = verb.call?.arguments ?? [];
    const label = `${verb.name.toUpperCase()} ${handler.name}`;
    const suffixes = pathArgument ? readUrlParts(file, pathArgument, verb.decorator, { route: label, subject: `the path of @${verb.name}`, syntax: framework.syntax }, report) : [];
    if (!prefixes || !suffixes) continue;
    for (const prefix of prefixes) {
      for (const suffix of pathArgument ? suffixes.map((part) => [part]) : [[]]) {
        const url = [...prefix, ...suffix];
        for (const part of url) for (const placeholder of part.placeholders) placeholderNames.add(placeholder.name);
        compareRoute({ label: `${verb.name.toUpperCase()} ${joinUrl(url)}`, url, path, query, terms }, report);
      }
    }
  }
  parameters.forEach((parameter, index) => {
    if (sources[index].decorated) return;
    const name = file.ts.isIdentifier(parameter.name) ? parameter.name.text : parameter.name.getText(file.sourceFile);
    const { consequence, edit, fix } = framework.unsourced(file, handler, parameter, name, placeholderNames.has(name));
    report('unsourcedParameter', { method: handler.name, name, consequence, edit }, parameter.name, fix);
  });
}

function readParameter<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  handler: Handler<N>,
  parameter: ts.ParameterDeclaration,
  report: RouteReport,
): ParameterSources {
  const read = handler.resolver.decoratorsOf(parameter).map((use) => framework.readDecorator(file, handler, parameter, use, report));
  return {
    path: read.filter((r) => r.source === 'path').flatMap((r) => r.bindings),
    query: read.filter((r) => r.source === 'query').flatMap((r) => r.bindings),
    complete: read.every((r) => r.complete),
    decorated: (file.ts.getDecorators(parameter) ?? []).length > 0,
  };
}

/** A suggestion adding a handler parameter `@Decorator('name') name: string`, written as this file writes the decorator. */
export function addParameterFix<N extends string>(file: RouteFile, handler: Handler<N>, decorator: N, name: string): Suggestion[] {
  const access = handler.resolver.accessTo(decorator);
  const parameter = `('${name}') ${identifierFor(name)}: string`;
  return suggestion(`Add @${decorator}${parameter}`, [access ? appendParameter(file, handler.method, `@${access}${parameter}`) : undefined]);
}

/** A suggestion putting a decorator (`@Query('page') `) in front of an undecorated parameter. */
export function decorateFix<N extends string>(file: RouteFile, handler: Handler<N>, parameter: ts.ParameterDeclaration, decorator: N, argument: string): Suggestion[] {
  const access = handler.resolver.accessTo(decorator);
  const at = parameter.getStart(file.sourceFile);
  return suggestion(`Add @${decorator}(${argument})`, [access ? { start: at, end: at, text: `@${access}(${argument}) ` } : undefined]);
}

/** The first argument of a parameter decorator, if written. */
export function firstArgument(use: DecoratorUse<string>): ts.Expression | undefined {
  return use.call?.arguments[0];
}

/** A binding named by a string literal argument (`@Param('id')`), or by the parameter's own name. */
export function namedBinding(file: RouteFile, name: string, written: string, argument: ts.Expression | undefined, parameter: ts.ParameterDeclaration): Binding {
  const literal = argument && file.ts.isStringLiteralLike(skipWrappers(file.ts, argument)) ? (skipWrappers(file.ts, argument) as ts.StringLiteralLike) : undefined;
  return { name, written, anchor: argument ?? parameter.name, literal };
}
