import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules, identifierText, literalPropertyName } from './identifiers';

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

describe('identifierRules', () => {
  const rules = identifierRules(ts, ts.ScriptTarget.Latest);

  it.each(['id', '$id', '_id', 'naïve', '名前', 'propriétaire', 'a\u200Cb', '𝑥', '𠀀𠀀', 'x1'])('accepts %s as TypeScript does', (name) => {
    expect(rules.isName(name)).toBe(true);
  });

  it.each(['', '1st', 'a-b', 'a b', '€', '😀', '·a', 'a.b'])('rejects %j', (name) => {
    expect(rules.isName(name)).toBe(false);
  });

  it('finds where a name ends, counting astral characters as one', () => {
    expect(rules.nameEnd('/:名前/x', 2)).toBe(4);
    expect(rules.nameEnd(':𝑥y.json', 1)).toBe(4);
    expect(rules.nameEnd(':/', 1)).toBe(1);
  });
});
