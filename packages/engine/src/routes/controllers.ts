import type * as ts from 'typescript';
import { DecoratorResolver, skipWrappers, type DecoratorUse } from '../decorators';
import { suggestion } from '../edits';
import type { Suggestion } from '../finding';
import type { StaticInput } from '../static-value';
import { compareRoute, relocated } from './compare-route';
import type { Library } from './libraries';
import type { Binding, Bindings, DeclaredRoute, RouteTerms, UrlPart } from './route-model';
import { appendParameter, identifierFor, joinUrl, readUrlParts, reportUnreadable, type PathSyntax, type RouteFile, type RouteReport } from './route-file';

/** What one parameter decorator reads: from the path, the query string, the host (NestJS), or elsewhere (a body, a header). */
export interface SourceRead {
  readonly source: 'path' | 'query' | 'host' | 'other';
  readonly bindings: readonly Binding[];
  /** False when a binding could not be read (reported already). */
  readonly complete: boolean;
}

/** What one handler parameter reads, as its decorators say. */
interface ParameterSources {
  readonly path: readonly Binding[];
  readonly query: readonly Binding[];
  readonly host: readonly Binding[];
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
  readonly library: Library<N>;
  readonly syntax: PathSyntax;
  /** The class decorator that gives the path prefix (`Controller`, `Route`). */
  readonly controller: N;
  /**
   * Whether a controller serves the handlers it inherits (NestJS). A class without the controller
   * decorator is then a base whose handlers are served under the paths of the controllers that
   * extend it, and checked there for what those paths add.
   */
  readonly inheritsHandlers: boolean;
  /** The path argument of the class decorator, if it has one. */
  controllerPath(file: RouteFile, call: ts.CallExpression | undefined): StaticInput | undefined;
  /** The host the class decorator gives its routes (NestJS `@Controller({ host })`), if any. */
  controllerHost(file: RouteFile, call: ts.CallExpression | undefined): StaticInput | undefined;
  /** The verb and path a handler decorator declares (`@Get(':id')`); undefined for a decorator that declares no route. */
  route(file: RouteFile, use: DecoratorUse<N>): { readonly verb: string; readonly path: StaticInput | undefined } | undefined;
  /** What one of the framework's decorators on a handler parameter reads. */
  readDecorator(file: RouteFile, handler: Handler<N>, parameter: ts.ParameterDeclaration, use: DecoratorUse<N>, report: RouteReport): SourceRead;
  terms(file: RouteFile, handler: Handler<N>): RouteTerms;
  /** The finding about a parameter without a decorator: what happens to it, what to write, the fix. */
  unsourced(file: RouteFile, handler: Handler<N>, parameter: ts.ParameterDeclaration, name: string, inPath: boolean): { consequence: string; edit: string; fix: Suggestion[] };
}

/** What a controller class gives its handlers' routes. */
interface ControllerContext {
  readonly className: string;
  /** The path prefixes: one per path of the class decorator; undefined when they cannot be read (reported). */
  readonly prefixes: (readonly UrlPart[])[] | undefined;
  /** The hosts: none written is an empty list; undefined when they cannot be read (reported). */
  readonly hosts: readonly UrlPart[] | undefined;
  /** Set for a base class, whose handlers are checked without the paths its subclasses add. */
  readonly base: boolean;
}

/** Checks every route handler of a class declared with a decorator-based framework. */
export function checkController<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  resolver: DecoratorResolver<N>,
  declaration: ts.ClassLikeDeclaration,
  report: RouteReport,
): void {
  const className = declaration.name?.text ?? '(anonymous class)';
  const controller = frameworkDecorators(file, resolver, declaration).find((use) => use.name === framework.controller);
  const context: ControllerContext = {
    className,
    prefixes: controllerParts(file, framework, controller, 'path', className, report) ?? undefined,
    hosts: controllerParts(file, framework, controller, 'host', className, report)?.map(([host]) => host),
    base: !controller && framework.inheritsHandlers,
  };
  for (const { handler, verbs } of handlersOf(file, framework, resolver, declaration, className)) checkHandler(file, framework, handler, verbs, context, report);
  if (controller && framework.inheritsHandlers && context.prefixes) checkInherited(file, framework, declaration, controller, context.prefixes, className, report);
}

/** The methods of a class that carry one of the framework's route decorators. */
function handlersOf<N extends string>(file: RouteFile, framework: ControllerFramework<N>, resolver: DecoratorResolver<N>, declaration: ts.ClassLikeDeclaration, className: string) {
  const { ts } = file;
  return declaration.members.flatMap((member) => {
    if (!ts.isMethodDeclaration(member)) return [];
    const verbs = frameworkDecorators(file, resolver, member).filter((use) => framework.route(file, use) !== undefined);
    const handler: Handler<N> = { method: member, name: `${className}.${member.name.getText(file.sourceFile)}`, resolver };
    return verbs.length > 0 ? [{ handler, verbs }] : [];
  });
}

