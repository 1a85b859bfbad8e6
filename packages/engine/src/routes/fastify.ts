import type * as ts from 'typescript';
import { anchorWithin, isWithin } from '../rules/check-targets';
import { addProperty, suggestion } from '../edits';
import { DecoratorResolver, skipWrappers } from '../decorators';
import type { Suggestion, TextEdit } from '../finding';
import type { StaticProperty } from '../static-value';
import { compareRoute } from './compare-route';
import { FASTIFY, TYPEBOX } from './libraries';
import type { Binding, Bindings, RouteTerms } from './route-model';
import { constInitializer, identifierFor, joinUrl, readUrlParts, reportUnreadable, type RouteFile, type RouteReport } from './route-file';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/** The imports of one file that Fastify routes are recognised by. */
export class FastifyFile {
  private readonly fastify: DecoratorResolver<'fastify' | 'default' | 'FastifyInstance'>;
  private readonly typebox: DecoratorResolver<'Type'>;

  constructor(private readonly file: RouteFile) {
    const { ts, sourceFile, checker } = file;
    // `import type { FastifyInstance }` names the instance type as well as a value import does.
    this.fastify = new DecoratorResolver(ts, sourceFile, FASTIFY.modules, checker, FASTIFY.names, true);
    this.typebox = new DecoratorResolver(ts, sourceFile, TYPEBOX.modules, checker, TYPEBOX.names);
  }

  /** Checks `call` when it declares a route on a Fastify instance: `app.get(url, …)`, `app.route({ … })`. */
  checkCall(call: ts.CallExpression, report: RouteReport): void {
    const { ts } = this.file;
    const callee = skipWrappers(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return;
    const method = callee.name.text;
    // A route has a URL and a handler (or one options object): `map.get(key)` is left before its receiver's type is asked for.
    const routeShaped = method === 'route' ? call.arguments.length >= 1 : VERBS.has(method) && call.arguments.length >= 2;
    if (!routeShaped || !this.isInstance(callee.expression)) return;
    const [first, second, third] = call.arguments;
    if (method === 'route') {
      if (first) this.checkRouteOptions(call, first, report);
      return;
    }
    if (!first) return;
    // `app.get(url, handler)`, `app.get(url, options, handler)`, `app.get(url, { handler, … })`.
    const options = third || (second && !ts.isFunctionLike(skipWrappers(ts, second))) ? second : undefined;
    this.checkRoute(call, { verb: method.toUpperCase(), url: first, options, handler: third ?? (options ? undefined : second) }, report);
  }

  private checkRouteOptions(call: ts.CallExpression, argument: ts.Expression, report: RouteReport): void {
    const options = this.file.evaluator.properties(argument);
    if (!options.ok) {
      reportUnreadable(report, options, 'app.route', 'the route options', argument, 'Write the options as an object literal in the call.');
      return;
    }
    const url = options.value.get('url') ?? options.value.get('path');
    const method = options.value.get('method');
    const verb = method ? this.file.evaluator.string(method) : undefined;
    if (!url) return;
    this.checkRoute(call, { verb: verb?.ok ? verb.value.toUpperCase() : 'ROUTE', url, options: argument, handler: undefined }, report);
  }

  private checkRoute(call: ts.CallExpression, route: { verb: string; url: ts.Expression | StaticProperty; options: ts.Expression | undefined; handler: ts.Expression | undefined }, report: RouteReport): void {
    const { file } = this;
    const parts = readUrlParts(file, route.url, call, { route: `${route.verb} route`, subject: 'the URL', syntax: 'express' }, report);
    if (!parts) return;
    const label = `${route.verb} ${joinUrl(parts)}`;
    const schema = this.readSchema(call, route.options, label, report);
    if (!schema) return;
    const urlAnchor = parts[0]?.anchor ?? call;
    const params = schema.params;
    compareRoute(
      {
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
      },
      report,
    );
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
      return declaration.initializer !== undefined && this.madeByFactory(declaration.initializer);
    });
  }

  private madeByFactory(initializer: ts.Expression): boolean {
    const { ts } = this.file;
    let expression = skipWrappers(ts, initializer);
    if (ts.isAwaitExpression(expression)) expression = skipWrappers(ts, expression.expression);
    if (!ts.isCallExpression(expression)) return false;
    const callee = skipWrappers(ts, expression.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'withTypeProvider') return this.madeByFactory(callee.expression);
    if (ts.isIdentifier(callee) && this.fastify.importedBinding(callee.text) === 'module') return true;
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

