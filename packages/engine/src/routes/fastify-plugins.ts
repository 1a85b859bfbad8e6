import type * as ts from 'typescript';
import { anchorWithin } from '../rules/check-targets';
import { skipWrappers } from '../decorators';
import type { TS } from '../finding';
import type { UrlPart } from './route-model';
import { readUrlParts, reportUnreadable, type RouteFile, type RouteReport } from './route-file';

/**
 * Where a Fastify plugin's routes are served. `app.register(plugin, { prefix: '/tenants/:tenantId' })`
 * puts the prefix in front of every URL the plugin declares on its instance, so a route's
 * `schema.params` may rightly read a name its own URL lacks, and must read every parameter of
 * the prefix. The prefixes of a plugin are known when every registration of it is in this file:
 * a function written in the `register` call, or declared here, not exported, and used only as
 * the plugin of `register` calls, each on an instance whose own prefixes are known (nested
 * plugins), with a prefix that is a literal or const. Otherwise the plugin is open: registered
 * where this file cannot see, with prefixes it cannot know.
 *
 * A list of prefixes, each the URL parts in order; `[[]]` for routes declared on an instance that
 * is no plugin's (served as written); undefined for an open plugin.
 */
export type Placement = readonly (readonly UrlPart[])[] | undefined;

const ROOT: Placement = [[]];
/** Registrations deeper than this are not followed (a plugin that registers itself). */
const MAX_NESTING = 16;

export class FastifyPlugins {
  private readonly placements = new Map<ts.SignatureDeclaration, Placement>();
  private readonly registrationLists = new Map<ts.SignatureDeclaration, readonly ts.CallExpression[] | undefined>();

  constructor(
    private readonly file: RouteFile,
    /** Whether an expression is a Fastify instance (FastifyFile's test). */
    private readonly isInstance: (expression: ts.Expression) => boolean,
  ) {}

  /** The prefixes the routes declared on `receiver` are served under. */
  placementOf(receiver: ts.Expression, report: RouteReport, depth = 0): Placement {
    const plugin = this.pluginOf(receiver);
    if (!plugin) return ROOT;
    if (this.placements.has(plugin)) return this.placements.get(plugin);
    // Provisionally open, so that a plugin reached again while its placement is read ends the recursion.
    this.placements.set(plugin, undefined);
    const placement = depth > MAX_NESTING ? undefined : this.readPlacement(plugin, report, depth);
    this.placements.set(plugin, placement);
    return placement;
  }

  /**
   * The plugin function whose instance parameter `receiver` is: the first parameter of a
   * function, the instance Fastify hands a plugin.
   */
  pluginOf(receiver: ts.Expression): ts.SignatureDeclaration | undefined {
    const { ts } = this.file;
    const expression = skipWrappers(ts, receiver);
    if (!ts.isIdentifier(expression)) return undefined;
    const lookup = this.file.finder.find(expression);
    if (lookup.kind !== 'found') return undefined;
    for (const declaration of lookup.declarations) {
      if (!ts.isParameter(declaration)) continue;
      const owner = declaration.parent;
      if (ts.isFunctionLike(owner) && owner.parameters[0] === declaration) return owner;
    }
    return undefined;
  }

  /**
   * The `register` calls of a plugin function when all of them are in this file; undefined when
   * it can be registered elsewhere (exported, passed to anything but `register`, not used here).
   */
  registrationsOf(plugin: ts.SignatureDeclaration): readonly ts.CallExpression[] | undefined {
    if (!this.registrationLists.has(plugin)) {
      // Open while its registrations are looked for: one on its own instance (`app.register(self)`) asks again.
      this.registrationLists.set(plugin, undefined);
      this.registrationLists.set(plugin, this.findRegistrations(plugin));
    }
    return this.registrationLists.get(plugin);
  }

