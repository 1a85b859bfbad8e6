import type * as ts from 'typescript';
import type { ModuleMatcher } from './decorator-modules';
import { asDecoratorName, skipWrappers, type DecoratorResolver } from './decorators';
import type { TS } from './finding';
import { hasModifier } from './modifiers';

/** A statement that hands our decorators on to other files, and what it re-exports. */
export interface Reexport {
  /** Where it is reported: the re-exported name, or the module of an `export *`. */
  readonly node: ts.Node;
  /** The re-exported names as the message shows them. */
  readonly names: string;
}

/**
 * Re-exports of our decorators in a file that is not itself a decorator module. Without type
 * information the files importing from it cannot be checked, so each such statement is reported
 * where it is written: `export { entity } from '@capsule-guard/core'`, `export *`,
 * `export * as cg`, `export { entity }` or `export default entity` of an import, `export const
 * e = entity`, `export import cg = require(…)`, and a CommonJS module's `module.exports = require(…)`,
 * `exports.Entity = Entity` (or `= require(…).Entity`) and `module.exports = { Entity }`.
 */
export function decoratorReexports(
  ts: TS,
  sourceFile: ts.SourceFile,
  modules: ModuleMatcher,
  /** The file's resolver of those modules' exports: it reads the names the file imports or requires. */
  decorators: Pick<DecoratorResolver<string>, 'importedBinding' | 'isWholeModule'>,
  /** Which exports of those modules are handed on: our decorators, or a modelling library's entity exports. */
  isChecked: (exported: string) => boolean = (exported) => asDecoratorName(exported) !== undefined,
): Reexport[] {
  if (modules.isOurFile(sourceFile.fileName)) return [];
  const fromOurs = (specifier: ts.Expression | undefined): boolean =>
    specifier !== undefined && ts.isStringLiteral(specifier) && modules.isOurSpecifier(specifier.text, sourceFile.fileName);
  const boundToOurs = (expression: ts.Expression | undefined): boolean => {
    const inner = expression && skipWrappers(ts, expression);
    if (!inner) return false;
    if (ts.isIdentifier(inner)) return decorators.importedBinding(inner.text) !== undefined;
    if (decorators.isWholeModule(inner)) return true;
    return ts.isPropertyAccessExpression(inner) && decorators.isWholeModule(inner.expression) && isChecked(inner.name.text);
  };
  const found: Reexport[] = [];
  const add = (nodes: readonly ts.Node[], names: readonly string[]) => {
    if (nodes.length > 0) found.push({ node: nodes[0], names: names.map((name) => `'${name}'`).join(', ') });
  };
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const ours = fromOurs(statement.moduleSpecifier);
      if (!clause) {
        if (ours) add([statement.moduleSpecifier as ts.Expression], ['*']);
      } else if (ts.isNamespaceExport(clause)) {
        if (ours) add([clause.name], [clause.name.text]);
      } else {
        const elements = clause.elements.filter((element) => {
          if (element.isTypeOnly) return false;
          const local = element.propertyName ?? element.name;
          if (ours) return isChecked(local.text);
          return statement.moduleSpecifier === undefined && ts.isIdentifier(local) && decorators.importedBinding(local.text) !== undefined;
        });
        add(elements.map((element) => element.name), elements.map((element) => element.name.text));
      }
    } else if (ts.isExportAssignment(statement) && boundToOurs(statement.expression)) {
      add([statement.expression], [statement.isExportEquals ? 'export =' : 'default']);
    } else if (ts.isVariableStatement(statement) && hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword)) {
      const declarations = statement.declarationList.declarations.filter((d) => ts.isIdentifier(d.name) && boundToOurs(d.initializer));
      add(declarations.map((d) => d.name), declarations.map((d) => (d.name as ts.Identifier).text));
    } else if (ts.isImportEqualsDeclaration(statement) && hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword) && !statement.isTypeOnly) {
      const reference = statement.moduleReference;
      if (ts.isExternalModuleReference(reference) && fromOurs(reference.expression)) add([statement.name], [statement.name.text]);
    } else if (ts.isExpressionStatement(statement)) {
      const exported = commonJsExports(ts, statement.expression).filter(({ value }) => boundToOurs(value));
      add(exported.map(({ node }) => node), exported.map(({ name }) => name));
    }
  }
  return found;
}

/** A value a CommonJS module exports, where it is reported (the name it is exported as, when written) and that name. */
interface CommonJsExport {
  readonly value: ts.Expression;
  readonly node: ts.Node;
  readonly name: string;
}

/**
 * What a CommonJS module exports in one assignment: `exports.Entity = …` and
 * `module.exports.Entity = …` (as `Entity`), `module.exports = …` (as `module.exports`), and each
 * property of `module.exports = { Entity, Model: … }`.
 */
function commonJsExports(ts: TS, expression: ts.Expression): CommonJsExport[] {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const { left, right } = expression;
  const isModuleExports = (node: ts.Expression) =>
    ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
  if (isModuleExports(left)) {
    const value = skipWrappers(ts, right);
    if (!ts.isObjectLiteralExpression(value)) return [{ value: right, node: right, name: 'module.exports' }];
    return value.properties.flatMap((property): CommonJsExport[] => {
      if (ts.isShorthandPropertyAssignment(property)) return [{ value: property.name, node: property.name, name: property.name.text }];
      const named = ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name));
      return named ? [{ value: property.initializer, node: property.name, name: property.name.text }] : [];
    });
  }
  if (!ts.isPropertyAccessExpression(left)) return [];
  const holder = left.expression;
  const isExports = (ts.isIdentifier(holder) && holder.text === 'exports') || isModuleExports(holder);
  return isExports ? [{ value: right, node: left.name, name: left.name.text }] : [];
}
