import type * as ts from 'typescript';
import type { TS } from '../finding';
import { requireBindings } from '../require-bindings';
import { forEachNodeContaining } from '../walk';
import { ELECTRODB } from './electrodb';
import { ONETABLE } from './onetable';
import { TYPEDORM } from './typedorm';

/**
 * How a library's entity declaration looks, told by the properties its options object must have:
 * ElectroDB's `new Entity({ model, attributes, indexes })`, OneTable's `new Table({ name, schema })`,
 * TypeDORM's `@Entity({ primaryKey })`.
 */
interface DeclarationShape {
  readonly library: string;
  readonly packageName: string;
  readonly exported: string;
  readonly written: 'new' | '@';
  readonly properties: readonly string[];
}

const SHAPES: readonly DeclarationShape[] = [
  { library: 'ElectroDB', packageName: ELECTRODB.packageName, exported: 'Entity', written: 'new', properties: ['model', 'attributes', 'indexes'] },
  { library: 'OneTable', packageName: ONETABLE.packageName, exported: 'Table', written: 'new', properties: ['name', 'schema'] },
  { library: 'TypeDORM', packageName: TYPEDORM.packageName, exported: 'Entity', written: '@', properties: ['primaryKey'] },
];

/** A declaration that looks like a library's entity, whose callee comes from a local module. */
export interface BarrelUse {
  readonly callee: ts.Expression;
  readonly module: string;
  readonly shape: DeclarationShape;
}

/** Property names that only a library's declaration has, one of each shape. */
export const BARREL_SHAPE_NEEDLES: readonly string[] = ['indexes', 'schema', 'primaryKey'];

/**
 * Cheap pre-filter for `barrelUses`: an import (or `require`) of a relative module and a property name that
 * only a library's declaration has.
 */
export function mayUseLibraryThroughBarrel(text: string): boolean {
  const importsRelative = text.includes("from '.") || text.includes('from ".') || text.includes("require('.") || text.includes('require(".');
  return importsRelative && BARREL_SHAPE_NEEDLES.some((needle) => text.includes(needle));
}

/**
 * Without type information a local module re-exporting a library (`export { Entity } from
 * 'electrodb'` in `./db`) cannot be followed, so `new Entity({ model, attributes, indexes })` with
 * `Entity` from `./db` could be a library entity that nothing checks. Those whose callee is
 * imported from a relative module and whose options have the library's shape are found here, to
 * be reported rather than passed.
 */
export function barrelUses(ts: TS, sourceFile: ts.SourceFile): BarrelUse[] {
  const imported = relativeImports(ts, sourceFile);
  if (imported.size === 0) return [];
  const found: BarrelUse[] = [];
  const check = (callee: ts.Expression, options: ts.Expression | undefined, written: DeclarationShape['written']) => {
    const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
    const module = ts.isIdentifier(root) ? imported.get(root.text) : undefined;
    if (module === undefined || !options || !ts.isObjectLiteralExpression(options)) return;
    const names = new Set(options.properties.flatMap((property) => (property.name && !ts.isComputedPropertyName(property.name) && !ts.isPrivateIdentifier(property.name) ? [property.name.text] : [])));
    const shape = SHAPES.find((candidate) => candidate.written === written && candidate.properties.every((name) => names.has(name)));
    if (shape) found.push({ callee, module, shape });
  };
  forEachNodeContaining(ts, sourceFile, 'new', (node) => {
    if (ts.isNewExpression(node)) check(node.expression, node.arguments?.[0], 'new');
  });
  forEachNodeContaining(ts, sourceFile, '@', (node) => {
    if (!ts.isDecorator(node) || !ts.isCallExpression(node.expression)) return;
    check(node.expression.expression, node.expression.arguments[0], '@');
  });
  return found;
}

/** Local names bound by value imports (or `require`) from relative modules (`./db`, `../models`), with the module. */
function relativeImports(ts: TS, sourceFile: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    for (const { local, specifier } of requireBindings(ts, statement)) if (specifier.text.startsWith('.')) names.set(local.text, specifier.text);
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!module.startsWith('.') || !clause || clause.isTypeOnly) continue;
    if (clause.name) names.set(clause.name.text, module);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, module);
    for (const element of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
      if (!element.isTypeOnly) names.set(element.name.text, module);
    }
  }
  return names;
}