/** The framework's decorators on a class or method; none where every decorator written there is ours. */
function frameworkDecorators<N extends string>(file: RouteFile, resolver: DecoratorResolver<N>, node: ts.Node): DecoratorUse<N>[] {
  const written = file.ts.canHaveDecorators(node) ? (file.ts.getDecorators(node) ?? []) : [];
  if (written.length === 0 || file.ours.decoratorsOf(node).length === written.length) return [];
  return resolver.decoratorsOf(node);
}

/**
 * The path prefixes (or hosts) of a class: one list of parts per path of its class decorator;
 * none written is the empty prefix (no host). Undefined when they cannot be read (reported).
 */
function controllerParts<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  controller: DecoratorUse<N> | undefined,
  what: 'path' | 'host',
  className: string,
  report: RouteReport,
): (readonly UrlPart[])[] | undefined {
  const argument = controller && (what === 'path' ? framework.controllerPath(file, controller.call) : framework.controllerHost(file, controller.call));
  if (!controller || !argument) return what === 'path' ? [[]] : [];
  const parts = readUrlParts(file, argument, controller.decorator, { route: className, subject: `the ${what} of @${framework.controller}`, syntax: framework.syntax }, report);
  return parts?.map((part) => [part]);
}

/** The routes one handler serves, read: one per verb decorator, path of its own and controller prefix. */
interface HandlerReading {
  readonly routes: readonly { readonly route: DeclaredRoute; readonly prefixParts: number }[];
  readonly parameters: readonly ts.ParameterDeclaration[];
  readonly sources: readonly ParameterSources[];
  readonly placeholderNames: ReadonlySet<string>;
}

function readHandler<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  handler: Handler<N>,
  verbs: readonly DecoratorUse<N>[],
  prefixes: (readonly UrlPart[])[] | undefined,
  label: (verb: string, url: readonly UrlPart[]) => string,
  report: RouteReport,
): HandlerReading {
  const parameters = handler.method.parameters.filter((p) => !(file.ts.isIdentifier(p.name) && p.name.text === 'this'));
  const sources = parameters.map((parameter) => readParameter(file, framework, handler, parameter, report));
  const path: Bindings = { bindings: sources.flatMap((s) => s.path), complete: sources.every((s) => s.complete) };
  const query: Bindings = { bindings: sources.flatMap((s) => s.query), complete: path.complete };
  const terms = framework.terms(file, handler);
  const placeholderNames = new Set<string>();
  const routes: { route: DeclaredRoute; prefixParts: number }[] = [];
  for (const use of verbs) {
    const { verb, path: pathArgument } = framework.route(file, use)!;
    const context = { route: `${verb} ${handler.name}`, subject: `the path of @${use.name}`, syntax: framework.syntax };
    const suffixes = pathArgument ? readUrlParts(file, pathArgument, use.decorator, context, report) : [];
    if (!prefixes || !suffixes) continue;
    for (const prefix of prefixes) {
      for (const suffix of pathArgument ? suffixes.map((part) => [part]) : [[]]) {
        const url = [...prefix, ...suffix];
        for (const part of url) for (const placeholder of part.placeholders) placeholderNames.add(placeholder.name);
        routes.push({ route: { label: label(verb, url), url, path, query, terms }, prefixParts: prefix.length });
      }
    }
  }
  return { routes, parameters, sources, placeholderNames };
}

function checkHandler<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  handler: Handler<N>,
  verbs: readonly DecoratorUse<N>[],
  controller: ControllerContext,
  report: RouteReport,
): void {
  const reading = readHandler(file, framework, handler, verbs, controller.prefixes, (verb, url) => `${verb} ${joinUrl(url)}`, report);
  for (const { route } of reading.routes) {
    const terms = withHostHint(route.terms, controller.hosts ?? []);
    compareRoute(controller.base ? { ...route, terms, scope: { kind: 'withoutPrefix' } } : { ...route, terms }, report);
  }
  if (controller.hosts && !controller.base) {
    const label = reading.routes[0]?.route.label ?? handler.name;
    reportHostBindings(label, reading.sources.flatMap((s) => s.host), controller.hosts, report);
  }
  reading.parameters.forEach((parameter, index) => {
    if (reading.sources[index].decorated) return;
    const name = file.ts.isIdentifier(parameter.name) ? parameter.name.text : parameter.name.getText(file.sourceFile);
    const { consequence, edit, fix } = framework.unsourced(file, handler, parameter, name, reading.placeholderNames.has(name));
    report('unsourcedParameter', { method: handler.name, name, consequence, edit }, parameter.name, fix);
  });
}

/** A name read from the path that is a placeholder of the host instead gets the decorator that reads it. */
function withHostHint(terms: RouteTerms, hosts: readonly UrlPart[]): RouteTerms {
  const names = new Set(hosts.flatMap((host) => host.placeholders.map((p) => p.name)));
  if (names.size === 0) return terms;
  return {
    ...terms,
    notInPathHint: (binding) => (names.has(binding.name) ? `':${binding.name}' is a parameter of the controller's host: read it with @HostParam('${binding.name}').` : terms.notInPathHint(binding)),
  };
}

