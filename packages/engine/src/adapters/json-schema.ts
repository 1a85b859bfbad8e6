import type * as ts from 'typescript';
import { skipWrappers } from '../decorators';
import type { AdapterContext } from './library-entity';

/** A schema held in a JSON file: its top-level object, and the module specifier it is imported by. */
export interface JsonSchema {
  readonly object: ts.ObjectLiteralExpression;
  readonly specifier: string;
}

/**
 * OneTable schemas are often kept in a JSON file imported with `resolveJsonModule`
 * (`import schema from './schema.json'`, also `with { type: 'json' }`). With type information the
 * program holds that file parsed, so its top-level object is read like a schema written in
 * TypeScript. Without it, or when the program does not hold the file as JSON, this finds nothing
 * and the import is read as any other: unverifiable, a finding.
 */
export function importedJsonSchema(context: AdapterContext, expression: ts.Expression): JsonSchema | undefined {
  const { ts, checker } = context;
  const inner = skipWrappers(ts, expression);
  if (!checker || !ts.isIdentifier(inner)) return undefined;
  // `new Table({ schema })`: the name of a shorthand property is the property, its value the import.
  const symbol = ts.isShorthandPropertyAssignment(inner.parent) ? checker.getShorthandAssignmentValueSymbol(inner.parent) : checker.getSymbolAtLocation(inner);
  if (!symbol || (symbol.flags & ts.SymbolFlags.Alias) === 0) return undefined;
  const declaration = symbol.declarations?.[0];
  const statement = declaration && ts.findAncestor(declaration, ts.isImportDeclaration);
  if (!statement || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined;
  const file = checker.getAliasedSymbol(symbol).declarations?.map((node) => node.getSourceFile()).find((source) => source.fileName.endsWith(ts.Extension.Json));
  const [first] = file?.statements ?? [];
  if (!first || !ts.isExpressionStatement(first) || !ts.isObjectLiteralExpression(first.expression)) return undefined;
  return { object: first.expression, specifier: statement.moduleSpecifier.text };
}
