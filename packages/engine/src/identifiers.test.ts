import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierText, literalPropertyName } from './identifiers';

describe('identifierText', () => {
  it('is the text TypeScript gives every identifier, escaped names included', () => {
    const code = 'const plain = 1;\nconst _one = 2;\nconst __two = 3;\nconst ___three = 4;\nconst __proto__ = 5;\nconst ünïcode = 6;';
    const sourceFile = ts.createSourceFile('/project/names.ts', code, ts.ScriptTarget.Latest, true);
    const identifiers: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) identifiers.push(node);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    expect(identifiers.map(identifierText)).toEqual(['plain', '_one', '__two', '___three', '__proto__', 'ünïcode']);
    expect(identifiers.map(identifierText)).toEqual(identifiers.map((identifier) => identifier.text));
  });
});

describe('literalPropertyName', () => {
  it('is the name of an identifier, string or number property and undefined for a computed one', () => {
    const code = "const KEYS = { pk: 1, 'p-k': 2, 3: 3, __sk: 4, [NAME]: 5 };";
    const sourceFile = ts.createSourceFile('/project/names.ts', code, ts.ScriptTarget.Latest, true);
    const [statement] = sourceFile.statements as unknown as [ts.VariableStatement];
    const literal = statement.declarationList.declarations[0].initializer as ts.ObjectLiteralExpression;
    const names = literal.properties.map((property) => literalPropertyName(ts, property.name as ts.PropertyName));
    expect(names).toEqual(['pk', 'p-k', '3', '__sk', undefined]);
  });
});
