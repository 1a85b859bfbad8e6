import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierText } from './identifiers';

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
