import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importsReachPackages } from './import-reach';
import { PackageModules } from './package-modules';
import { createInMemoryProgram, ROOT, type Files } from './testing/in-memory-program';
import { LIBRARY_STUBS } from './testing/library-stubs';

const ELECTRODB = new PackageModules(['electrodb']);
const TYPEDORM = new PackageModules(['@typedorm/common']);

/** Whether `main.ts`, among `files` and the library stubs, imports anything of `packages`. */
function reaches(main: string, files: Files = {}, packages = ELECTRODB): boolean {
  const program = createInMemoryProgram({ ...LIBRARY_STUBS, ...files, 'main.ts': main }, { experimentalDecorators: true, allowJs: true });
  const sourceFile = program.getSourceFile(`${ROOT}/main.ts`) ?? program.getSourceFile(`${ROOT}/main.js`);
  return importsReachPackages(ts, sourceFile as ts.SourceFile, program.getTypeChecker(), packages);
}

describe('importsReachPackages', () => {
  it('is true for a direct import of the package, by name, alias, namespace, default or import-equals', () => {
    expect(reaches("import { Entity } from 'electrodb';")).toBe(true);
    expect(reaches("import { Entity as Model } from 'electrodb';")).toBe(true);
    expect(reaches("import * as electro from 'electrodb';")).toBe(true);
    expect(reaches("import electro = require('electrodb');")).toBe(true);
    expect(reaches("import type { OneSchema } from 'dynamodb-onetable';", {}, new PackageModules(['dynamodb-onetable']))).toBe(true);
  });

  it('is false for a file whose imports are all declared in the project or in other packages', () => {
    const files = { 'keys.ts': "export const PK = 'TENANT#{t}';", 'ids.ts': 'export type Id = string;' };
    expect(reaches("import { PK } from './keys';\nimport type { Id } from './ids';\nimport { capsuleIsolated } from '@capsule-guard/core';", files)).toBe(false);
    expect(reaches("import { Entity } from '@typedorm/common';")).toBe(false);
    expect(reaches("import { Entity } from 'electrodb';", {}, TYPEDORM)).toBe(false);
    expect(reaches('export const nothing = 1;')).toBe(false);
  });

  it('follows barrels at any depth: named re-exports, export *, export * as, and namespace imports of a barrel', () => {
    const deep = { 'db/index.ts': "export * from './models';", 'db/models.ts': "export { Entity as Model } from 'electrodb';" };
    expect(reaches("import { Model } from './db';", deep)).toBe(true);
    expect(reaches("import { Entity } from './db';", { 'db.ts': "export * from 'electrodb';" })).toBe(true);
    expect(reaches("import { electro } from './db';", { 'db.ts': "export * as electro from 'electrodb';" })).toBe(true);
    expect(reaches("import * as db from './db';", { 'db.ts': "import { Entity } from 'electrodb';\nexport { Entity };\nexport const table = 't';" })).toBe(true);
    expect(reaches("import { table } from './db';", { 'db.ts': "export { Entity } from 'electrodb';\nexport const table = 't';" })).toBe(false);
  });

  it('is true for a library installed outside node_modules (a paths entry to a vendored copy), imported directly or through a barrel', () => {
    const vendored = { 'vendor/electrodb/index.d.ts': 'export declare class Entity { constructor(schema: unknown); }' };
    const paths = { baseUrl: '.', paths: { electrodb: ['vendor/electrodb/index.d.ts'] } };
    const program = (main: string, files: Files = {}) =>
      createInMemoryProgram({ ...vendored, ...files, 'main.ts': main }, { experimentalDecorators: true, ...paths });
    const direct = program("import { Entity } from 'electrodb';");
    expect(importsReachPackages(ts, direct.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile, direct.getTypeChecker(), ELECTRODB)).toBe(true);
    const barrel = program("import { Entity } from './db';", { 'db.ts': "export { Entity } from 'electrodb';" });
    expect(importsReachPackages(ts, barrel.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile, barrel.getTypeChecker(), ELECTRODB)).toBe(true);
  });

  it('answers yes where a name cannot be followed: an untyped module, a JavaScript file, a namespace of its own, cycles of namespaces', () => {
    expect(reaches("import { Entity } from 'not-installed';")).toBe(true);
    expect(reaches("import * as a from './a';", { 'a.ts': "export * as b from './b';", 'b.ts': "export * as a from './a';" })).toBe(true);
    expect(reaches('namespace N { export const x = 1; }')).toBe(true);
    const js = createInMemoryProgram({ ...LIBRARY_STUBS, 'main.js': "const { Entity } = require('./db');" }, { allowJs: true, checkJs: true });
    expect(importsReachPackages(ts, js.getSourceFile(`${ROOT}/main.js`) as ts.SourceFile, js.getTypeChecker(), ELECTRODB)).toBe(true);
  });
});