  /** Whether `call` is `instance.register(…)` on a Fastify instance. */
  isRegisterCall(call: ts.Node): call is ts.CallExpression {
    const { ts } = this.file;
    if (!ts.isCallExpression(call)) return false;
    const callee = skipWrappers(ts, call.expression);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && this.isInstance(callee.expression);
  }

  /**
   * The prefixes one `register` call adds: `[]` when it gives none, one list of parts per path
   * (a literal, const or concatenation). Undefined, after reporting, when they cannot be read.
   */
  prefixesOf(registration: ts.CallExpression, report: RouteReport): (readonly UrlPart[])[] | undefined {
    const { file } = this;
    const [plugin, options] = registration.arguments;
    if (!options) return [[]];
    const label = `register(${plugin ? plugin.getText(file.sourceFile) : ''})`;
    const properties = file.evaluator.properties(options);
    if (!properties.ok) {
      reportUnreadable(report, properties, label, 'the register options', anchorWithin(registration, registration, options), 'Write the options as an object literal, with the prefix a string literal or a const.');
      return undefined;
    }
    const prefix = properties.value.get('prefix');
    if (!prefix) return [[]];
    const parts = readUrlParts(file, prefix, registration, { route: label, subject: 'the prefix', syntax: 'express' }, report);
    return parts?.map((part) => [part]);
  }

  private readPlacement(plugin: ts.SignatureDeclaration, report: RouteReport, depth: number): Placement {
    const registrations = this.registrationsOf(plugin);
    if (!registrations) return undefined;
    const prefixes: (readonly UrlPart[])[] = [];
    for (const registration of registrations) {
      const own = this.prefixesOf(registration, report);
      const outer = this.placementOf((skipWrappers(this.file.ts, registration.expression) as ts.PropertyAccessExpression).expression, report, depth + 1);
      if (!own || !outer) return undefined;
      for (const before of outer) for (const after of own) prefixes.push([...before, ...after]);
    }
    return prefixes;
  }

  private findRegistrations(plugin: ts.SignatureDeclaration): readonly ts.CallExpression[] | undefined {
    const { ts, sourceFile } = this.file;
    if (plugin.getSourceFile() !== sourceFile) return undefined;
    if (this.isRegisterCall(plugin.parent) && plugin.parent.arguments[0] === plugin) return [plugin.parent];
    const named = namedDeclaration(ts, plugin);
    if (!named || isExported(ts, named)) return undefined;
    const registrations: ts.CallExpression[] = [];
    let escapes = false;
    const visit = (node: ts.Node): void => {
      if (escapes) return;
      if (ts.isIdentifier(node) && node.text === named.name.text && node !== named.name && this.refersTo(node, named)) {
        if (this.isRegisterCall(node.parent) && node.parent.arguments[0] === node) registrations.push(node.parent);
        else escapes = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return escapes || registrations.length === 0 ? undefined : registrations;
  }

  private refersTo(identifier: ts.Identifier, declaration: ts.Declaration): boolean {
    const lookup = this.file.finder.find(identifier);
    return lookup.kind === 'found' && lookup.declarations.includes(declaration);
  }
}

/** The declaration that names a plugin function: `function plugin(…)` or `const plugin = (…) => …`. */
function namedDeclaration(ts: TS, plugin: ts.SignatureDeclaration): (ts.Declaration & { readonly name: ts.Identifier }) | undefined {
  if (ts.isFunctionDeclaration(plugin) && plugin.name) return plugin as ts.FunctionDeclaration & { readonly name: ts.Identifier };
  const parent = plugin.parent;
  if ((ts.isArrowFunction(plugin) || ts.isFunctionExpression(plugin)) && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === plugin) {
    return parent as ts.VariableDeclaration & { readonly name: ts.Identifier };
  }
  return undefined;
}

function isExported(ts: TS, declaration: ts.Declaration): boolean {
  const holder = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.canHaveModifiers(holder) && (ts.getModifiers(holder) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
}
