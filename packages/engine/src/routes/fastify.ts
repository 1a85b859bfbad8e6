import type * as ts from 'typescript';
import { anchorWithin, isWithin } from '../rules/check-targets';
import { addProperty, suggestion } from '../edits';
import { DecoratorResolver, skipWrappers } from '../decorators';
import type { Suggestion, TextEdit, TS } from '../finding';
import type { StaticProperty } from '../static-value';
import { compareRoute, relocated } from './compare-route';
import { FASTIFY, TYPEBOX, type Library } from './libraries';
import type { Lookup } from '../declarations';
import { forEachNodeContaining } from '../walk';
import { FastifyPlugins } from './fastify-plugins';
import { fewestRouteArguments, routeCallSites } from './route-call-sites';
import type { Binding, Bindings, DeclaredRoute, RouteTerms, UrlPart } from './route-model';
import { constInitializer, identifierFor, joinUrl, readUrlParts, reportUnreadable, type RouteFile, type RouteReport } from './route-file';

/** Plugins registered inside plugins deeper than this are not read (a plugin that registers itself). */
const MAX_PLUGIN_NESTING = 16;
/**
 * Calls `visit` on the calls in `sourceFile` (or in `within`) that have the shape of a route
 * declaration or a plugin registration on an instance, before anything is asked about its
 * receiver: a verb with a URL and a handler (or one options object), `route` or `register` with an
 * argument. `map.get(key)` is not one.
 */
