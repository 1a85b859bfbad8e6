import type * as ts from 'typescript';
import { anchorWithin } from '../rules/check-targets';
import { skipWrappers } from '../decorators';
import type { TS } from '../finding';
import { hasModifier } from '../modifiers';
import { forEachNodeContaining } from '../walk';
import type { UrlPart } from './route-model';
import { readUrlParts, reportUnreadable, type RouteFile, type RouteReport } from './route-file';

/**
 * Where a Fastify plugin's routes are served. `app.register(plugin, { prefix: '/tenants/:tenantId' })`
 * puts the prefix in front of every URL the plugin declares on its instance, so a route's
 * `schema.params` may rightly read a name its own URL lacks, and must read every parameter of
 * the prefix. The function whose first parameter a route's instance is gets its placement from
 * its uses, when all of them are in this file (it is written in the `register` call, or declared
 * here and not exported): a `register(fn, { prefix })` adds the prefix to the placement of the
 * instance it is called on (nested plugins), a direct call `fn(instance)` (a helper that declares
 * routes) keeps the placement of the instance it is given. Otherwise its prefixes cannot be known
 * here: a function that can be a plugin (async, taking Fastify's `done` callback, or typed as a
 * plugin) is open; one that cannot (Fastify would never finish registering it) is a helper
 * called with an instance, taken as served as written.
 *
 * A list of prefixes, each the URL parts known here in order, `open` when a prefix this file
 * cannot see comes before them (a plugin registered inside an exported plugin): the known parts'
 * placeholders are still checked, while a name none of them holds may be the unknown prefix's.
 * `[{ parts: [], open: false }]` for routes served as written; `[{ parts: [], open: true }]` for an open plugin.
 */
export type Placement = readonly Prefix[];

export interface Prefix {
  readonly parts: readonly UrlPart[];
  readonly open: boolean;
}

const ROOT: Placement = [{ parts: [], open: false }];
const OPEN: Placement = [{ parts: [], open: true }];

/** How a function with an instance parameter is used in its file. */
export interface PluginUses {
  /** `app.register(fn, options?)`. */
  readonly registrations: readonly ts.CallExpression[];
  /** `fn(app)`: a helper given an instance. */
  readonly calls: readonly ts.CallExpression[];
}
/** Registrations deeper than this are not followed (a plugin that registers itself). */
const MAX_NESTING = 16;

export class FastifyPlugins {
  private readonly placements = new Map<ts.SignatureDeclaration, Placement>();
  private readonly uses = new Map<ts.SignatureDeclaration, PluginUses | undefined>();

  constructor(
    private readonly file: RouteFile,
    /** Whether an expression is a Fastify instance (FastifyFile's test). */
    private readonly isInstance: (expression: ts.Expression) => boolean,
    /** Whether a function is declared with Fastify's plugin types. */
    private readonly typedAsPlugin: (fn: ts.SignatureDeclaration) => boolean,
  ) {}

  /** The prefixes the routes declared on `receiver` are served under. */
  placementOf(receiver: ts.Expression, report: RouteReport, depth = 0): Placement {
    const plugin = this.pluginOf(receiver);
    if (!plugin) return ROOT;
    const known = this.placements.get(plugin);
    if (known) return known;
    // Provisionally open, so that a plugin reached again while its placement is read ends the recursion.
    this.placements.set(plugin, OPEN);
    const placement = depth > MAX_NESTING ? OPEN : this.readPlacement(plugin, report, depth);
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
   * The uses of a function with an instance parameter when all of them are in this file:
   * `register` calls that take it as their plugin, and direct calls that give it an instance.
   * Undefined when it can be used elsewhere (exported, passed to anything else, not used here).
   */
  usesOf(fn: ts.SignatureDeclaration): PluginUses | undefined {
    if (!this.uses.has(fn)) {
      // Unknown while its uses are looked for: one on its own instance (`app.register(self)`) asks again.
      this.uses.set(fn, undefined);
      this.uses.set(fn, this.findUses(fn));
    }
    return this.uses.get(fn);
  }

  /** Whether the routes of `fn` are open: its prefixes are given where this file cannot see. */
  isOpen(fn: ts.SignatureDeclaration): boolean {
    return !this.usesOf(fn) && this.canBePlugin(fn);
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

  private readPlacement(fn: ts.SignatureDeclaration, report: RouteReport, depth: number): Placement {
    const uses = this.usesOf(fn);
    if (!uses) return this.canBePlugin(fn) ? OPEN : ROOT;
    const prefixes: Prefix[] = [];
    const receiverOf = (call: ts.CallExpression) => (skipWrappers(this.file.ts, call.expression) as ts.PropertyAccessExpression).expression;
    for (const registration of uses.registrations) {
      // A prefix that cannot be read (reported) is one more part this file does not know.
      const own = this.prefixesOf(registration, report) ?? [undefined];
      for (const before of this.placementOf(receiverOf(registration), report, depth + 1)) {
        for (const after of own) prefixes.push({ parts: [...before.parts, ...(after ?? [])], open: before.open || !after });
      }
    }
    for (const call of uses.calls) prefixes.push(...this.placementOf(call.arguments[0], report, depth + 1));
    return prefixes;
  }

  /**
   * Whether Fastify could register `fn` as a plugin: it must signal that it is done, by returning
   * a promise (async, or declared to return a `Promise`) or by calling the `done` it is given as
   * third parameter; or it is typed as a plugin.
   */
  private canBePlugin(fn: ts.SignatureDeclaration): boolean {
    const { ts } = this.file;
    const async = hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword);
    const promise = fn.type !== undefined && ts.isTypeReferenceNode(fn.type) && ts.isIdentifier(fn.type.typeName) && fn.type.typeName.text === 'Promise';
    return async || promise || fn.parameters.length >= 3 || this.typedAsPlugin(fn);
  }

  private findUses(fn: ts.SignatureDeclaration): PluginUses | undefined {
    const { ts, sourceFile } = this.file;
    if (fn.getSourceFile() !== sourceFile) return undefined;
    if (this.isRegisterCall(fn.parent) && fn.parent.arguments[0] === fn) return { registrations: [fn.parent], calls: [] };
    const named = namedDeclaration(ts, fn);
    if (!named || isExported(ts, named)) return undefined;
    const uses = { registrations: [] as ts.CallExpression[], calls: [] as ts.CallExpression[] };
    let escapes = false;
    // Only subtrees holding the name can use the function; the walk keeps its own stack, as deep as the file nests.
    forEachNodeContaining(ts, sourceFile, named.name.text, (node) => {
      if (escapes) return false;
      if (ts.isIdentifier(node) && node.text === named.name.text && node !== named.name && this.refersTo(node, named)) {
        const call = node.parent;
        if (this.isRegisterCall(call) && call.arguments[0] === node) uses.registrations.push(call);
        else if (ts.isCallExpression(call) && call.expression === node && call.arguments[0] && this.isInstance(call.arguments[0])) uses.calls.push(call);
        else escapes = true;
      }
    });
    return escapes || uses.registrations.length + uses.calls.length === 0 ? undefined : uses;
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

/** `export function plugin`, `export default function plugin`, `export const plugin = …` (an `export default` carries both keywords). */
function isExported(ts: TS, declaration: ts.Declaration): boolean {
  return hasModifier(ts, ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration, ts.SyntaxKind.ExportKeyword);
}
