import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importsReachPackages } from './import-reach';
import { PackageModules } from './package-modules';
import { createInMemoryProgram, ROOT, type Files } from './testing/in-memory-program';
import { LIBRARY_STUBS } from './testing/library-stubs';

const ELECTRODB = new PackageModules(['electrodb']);
const TYPEDORM = new PackageModules(['@typedorm/common']);

const ONETABLE = new PackageModules(['dynamodb-onetable']);

/** Whether `main.ts`, among `files` and the library stubs, imports anything of `packages` (for types too, with `withTypes`). */
function reaches(main: string, files: Files = {}, packages = ELECTRODB, withTypes = false): boolean {
  const program = createInMemoryProgram({ ...LIBRARY_STUBS, ...files, 'main.ts': main }, { experimentalDecorators: true, allowJs: true });
  const sourceFile = program.getSourceFile(`${ROOT}/main.ts`) ?? program.getSourceFile(`${ROOT}/main.js`);
  return importsReachPackages(ts, sourceFile as ts.SourceFile, program.getTypeChecker(), packages, withTypes);
}

describe('importsReachPackages', () => {
  it('is true for a direct import of the package written after new or @, by name, alias, namespace, default or import-equals', () => {
    expect(reaches("import { Entity } from 'electrodb';\nnew Entity({});")).toBe(true);
    expect(reaches("import { Entity as Model } from 'electrodb';\nnew Model({});")).toBe(true);
    expect(reaches("import * as electro from 'electrodb';\nnew electro.Entity({});")).toBe(true);
    expect(reaches("import electro = require('electrodb');\nnew (electro.Entity)({});")).toBe(true);
    expect(reaches("import { Entity } from '@typedorm/common';\n@ Entity({}) class A {}", {}, TYPEDORM)).toBe(true);
    expect(reaches("import { Table } from 'dynamodb-onetable';\nnew\n  Table({});", {}, ONETABLE)).toBe(true);
  });

  it('follows only the names written after new or @ (an entity class or a decorator), unless asked for any name', () => {
    const main = "import { Entity } from 'electrodb';\nexport type Model = typeof Entity;\nconst renew = (x: unknown) => x;\nrenew(Entity);";
    expect(reaches(main)).toBe(false);
    expect(reaches(main, {}, ELECTRODB, true)).toBe(true);
    // A member of another name is not the imported name; neither is a longer name that begins with it.
    expect(reaches("import { Entity } from 'electrodb';\nconst models = { Entity };\nnew models.Entity({});\nnew EntityList();")).toBe(false);
    // What cannot be read past before the name counts: a comment, a space beyond ASCII.
    expect(reaches("import { Entity } from 'electrodb';\nnew /* the model */ Entity({});")).toBe(true);
    expect(reaches("import { Entity } from 'electrodb';\n@/* a */ Entity({}) class A {}", {}, ELECTRODB)).toBe(true);
    expect(reaches("import { Entity } from 'electrodb';\nnew\u00a0Entity({});")).toBe(true);
    // A comment after `@` before another name hides no imported name.
    expect(reaches("import { Entity } from 'electrodb';\n@/* a */ x class A {}\nlet t: Entity;")).toBe(false);
    // A name assigned as it is may be renamed by a const written after new or @; a call or a comparison is not.
    expect(reaches("import { Entity } from 'electrodb';\nconst Model = Entity;\nnew Model({});")).toBe(true);
    expect(reaches("import * as electro from 'electrodb';\nconst Model = electro.Entity;\nnew Model({});")).toBe(true);
    expect(reaches("import { Entity } from 'electrodb';\nconst made = Entity();\nlet same = made === Entity;")).toBe(false);
    // Past what does not change the value: parentheses, comments, a type assertion; not past an arrow or a comparison.
    for (const wrapped of ['(Entity)', '( /* the model */ (Entity))', '<typeof Entity>Entity', '<Array<() => void>>(Entity)']) {
      expect(reaches(`import { Entity } from 'electrodb';\nconst Model = ${wrapped};\nnew Model({});`)).toBe(true);
    }
    expect(reaches("import { Entity } from 'electrodb';\nconst make = () => Entity;\nconst big = 1 > Entity;")).toBe(false);
    expect(reaches("import { Entity } from 'electrodb';\nlet x: Array<string> = [];\nconst big = 1 > (Entity);")).toBe(false);
    // An `@` in a string counts.
    expect(reaches("import { Entity } from 'electrodb';\nconst tag = '@Entity';")).toBe(true);
    // A name may be written with escapes: then every name counts.
    expect(reaches("import { Entity } from 'electrodb';\nnew \\u0045ntity({});")).toBe(true);
    expect(reaches("import { \\u0045ntity } from 'electrodb';\nnew Entity({});")).toBe(true);
    // Names are read with TypeScript's identifier rules, beyond ASCII too.
    expect(reaches("import { Entity as Entität } from 'electrodb';\nnew Entität({});")).toBe(true);
    expect(reaches("import { Entity } from 'electrodb';\nconst énew = (x: unknown) => x;\nénew(Entity);")).toBe(false);
  });

  it('follows a name written after new or @ through a local barrel, whatever else the file imports, by any form of import', () => {
    const files = { 'keys.ts': "export const PK = 'TENANT#{t}';", 'db.ts': "export { Entity as Model } from 'electrodb';" };
    const main = "import { PK } from './keys';\nimport { capsuleIsolated } from '@capsule-guard/core';\nimport {\n  Model,\n} from './db';\n@capsuleIsolated class A {}\nnew Model({ pk: PK });";
    expect(reaches(main, files)).toBe(true);
    expect(reaches(main.replace('new Model', 'Model'), files)).toBe(false);
    // A default import and a namespace import are read as named ones are.
    expect(reaches("import Model from './db';\nnew Model();", { 'db.ts': "export { Entity as default } from 'electrodb';" })).toBe(true);
    expect(reaches("import * as db from './db';\nnew db.Model();", files)).toBe(true);
  });

  it('is false for a file whose imports are all declared in the project or in other packages', () => {
    const files = { 'keys.ts': "export const PK = 'TENANT#{t}';", 'ids.ts': 'export type Id = string;', 'base.ts': 'export class Base {}' };
    expect(reaches("import { PK } from './keys';\nimport type { Id } from './ids';\nimport { Base } from './base';\nnew Base();", files)).toBe(false);
    expect(reaches("import { capsuleIsolated } from '@capsule-guard/core';\n@capsuleIsolated class A {}", files)).toBe(false);
    expect(reaches("import { Entity } from '@typedorm/common';\n@Entity({}) class A {}")).toBe(false);
    expect(reaches("import { Entity } from 'electrodb';\nnew Entity({});", {}, TYPEDORM)).toBe(false);
    expect(reaches('export const nothing = 1;')).toBe(false);
  });

  it('counts names imported for types only when asked for any name: an entity class or a decorator is a value, a schema type is not', () => {
    for (const main of ["import type { OneSchema } from 'dynamodb-onetable';", "import { type OneSchema } from 'dynamodb-onetable';"]) {
      expect(reaches(main, {}, ONETABLE, true)).toBe(true);
      expect(reaches(main, {}, ONETABLE, false)).toBe(false);
    }
    const barrel = { 'db.ts': "export type { OneSchema } from 'dynamodb-onetable';" };
    expect(reaches("import type { OneSchema } from './db';", barrel, ONETABLE, true)).toBe(true);
    expect(reaches("import type * as db from './db';", barrel, ONETABLE, true)).toBe(true);
  });

  it('follows barrels at any depth: named re-exports, export *, export * as, and namespace imports of a barrel', () => {
    const deep = { 'db/index.ts': "export * from './models';", 'db/models.ts': "export { Entity as Model } from 'electrodb';" };
    expect(reaches("import { Model } from './db';\nnew Model({});", deep)).toBe(true);
    expect(reaches("import { Entity } from './db';\nnew Entity({});", { 'db.ts': "export * from 'electrodb';" })).toBe(true);
    expect(reaches("import { electro } from './db';\nnew electro.Entity({});", { 'db.ts': "export * as electro from 'electrodb';" })).toBe(true);
    const both = { 'db.ts': "import { Entity } from 'electrodb';\nexport { Entity };\nexport class Table {}" };
    expect(reaches("import * as db from './db';\nnew db.Table();", both)).toBe(true);
    expect(reaches("import { Table } from './db';\nnew Table();", both)).toBe(false);
    // Declared in the very module a relative import names, a name is not followed further; declared elsewhere, it is.
    expect(reaches("import { Entity } from './db';\nnew Entity({});", { 'db.ts': "import { Entity } from 'electrodb';\nexport { Entity };" })).toBe(true);
    expect(reaches("import Model from './db';\nnew Model({});", { 'db.ts': "import { Entity } from 'electrodb';\nexport default Entity;" })).toBe(true);
    expect(reaches("import { Entity } from './node_modules/electrodb';\nnew Entity({});")).toBe(true);
  });

  it('is true for a library installed outside node_modules (a paths entry to a vendored copy), imported directly or through a barrel', () => {
    const vendored = { 'vendor/electrodb/index.d.ts': 'export declare class Entity { constructor(schema: unknown); }' };
    const paths = { baseUrl: '.', paths: { electrodb: ['vendor/electrodb/index.d.ts'] } };
    const program = (main: string, files: Files = {}) =>
      createInMemoryProgram({ ...vendored, ...files, 'main.ts': main }, { experimentalDecorators: true, ...paths });
    const direct = program("import { Entity } from 'electrodb';\nnew Entity({});");
    expect(importsReachPackages(ts, direct.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile, direct.getTypeChecker(), ELECTRODB)).toBe(true);
    const barrel = program("import { Entity } from './db';\nnew Entity({});", { 'db.ts': "export { Entity } from 'electrodb';" });
    expect(importsReachPackages(ts, barrel.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile, barrel.getTypeChecker(), ELECTRODB)).toBe(true);
  });

  it('answers yes where a name cannot be followed: an untyped module, a JavaScript file, a namespace of its own, cycles of namespaces', () => {
    expect(reaches("import { Entity } from 'not-installed';\nnew Entity();")).toBe(true);
    expect(reaches("import * as a from './a';\nnew a.b.X();", { 'a.ts': "export * as b from './b';", 'b.ts': "export * as a from './a';" })).toBe(true);
    expect(reaches("namespace N { import electro = require('electrodb'); export const x = new electro.Entity({}); }")).toBe(true);
    const js = createInMemoryProgram({ ...LIBRARY_STUBS, 'main.js': "const { Entity } = require('./db');\nnew Entity({});" }, { allowJs: true, checkJs: true });
    expect(importsReachPackages(ts, js.getSourceFile(`${ROOT}/main.js`) as ts.SourceFile, js.getTypeChecker(), ELECTRODB)).toBe(true);
  });

  it('answers no for a text that writes neither @ nor new, whatever it imports, unless a keyword may be written with escapes', () => {
    expect(reaches("import { Entity } from 'not-installed';\nexport const model = Entity;")).toBe(false);
    expect(reaches("import { Entity } from 'electrodb';\nexport const model = Entity;")).toBe(false);
    expect(reaches('namespace N { export const x = 1; }')).toBe(false);
    const js = createInMemoryProgram({ ...LIBRARY_STUBS, 'main.js': "const { Entity } = require('electrodb');\nmodule.exports = Entity;" }, { allowJs: true });
    expect(importsReachPackages(ts, js.getSourceFile(`${ROOT}/main.js`) as ts.SourceFile, js.getTypeChecker(), ELECTRODB)).toBe(false);
    // The parser reads an escaped keyword as the keyword (and reports it).
    expect(reaches("import { Entity } from 'electrodb';\nexport const model = n\\u0065w Entity({});")).toBe(true);
  });

  it('answers no for a text that writes neither import nor require, whatever else it writes, unless with escapes', () => {
    expect(reaches('namespace N { export const x = new Date(); }')).toBe(false);
    expect(reaches('export const groups = new Map<string, number>();\n@decorate class A {}')).toBe(false);
    const js = createInMemoryProgram({ ...LIBRARY_STUBS, 'main.js': 'export const model = new Entity({});' }, { allowJs: true });
    expect(importsReachPackages(ts, js.getSourceFile(`${ROOT}/main.js`) as ts.SourceFile, js.getTypeChecker(), ELECTRODB)).toBe(false);
    expect(reaches("\\u0069mport { Entity } from 'electrodb';\nnew Entity({});")).toBe(true);
  });

  it('asks the checker nothing about names imported from our own package, nor about names the file does not write after new or @', () => {
    const program = createInMemoryProgram({
      ...LIBRARY_STUBS,
      'ids.ts': 'export type Id = string;\nexport const make = (): Id => "x";',
      'main.ts': "import { capsuleIsolated, entity } from '@capsule-guard/core';\nimport type { Id } from './ids';\nimport { make } from './ids';\n@capsuleIsolated @entity({}) class A { id: Id = make(); }",
    }, {});
    const asked: string[] = [];
    const real = program.getTypeChecker();
    const checker = new Proxy(real, {
      get: (target, property: keyof ts.TypeChecker) => {
        const value = target[property];
        return typeof value === 'function' ? (...args: unknown[]) => (asked.push(String(property)), (value as (...a: unknown[]) => unknown)(...args)) : value;
      },
    });
    const main = program.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile;
    expect(importsReachPackages(ts, main, checker, ELECTRODB)).toBe(false);
    expect(asked).toEqual([]);
    expect(importsReachPackages(ts, main, checker, ONETABLE, true)).toBe(false);
    expect(asked).toContain('getSymbolAtLocation');
  });
});
