import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DIRECT_EXPORTS, withDirectExports } from './direct-exports';

describe('withDirectExports', () => {
  it('holds the listed exports as own values and reads every other export from TypeScript', () => {
    const direct = withDirectExports(ts);
    for (const name of DIRECT_EXPORTS) {
      expect(Object.getOwnPropertyDescriptor(direct, name)?.value, name).toBe(ts[name]);
    }
    expect(Object.hasOwn(direct, 'createSourceFile')).toBe(false);
    expect(direct.createSourceFile).toBe(ts.createSourceFile);
    expect(direct.SyntaxKind.ClassDeclaration).toBe(ts.SyntaxKind.ClassDeclaration);
  });

  it('builds one object per TypeScript module', () => {
    const other = Object.create(ts) as typeof ts;
    expect(withDirectExports(ts)).toBe(withDirectExports(ts));
    expect(withDirectExports(other)).toBe(withDirectExports(other));
    expect(withDirectExports(other)).not.toBe(withDirectExports(ts));
    expect(Object.getPrototypeOf(withDirectExports(other))).toBe(other);
  });

  it('lists exactly the TypeScript exports the engine reads at run time', () => {
    const sourceDir = __dirname;
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('testing'),
    );
    const used = new Set<string>();
    for (const file of files) {
      const code = readFileSync(join(sourceDir, file), 'utf8').replace(/^import .*$/gmu, '');
      // Functions (`ts.isIdentifier`) and enums (`ts.SyntaxKind.`); `ts.Node` and the like are types.
      for (const match of code.matchAll(/\bts\.([a-z]\w*)\b|\bts\.([A-Z]\w*)\./gu)) used.add(match[1] ?? match[2]);
    }
    expect([...used].sort()).toEqual([...DIRECT_EXPORTS].sort());
  });
});