export function forEachRouteShapedCall(ts: TS, sourceFile: ts.SourceFile, visit: (call: RouteShapedCall) => void, within?: ts.Node): void {
  forEachNodeContaining(ts, sourceFile, routeCallSites(ts, sourceFile), (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = skipWrappers(ts, node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return;
    const method = callee.name.text;
    const minimum = fewestRouteArguments(method);
    if (minimum !== undefined && node.arguments.length >= minimum) visit({ call: node, receiver: callee.expression, method });
  }, within);
}

/** A call `forEachRouteShapedCall` selects: `receiver.method(…)`. */
export interface RouteShapedCall {
  readonly call: ts.CallExpression;
  readonly receiver: ts.Expression;
  readonly method: string;
}

/** The imports of one file that Fastify routes are recognised by. */
export class FastifyFile {
  private readonly fastify: DecoratorResolver<FastifyName>;
  private readonly typebox: DecoratorResolver<'Type'>;
  private readonly plugins: FastifyPlugins;

  constructor(private readonly file: RouteFile) {
    const { ts, sourceFile, checker } = file;
    this.plugins = new FastifyPlugins(file, (expression) => this.isInstance(expression), (fn) => this.isTypedPlugin(fn));
    // `import type { FastifyInstance }` names the instance type as well as a value import does.
    this.fastify = new DecoratorResolver(ts, sourceFile, FASTIFY.modules, checker, FASTIFY.names, true);
    this.typebox = new DecoratorResolver(ts, sourceFile, TYPEBOX.modules, checker, TYPEBOX.names);
  }

  /**
   * Checks `call` when it declares a route on a Fastify instance (`app.get(url, …)`,
   * `app.route({ … })`), or registers a plugin whose routes are checked where it is registered
   * (`app.register(plugin, { prefix })`).
   */
  checkCall(shaped: RouteShapedCall, report: RouteReport): void {
    if (shaped.method === 'register') {
      if (this.isInstance(shaped.receiver)) this.checkRegistration(shaped, report);
      return;
    }
    const route = this.routeCall(shaped, report);
    if (!route) return;
    for (const { parts, open } of this.plugins.placementOf(route.receiver, report)) {
      const declared = prefixed(route, parts.map((part) => ({ ...part, anchor: route.urlAnchor })));
      compareRoute(open ? { ...declared, scope: { kind: 'withoutPrefix' } } : declared, report);
    }
  }

  /** The route a route-shaped call declares on a Fastify instance, read; undefined (after reporting what cannot be read) for any other call. */
  private routeCall({ call, receiver, method }: RouteShapedCall, report: RouteReport): RouteCall | undefined {
    const { ts } = this.file;
    if (method === 'register' || !this.isInstance(receiver)) return undefined;
    const [first, second, third] = call.arguments;
    // `app.get(url, handler)`, `app.get(url, options, handler)`, `app.get(url, { handler, … })`.
    const options = third || (second && !ts.isFunctionLike(skipWrappers(ts, second))) ? second : undefined;
    const read = method === 'route' ? this.routeOptions(first, report) : { verb: method.toUpperCase(), url: first, options, handler: third ?? (options ? undefined : second) };
    const declared = read && this.readRoute(call, read, report);
    return declared && { ...declared, receiver };
  }

  private routeOptions(argument: ts.Expression, report: RouteReport): RouteArguments | undefined {
    const options = this.file.evaluator.properties(argument);
    if (!options.ok) {
      reportUnreadable(report, options, 'app.route', 'the route options', argument, 'Write the options as an object literal in the call.');
      return undefined;
    }
    const url = options.value.get('url') ?? options.value.get('path');
    const method = options.value.get('method');
    const verb = method ? this.file.evaluator.string(method) : undefined;
    return url && { verb: verb?.ok ? verb.value.toUpperCase() : 'ROUTE', url, options: argument, handler: undefined };
  }

  private readRoute(call: ts.CallExpression, route: RouteArguments, report: RouteReport): Omit<RouteCall, 'receiver'> | undefined {
    const { file } = this;
    const parts = readUrlParts(file, route.url, call, { route: `${route.verb} route`, subject: 'the URL', syntax: 'express' }, report);
    if (!parts) return undefined;
    const label = `${route.verb} ${joinUrl(parts)}`;
    const schema = this.readSchema(call, route.options, label, report);
    if (!schema) return undefined;
    const urlAnchor = parts[0]?.anchor ?? call;
    const params = schema.params;
    const declared: DeclaredRoute = {
      label,
      url: parts,
      path: params ?? { bindings: [], complete: true },
      query: schema.querystring ?? { bindings: [], complete: true },
      terms: this.terms(params),
      missingPathSchema: params ? undefined : {
        anchor: urlAnchor,
        edit: (names) => `schema: { params: ${this.paramsSchemaText(names)} }`,
        fix: (names) => this.addParamsSchema(call, route, schema.object, names),
      },
    };
    return { declared, verb: route.verb, urlAnchor };
  }

  /**
   * `app.register(plugin, { prefix })` of a plugin whose routes are not checked against their
   * prefixes where they are declared (an open plugin: exported, or declared in another module):
   * the checks that need the prefix are made here, on the prefix (or on the plugin, when none is
   * given). A plugin whose routes cannot be read is reported when its prefix has parameters,
   * since nothing then shows that its routes read them.
   */
  private checkRegistration({ call, receiver }: RouteShapedCall, report: RouteReport): void {
    const { ts } = this.file;
    const [argument] = call.arguments;
    const written = skipWrappers(ts, argument);
    // A function written in the call is checked where its routes are.
    if (ts.isFunctionLike(written)) return;
    const plugin = this.pluginFunction(written);
    if (plugin.kind === 'found' && !this.plugins.isOpen(plugin.declaration)) return;
    const outer = this.plugins.placementOf(receiver, report);
    const own = this.plugins.prefixesOf(call, report);
    if (!own) return;
    const prefixes = outer.flatMap((before) => own.map((after) => ({ parts: [...before.parts, ...after], open: before.open })));
    const anchor = (prefix: readonly UrlPart[]) => prefix[prefix.length - 1]?.anchor ?? argument;
    if (plugin.kind !== 'found') {
      const prefix = prefixes.find(({ parts }) => parts.some((part) => part.placeholders.some((p) => !p.anonymous)));
      if (prefix) this.reportUnreadablePlugin(call, argument, plugin, anchor(prefix.parts), report);
      return;
    }
    for (const route of this.fileOf(plugin.declaration).routesOf(plugin.declaration)) {
      for (const { parts, open } of prefixes) {
        const scope = { kind: 'prefixOnly', prefixParts: parts.length, afterUnknownPrefix: open } as const;
        compareRoute({ ...relocated(prefixed(route, parts), anchor(parts)), scope }, report);
      }
    }
  }

  /** The function a plugin argument names: declared as a function, or a const holding one. */
  private pluginFunction(argument: ts.Expression): PluginLookup {
    const { ts } = this.file;
    if (!ts.isIdentifier(argument)) return { kind: 'unresolved', reason: `'${argument.getText(this.file.sourceFile)}' is not the name of a function declared in the program` };
    const lookup = this.file.finder.find(argument);
    if (lookup.kind !== 'found') return lookup;
    for (const declaration of lookup.declarations) {
      if (ts.isFunctionDeclaration(declaration) && declaration.body) return { kind: 'found', declaration };
      const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer && skipWrappers(ts, declaration.initializer);
      if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
        return { kind: 'found', declaration: initializer };
      }
    }
    return { kind: 'unresolved', reason: `'${argument.text}' is not a function declared in the program` };
  }

  private reportUnreadablePlugin(call: ts.CallExpression, argument: ts.Expression, plugin: Extract<PluginLookup, { kind: 'unresolved' }>, anchor: ts.Node, report: RouteReport): void {
    const label = `register(${argument.getText(this.file.sourceFile)})`;
    const subject = `the routes of plugin '${argument.getText(this.file.sourceFile)}'`;
    const fix = 'Register a plugin function declared in this project, so that its routes can be checked against the prefix.';
    reportUnreadable(report, { ok: false, reason: plugin.reason, cause: plugin.needsTypeInformation ? 'needsTypeInformation' : undefined }, label, subject, anchorWithin(call, call, anchor), fix);
  }

  /** This file's reader, or another file's for a plugin declared there. */
  private fileOf(plugin: ts.SignatureDeclaration): FastifyFile {
    return plugin.getSourceFile() === this.file.sourceFile ? this : new FastifyFile({ ...this.file, sourceFile: plugin.getSourceFile() });
  }

  /**
   * The routes a plugin function serves, read without reporting (they are reported where they are
   * written): those it declares on its instance parameter, and those of the plugins it registers
   * on it (function declared in the program, prefix readable), under their prefixes; where it is
   * registered with a prefix, that prefix is then checked against all of them.
   */
  routesOf(plugin: ts.SignatureDeclaration, depth = 0): RouteCall[] {
    const { ts } = this.file;
    const instance = plugin.parameters[0];
    const routes: RouteCall[] = [];
    const silent: RouteReport = () => undefined;
    if (!('body' in plugin) || !plugin.body || !instance) return routes;
    // The plugin may be declared in another module; its body may nest deeper than a recursive walk could follow.
    forEachRouteShapedCall(ts, plugin.getSourceFile(), (shaped) => {
      if (shaped.method === 'register') {
        if (depth < MAX_PLUGIN_NESTING && this.isInstance(shaped.receiver) && this.plugins.pluginOf(shaped.receiver) === plugin) routes.push(...this.registeredRoutes(shaped.call, depth));
        return;
      }
      const route = this.routeCall(shaped, silent);
      if (route && this.plugins.pluginOf(route.receiver) === plugin) routes.push(route);
    }, plugin.body);
    return routes;
  }

  /** The routes of the plugin one `register` call registers, under the prefixes it gives; none when either cannot be read. */
  private registeredRoutes(registration: ts.CallExpression, depth: number): RouteCall[] {
    const { ts } = this.file;
    const [argument] = registration.arguments;
    if (!argument) return [];
    const written = skipWrappers(ts, argument);
    const inner = ts.isFunctionLike(written) ? { kind: 'found' as const, declaration: written } : this.pluginFunction(written);
    const prefixes = this.plugins.prefixesOf(registration, () => undefined);
    if (inner.kind !== 'found' || !prefixes) return [];
    const routes = this.fileOf(inner.declaration).routesOf(inner.declaration, depth + 1);
    return routes.flatMap((route) => prefixes.map((prefix) => ({ ...route, declared: prefixed(route, prefix) })));
  }

  /** `schema.params` and `schema.querystring` as bindings; undefined after reporting an unreadable schema. */
  private readSchema(call: ts.CallExpression, options: ts.Expression | undefined, label: string, report: RouteReport): SchemaRead | undefined {
    if (!options) return { params: undefined, querystring: undefined, object: undefined };
    const { evaluator } = this.file;
    const properties = evaluator.properties(options);
    if (!properties.ok) {
      reportUnreadable(report, properties, label, 'the route options', anchorWithin(call, call, options), 'Write the options as an object literal, or a const declared as const.');
      return undefined;
    }
    const schema = properties.value.get('schema');
    if (!schema) return { params: undefined, querystring: undefined, object: undefined };
    const parts = evaluator.properties(schema);
    if (!parts.ok) {
      reportUnreadable(report, parts, label, 'the route schema', anchorWithin(call, options, schema.value, schema.entry), 'Write the schema as an object literal, or a const declared as const.');
      return undefined;
    }
    const object = this.file.ts.isObjectLiteralExpression(schema.value) ? schema.value : undefined;
    const read = (key: string, written: string) => {
      const value = parts.value.get(key);
      return value && this.readKeys(call, value, written, label, report);
    };
    return { params: read('params', 'schema.params'), querystring: read('querystring', 'schema.querystring') ?? read('query', 'schema.query'), object };
  }

  /** The property names of a JSON schema (`{ type: 'object', properties: { … } }`) or of `Type.Object({ … })`. */
  private readKeys(call: ts.CallExpression, value: StaticProperty, written: string, label: string, report: RouteReport): SchemaKeys {
    const { file } = this;
    const anchor = anchorWithin(call, call, value.value, value.entry);
    const typeObject = this.typeObjectArgument(value.value);
    const objectProperties = typeObject ? file.evaluator.properties(typeObject) : propertiesOf(file, value);
    if (!objectProperties.ok) {
      reportUnreadable(report, objectProperties, label, written, anchor, 'Write it as an object literal or Type.Object({ … }), held in a const declared as const if not written in place.');
      return { bindings: [], complete: false, typebox: typeObject !== undefined };
    }
    const literal = typeObject ?? jsonProperties(file, value.value);
    const bindings: Binding[] = [...objectProperties.value].map(([name, property]) => ({
      name,
      written: `${written} property '${name}'`,
      anchor: anchorWithin(call, anchor, property.value.parent && file.ts.isPropertyAssignment(property.value.parent) ? property.value.parent.name : property.value, property.entry),
      literal: undefined,
    }));
    const properties = literal && file.ts.isObjectLiteralExpression(literal) && isWithin(literal, call) ? literal : undefined;
    return { bindings, complete: true, typebox: typeObject !== undefined, properties };
  }

  /** The object literal given to TypeBox's `Type.Object(…)`, written in place or held in a const. */
  private typeObjectArgument(expression: ts.Expression): ts.Expression | undefined {
    const { ts } = this.file;
    const value = ts.isIdentifier(skipWrappers(ts, expression)) ? constInitializer(this.file, expression) : skipWrappers(ts, expression);
    if (!value || !ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression)) return undefined;
    const builder = value.expression;
    if (builder.name.text !== 'Object' || this.typebox.nameOf(builder.expression) !== 'Type') return undefined;
    return value.arguments[0];
  }

  private terms(params: SchemaKeys | undefined): RouteTerms {
    // A placeholder is added in the schema's own notation: TypeBox, or JSON schema.
    const typebox = params ? params.typebox : this.typeAccess() !== undefined;
    const property = (name: string) => `${identifierFor(name) === name ? name : `'${name}'`}: ${typebox ? this.stringSchema() : "{ type: 'string' }"}`;
    return {
      bindPathParameter: (name) => `Add ${property(name)} to schema.params${typebox ? '' : ' (its properties, and its required list)'}`,
      bindPathParameterFix: (name) =>
        suggestion(`Add '${name}' to schema.params`, [params?.properties ? addProperty(this.file.sourceFile, params.properties, property(name)) : undefined]),
      notInPathHint: (binding) => `If it comes from the query string, move it to schema.querystring; otherwise add ':${binding.name}' to the URL.`,
    };
  }

  private addParamsSchema(call: ts.CallExpression, route: { options: ts.Expression | undefined; handler: ts.Expression | undefined }, schema: ts.ObjectLiteralExpression | undefined, names: readonly string[]): Suggestion[] {
    const { ts, sourceFile } = this.file;
    const params = `params: ${this.paramsSchemaText(names)}`;
    const description = `Declare schema.params for ${names.map((n) => `'${n}'`).join(', ')}`;
    if (schema && isWithin(schema, call)) return suggestion(description, [addProperty(sourceFile, schema, params)]);
    const options = route.options && skipWrappers(ts, route.options);
    if (options && ts.isObjectLiteralExpression(options) && isWithin(options, call)) return suggestion(description, [addProperty(sourceFile, options, `schema: { ${params} }`)]);
    if (!options && route.handler) {
      const at = route.handler.getStart(sourceFile);
      const edit: TextEdit = { start: at, end: at, text: `{ schema: { ${params} } }, ` };
      return suggestion(description, [edit]);
    }
    return [];
  }

  private paramsSchemaText(names: readonly string[]): string {
    const properties = names.map((name) => `${identifierFor(name) === name ? name : `'${name}'`}: ${this.stringSchema()}`).join(', ');
    const type = this.typeAccess();
    if (type) return `${type}.Object({ ${properties} })`;
    return `{ type: 'object', properties: { ${properties} }, required: [${names.map((n) => `'${n}'`).join(', ')}] }`;
  }

  private stringSchema(): string {
    const type = this.typeAccess();
    return type ? `${type}.String()` : "{ type: 'string' }";
  }

  /** How this file writes TypeBox's `Type`, when it imports it. */
  private typeAccess(): string | undefined {
    return this.typebox.accessTo('Type');
  }

  /**
   * True when `receiver` is a Fastify instance: with type information, its type is Fastify's
   * `FastifyInstance`; without, it is a const made by `fastify()` (or `.withTypeProvider()` of
   * one) or a parameter or variable declared `FastifyInstance`, imported from fastify.
   */
  private isInstance(receiver: ts.Expression): boolean {
    const { ts, checker } = this.file;
    if (checker) return this.hasInstanceType(checker.getTypeAtLocation(receiver));
    const expression = skipWrappers(ts, receiver);
    if (!ts.isIdentifier(expression)) return false;
    const lookup = this.file.finder.find(expression);
    if (lookup.kind !== 'found') return false;
    return lookup.declarations.some((declaration) => {
      if (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration)) return false;
      if (declaration.type) return ts.isTypeReferenceNode(declaration.type) && ts.isIdentifier(declaration.type.typeName) && this.fastify.nameOf(declaration.type.typeName) === 'FastifyInstance';
      if (declaration.initializer) return this.madeByFactory(declaration.initializer);
      // Fastify hands a plugin its instance: `app.register(async (instance) => …)`, `const routes: FastifyPluginAsync = async (instance) => …`.
      const plugin = ts.isParameter(declaration) ? this.plugins.pluginOf(expression) : undefined;
      return plugin !== undefined && (this.isTypedPlugin(plugin) || (this.plugins.usesOf(plugin)?.registrations.length ?? 0) > 0);
    });
  }

  /** A function held in a variable declared `FastifyPluginAsync` or `FastifyPluginCallback` from fastify. */
  private isTypedPlugin(plugin: ts.SignatureDeclaration): boolean {
    const { ts } = this.file;
    const holder = plugin.parent;
    if (!ts.isVariableDeclaration(holder) || holder.initializer !== plugin || !holder.type || !ts.isTypeReferenceNode(holder.type)) return false;
    const name = ts.isIdentifier(holder.type.typeName) ? this.fastify.nameOf(holder.type.typeName) : undefined;
    return name === 'FastifyPluginAsync' || name === 'FastifyPluginCallback';
  }

  private madeByFactory(initializer: ts.Expression): boolean {
    const { ts } = this.file;
    let expression = skipWrappers(ts, initializer);
    if (ts.isAwaitExpression(expression)) expression = skipWrappers(ts, expression.expression);
    if (!ts.isCallExpression(expression)) return false;
    const callee = skipWrappers(ts, expression.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'withTypeProvider') return this.madeByFactory(callee.expression);
    if (this.fastify.isWholeModule(callee)) return true;
    const name = this.fastify.nameOf(callee);
    return name === 'fastify' || name === 'default';
  }

  private hasInstanceType(type: ts.Type): boolean {
    const { ts } = this.file;
    if (type.flags & ts.TypeFlags.Intersection) return (type as ts.IntersectionType).types.some((part) => this.hasInstanceType(part));
    const symbol = type.aliasSymbol ?? type.getSymbol();
    return symbol?.name === 'FastifyInstance' && (symbol.declarations ?? []).some((d) => FASTIFY.modules.isOurFile(d.getSourceFile().fileName));
  }
}

