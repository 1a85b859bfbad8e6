import type { TS } from './finding';

/**
 * The TypeScript exports the engine reads for every file it checks. TypeScript's CommonJS bundle
 * defines each export as a getter, so `ts.isIdentifier(node)` is two calls. Inside an ESLint run
 * the engine's functions run a few thousand times each, too few for V8 to optimise most of them,
 * and the getters were about a quarter of all the calls the engine made.
 */
export const DIRECT_EXPORTS = [
  'Extension',
  'LanguageVariant',
  'NodeFlags',
  'ScriptTarget',
  'SymbolFlags',
  'SyntaxKind',
  'TypeFlags',
  'canHaveDecorators',
  'canHaveModifiers',
  'createScanner',
  'findAncestor',
  'forEachChild',
  'getCombinedNodeFlags',
  'getDecorators',
  'getJSDocTypeTag',
  'getLeadingCommentRanges',
  'getModifiers',
  'isArrayBindingPattern',
  'isArrayLiteralExpression',
  'isArrayTypeNode',
  'isArrowFunction',
  'isAsExpression',
  'isAwaitExpression',
  'isBinaryExpression',
  'isBindingElement',
  'isCallExpression',
  'isClassDeclaration',
  'isClassElement',
  'isClassExpression',
  'isClassLike',
  'isComputedPropertyName',
  'isConstTypeReference',
  'isConstructorDeclaration',
  'isDecorator',
  'isElementAccessExpression',
  'isEnumDeclaration',
  'isExportAssignment',
  'isExportDeclaration',
  'isExportSpecifier',
  'isExpressionStatement',
  'isExternalModule',
  'isExternalModuleReference',
  'isFunctionDeclaration',
  'isFunctionExpression',
  'isFunctionLike',
  'isGetAccessorDeclaration',
  'isIdentifier',
  'isIdentifierPart',
  'isIdentifierStart',
  'isImportClause',
  'isImportDeclaration',
  'isImportEqualsDeclaration',
  'isImportSpecifier',
  'isIndexSignatureDeclaration',
  'isInterfaceDeclaration',
  'isIntersectionTypeNode',
  'isLiteralTypeNode',
  'isMethodDeclaration',
  'isModuleBlock',
  'isModuleDeclaration',
  'isNamedImports',
  'isNamespaceExport',
  'isNamespaceImport',
  'isNewExpression',
  'isNoSubstitutionTemplateLiteral',
  'isNonNullExpression',
  'isNumericLiteral',
  'isObjectBindingPattern',
  'isObjectLiteralExpression',
  'isParameter',
  'isParameterPropertyDeclaration',
  'isParenthesizedExpression',
  'isParenthesizedTypeNode',
  'isPrivateIdentifier',
  'isPropertyAccessExpression',
  'isPropertyAssignment',
  'isPropertyDeclaration',
  'isPropertySignature',
  'isQualifiedName',
  'isSatisfiesExpression',
  'isShorthandPropertyAssignment',
  'isSourceFile',
  'isSpreadAssignment',
  'isSpreadElement',
  'isStatement',
  'isStringLiteral',
  'isStringLiteralLike',
  'isTemplateExpression',
  'isTemplateSpan',
  'isTupleTypeNode',
  'isTypeAliasDeclaration',
  'isTypeAssertionExpression',
  'isTypeLiteralNode',
  'isTypeNode',
  'isTypeOnlyImportOrExportDeclaration',
  'isTypeOperatorNode',
  'isTypeParameterDeclaration',
  'isTypeReferenceNode',
  'isUnionTypeNode',
  'isVariableDeclaration',
  'isVariableStatement',
  'isVoidExpression',
  'sys',
] as const satisfies readonly (keyof TS)[];

const held = new WeakMap<TS, TS>();

/**
 * `ts` with the exports in DIRECT_EXPORTS held as plain values on an object whose prototype is
 * `ts`. Every other export is still read from `ts` itself, so a name missing from the list costs
 * speed, never correctness. Built once per TypeScript module.
 */
export function withDirectExports(ts: TS): TS {
  let direct = held.get(ts);
  if (!direct) {
    direct = Object.create(ts) as TS;
    for (const name of DIRECT_EXPORTS) Object.defineProperty(direct, name, { value: ts[name], enumerable: true });
    held.set(ts, direct);
  }
  return direct;
}