/** `@HostParam('account')` reads a placeholder of the controller's host (each host, when it has several). */
function reportHostBindings(route: string, bindings: readonly Binding[], hosts: readonly UrlPart[], report: RouteReport): void {
  for (const binding of bindings) {
    const lacking = hosts.length === 0 ? [undefined] : hosts.filter((host) => !host.placeholders.some((p) => p.name === binding.name));
    for (const host of lacking) {
      report('bindingNotInHost', {
        route,
        binding: binding.written,
        host: host ? `'${host.text}'` : '(the controller declares none)',
        hint: `Add ':${binding.name}' to the host in @Controller({ host }), or read it with @Param('${binding.name}') if it comes from the path.`,
      }, binding.anchor);
    }
  }
}

/**
 * The handlers a controller inherits from its base classes are served under its own paths: what
 * those paths add (a placeholder the handler must read, a name it reads that only a controller
 * path could hold) is checked here, once per controller, and shown on the controller's path, the
 * part of the route this controller declares. The rest is checked where the handler is declared.
 */
function checkInherited<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  declaration: ts.ClassLikeDeclaration,
  controller: DecoratorUse<N>,
  prefixes: (readonly UrlPart[])[],
  className: string,
  report: RouteReport,
): void {
  const { ts } = file;
  const declared = new Set(declaration.members.flatMap((member) => (member.name ? [member.name.getText(file.sourceFile)] : [])));
  const silent: RouteReport = () => undefined;
  for (const base of baseClasses(file, declaration, className, report)) {
    const baseFile: RouteFile = base.getSourceFile() === file.sourceFile ? file : { ...file, sourceFile: base.getSourceFile() };
    const resolver = new DecoratorResolver(ts, baseFile.sourceFile, framework.library.modules, file.checker, framework.library.names);
    const baseName = base.name?.text ?? '(anonymous class)';
    for (const { handler, verbs } of handlersOf(baseFile, framework, resolver, base, baseName)) {
      const methodName = handler.method.name.getText(baseFile.sourceFile);
      if (declared.has(methodName)) continue;
      const label = (verb: string, url: readonly UrlPart[]) => `${verb} ${joinUrl(url)} (${handler.name}, inherited by ${className})`;
      for (const { route, prefixParts } of readHandler(baseFile, framework, handler, verbs, prefixes, label, silent).routes) {
        const anchor = route.url[prefixParts - 1]?.anchor ?? controller.decorator;
        compareRoute({ ...relocated(route, anchor), scope: { kind: 'prefixOnly', prefixParts } }, report);
      }
    }
    for (const member of base.members) if (member.name) declared.add(member.name.getText(baseFile.sourceFile));
  }
}

/** The classes `declaration` extends, nearest first; an ancestor that cannot be read ends the list, reported. */
// Not shared with ClassFields.baseClass: that one also takes class expressions, built-in bases and checker-typed mixins as bases, which would turn this rule's unreadable-base findings into passes.
function baseClasses(file: RouteFile, declaration: ts.ClassLikeDeclaration, className: string, report: RouteReport): ts.ClassLikeDeclaration[] {
  const { ts } = file;
  const bases: ts.ClassLikeDeclaration[] = [];
  for (let current = declaration; bases.length < 20; ) {
    const clause = current.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
    const expression = clause?.types[0]?.expression;
    if (!expression) break;
    const lookup = ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) ? file.finder.find(expression) : undefined;
    const base = lookup?.kind === 'found' ? lookup.declarations.find((d): d is ts.ClassDeclaration => ts.isClassDeclaration(d)) : undefined;
    if (!base) {
      const reason = lookup?.kind === 'unresolved' ? lookup.reason : `'${expression.getText(current.getSourceFile())}' is not a class declared in the program`;
      const cause = lookup?.kind === 'unresolved' && lookup.needsTypeInformation ? 'needsTypeInformation' : undefined;
      const subject = `the handlers ${className} inherits from '${expression.getText(current.getSourceFile())}'`;
      if (current === declaration) reportUnreadable(report, { ok: false, reason, cause }, className, subject, expression, 'Extend a class declared in this project, so that its handlers can be checked against this controller\'s path.');
      break;
    }
    bases.push(base);
    current = base;
  }
  return bases;
}

function readParameter<N extends string>(
  file: RouteFile,
  framework: ControllerFramework<N>,
  handler: Handler<N>,
  parameter: ts.ParameterDeclaration,
  report: RouteReport,
): ParameterSources {
  const read = handler.resolver.decoratorsOf(parameter).map((use) => framework.readDecorator(file, handler, parameter, use, report));
  const from = (source: SourceRead['source']) => read.filter((r) => r.source === source).flatMap((r) => r.bindings);
  return {
    path: from('path'),
    query: from('query'),
    host: from('host'),
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