/** The arguments of a route call, as `app.get(url, options, handler)` and `app.route(options)` give them. */
interface RouteArguments {
  readonly verb: string;
  readonly url: ts.Expression | StaticProperty;
  readonly options: ts.Expression | undefined;
  readonly handler: ts.Expression | undefined;
}

/** A route read from its call, with the instance it is declared on. */
interface RouteCall {
  readonly declared: DeclaredRoute;
  readonly verb: string;
  /** Where findings about its URL are shown. */
  readonly urlAnchor: ts.Node;
  readonly receiver: ts.Expression;
}

type PluginLookup = { readonly kind: 'found'; readonly declaration: ts.SignatureDeclaration } | Extract<Lookup, { kind: 'unresolved' }>;

/** A route served under a prefix: the prefix's parts before its own URL. */
function prefixed(route: Pick<RouteCall, 'declared' | 'verb'>, prefix: readonly UrlPart[]): DeclaredRoute {
  const url = [...prefix, ...route.declared.url];
  return { ...route.declared, label: `${route.verb} ${joinUrl(url)}`, url };
}

type FastifyName = typeof FASTIFY extends Library<infer N> ? N : never;

/** The keys of a `params` or `querystring` schema, and where a suggestion adds one. */
interface SchemaKeys extends Bindings {
  readonly typebox: boolean;
  /** The properties object literal written in the route call (`Type.Object`'s argument, or JSON schema `properties`). */
  readonly properties?: ts.ObjectLiteralExpression;
}

interface SchemaRead {
  readonly params: SchemaKeys | undefined;
  readonly querystring: Bindings | undefined;
  /** The schema object literal, for a suggestion that adds `params`. */
  readonly object: ts.ObjectLiteralExpression | undefined;
}

/** The `properties` object literal of a JSON schema written as an object literal, for suggestions that add one. */
function jsonProperties(file: RouteFile, schema: ts.Expression): ts.Expression | undefined {
  const { ts } = file;
  const object = skipWrappers(ts, schema);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const properties = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'properties');
  return properties && skipWrappers(ts, properties.initializer);
}

/** The `properties` of a JSON schema object. */
function propertiesOf(file: RouteFile, schema: StaticProperty) {
  const object = file.evaluator.properties(schema);
  if (!object.ok) return object;
  const properties = object.value.get('properties');
  return properties ? file.evaluator.properties(properties) : ({ ok: true, value: new Map<string, StaticProperty>() } as const);
}

