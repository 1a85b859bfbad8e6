import type * as ts from 'typescript';
import type { TS } from './finding';
import { skipWrappers } from './decorators';

/**
 * A local name a CommonJS `require` binds, as an import would bind it:
 * `const { Entity } = require('electrodb')` binds `Entity` to the export `Entity`,
 * `const { Entity: Model } = …` binds `Model` to it, `const Model = require('electrodb').Entity`
 * too, and `const electro = require('electrodb')` binds the whole module.
 */
export interface RequireBinding {
  readonly local: ts.Identifier;
  /** The export the name is bound to; undefined for the whole module. */
  readonly exported: string | undefined;
  readonly specifier: ts.StringLiteralLike;
}

/** The module a `require('…')` call names, written with one string; undefined for any other expression. */
export function requiredModule(ts: TS, expression: ts.Expression): ts.StringLiteralLike | undefined {
  const call = skipWrappers(ts, expression);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require') return undefined;
  const [specifier] = call.arguments;
  return call.arguments.length === 1 && ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/** The names a top-level variable statement binds with `require`, the way JavaScript modules written for CommonJS import. */
export function requireBindings(ts: TS, statement: ts.Statement): RequireBinding[] {
  if (!ts.isVariableStatement(statement)) return [];
  const bindings: RequireBinding[] = [];
  for (const { name, initializer } of statement.declarationList.declarations) {
    if (!initializer) continue;
    const value = skipWrappers(ts, initializer);
    const whole = requiredModule(ts, value);
    if (whole && ts.isIdentifier(name)) bindings.push({ local: name, exported: undefined, specifier: whole });
    if (whole && ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        const exported = element.propertyName ?? element.name;
        if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !(ts.isIdentifier(exported) || ts.isStringLiteral(exported))) continue;
        bindings.push({ local: element.name, exported: exported.text, specifier: whole });
      }
    }
    // `require('electrodb').Entity`: one export of the module.
    if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(name)) {
      const member = requiredModule(ts, value.expression);
      if (member) bindings.push({ local: name, exported: value.name.text, specifier: member });
    }
  }
  return bindings;
}

/**
 * Whether a text may bind a name from another module: with an `import`, or with `require` in a
 * module written for CommonJS. A file that does neither reaches no library through a barrel.
 */
export function mayImportModules(text: string): boolean {
  return text.includes('import') || text.includes('require');
}
