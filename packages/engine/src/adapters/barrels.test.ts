import { describe, expect, it } from 'vitest';
import { where } from '../testing/both-modes';
import { checkCode } from '../testing/check-code';
import { LIBRARY_STUBS } from '../testing/library-stubs';

/**
 * A local module that re-exports a modelling library: followed with type information; without it,
 * reported where it re-exports and where an entity is declared with what it re-exports.
 */
const SCOPE = 'capsule-guard/isolation-scope-required';

const ELECTRODB = `import { Entity } from './db';
export const Contract = new Entity({
  model: { entity: 'contract', version: '1', service: 'crm' },
  attributes: { tenantId: { type: 'string', required: true }, capsuleId: { type: 'string', required: true }, id: { type: 'string', required: true } },
  indexes: { byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } } },
}, { table: 'platform_data' });
`;
const ONETABLE = `import { Table } from './db';
const schema = {
  version: '0.0.1',
  indexes: { primary: { hash: 'pk' } },
  models: { Contract: { pk: { type: String, value: 'CONTRACT#\${id}' }, capsuleId: { type: String, required: true }, id: { type: String } } },
} as const;
export const table = new Table({ name: 'platform_data', schema });
`;
const TYPEDORM = `import { Entity } from './db';
@Entity({ name: 'org', primaryKey: { partitionKey: 'ORG#{{id}}' } })
export class Organisation { tenantId!: string; capsuleId!: string; id!: string }
`;

describe.each([
  ['ElectroDB', 'electrodb', ELECTRODB, 'Entity', [2, 29, 'Entity'], 'compositeNotScoped'],
  ['OneTable', 'dynamodb-onetable', ONETABLE, 'Table', [7, 26, 'Table'], 'libraryMissingTenantSegment'],
  ['TypeDORM', '@typedorm/common', TYPEDORM, 'Entity', [2, 2, 'Entity'], 'libraryMissingTenantSegment'],
])('a %s entity declared through a local barrel', (library, packageName, code, exported, [line, column, text], leak) => {
  const barrels: [string, string][] = [
    ['a named re-export', `export { ${exported} } from '${packageName}';\n`],
    ['export *', `export * from '${packageName}';\n`],
    ['an import exported again', `import { ${exported} } from '${packageName}';\nexport { ${exported} };\n`],
    ['a const that renames the import', `import { ${exported} as Original } from '${packageName}';\nexport const ${exported} = Original;\n`],
  ];

  it.each(barrels)('is checked through %s with type information', (_, barrel) => {
    const files = { ...LIBRARY_STUBS, 'db.ts': barrel };
    expect(where(checkCode(code, { typed: true, files })).map((f) => f[1])).toContain(leak);
  });

  it.each([
    ['a barrel of barrels, renamed on the way', { 'db/index.ts': "export * from './models';", 'db/models.ts': `export { ${exported} as Model } from '${packageName}';\n` }, 'Model'],
    ['a namespace re-export', { 'db.ts': `export * as orm from '${packageName}';\n` }, 'orm.'],
  ])('is checked through %s with type information', (_, files, written) => {
    const importLine = written.endsWith('.') ? "import { orm } from './db';" : `import { ${written} } from './db';`;
    const use = written.endsWith('.') ? `${written}${exported}` : written;
    const source = code.replace(`import { ${exported} } from './db';`, importLine).replace(new RegExp(`(new |@)${exported}\\(`), `$1${use}(`);
    expect(source).not.toBe(code);
    expect(where(checkCode(source, { typed: true, files: { ...LIBRARY_STUBS, ...files } })).map((f) => f[1])).toContain(leak);
  });

  it('is checked through a namespace import of a barrel with type information', () => {
    const source = code.replace(`import { ${exported} } from './db';`, "import * as db from './db';").replace(new RegExp(`(new |@)${exported}\\(`), `$1db.${exported}(`);
    const files = { ...LIBRARY_STUBS, 'db.ts': `export { ${exported} } from '${packageName}';\nexport const table = 'platform_data';\n` };
    expect(where(checkCode(source, { typed: true, files })).map((f) => f[1])).toContain(leak);
  });

  it('is reported as not checked without type information, naming the module and the library export', () => {
    const findings = checkCode(code, { files: { ...LIBRARY_STUBS, 'db.ts': barrels[0][1] } });
    expect(where(findings)).toEqual([[SCOPE, 'libraryEntityNeedsTypeInformation', line, column, text]]);
    expect(findings[0].message).toBe(
      `'${exported}' is imported from './db', and this declaration has the shape of a ${library} entity. Without type information that module is not followed, so whether '${exported}' is ${library}'s ${exported} cannot be told and the entity was not checked. Import ${exported} from '${packageName}' directly, or lint with type information (parserOptions.projectService) or run 'capsule-guard check'.`,
    );
  });

  it.each(barrels)('reports %s in the barrel itself without type information', (_, barrel) => {
    const findings = checkCode(barrel);
    expect(findings.map((finding) => [finding.ruleId, finding.messageId])).toEqual([[SCOPE, 'uncheckedLibraryReexport']]);
    expect(findings[0].data.library).toBe(packageName);
    expect(checkCode(barrel, { typed: true, files: LIBRARY_STUBS })).toEqual([]);
  });
});

describe('without type information', () => {
  it('reports a barrel re-export where it is written, with the names it hands on', () => {
    const findings = checkCode("export { Entity as Model, Service } from 'electrodb';\nexport { Table, type OneSchema } from 'dynamodb-onetable';");
    expect(where(findings)).toEqual([
      [SCOPE, 'uncheckedLibraryReexport', 1, 20, 'Model'],
      [SCOPE, 'uncheckedLibraryReexport', 2, 10, 'Table'],
    ]);
    expect(findings.map((finding) => finding.data.names)).toEqual(["'Model'", "'Table'"]);
    expect(findings[0].message).toBe(
      "This module re-exports 'Model' of electrodb. Entities declared with them in modules that import them from here are checked only with type information (ESLint with parserOptions.projectService, tspc, the editor plugin, capsule-guard check). Import them from 'electrodb' directly, or lint with type information.",
    );
  });

  it("reports a CommonJS module's exports of a library's entity exports where they are written, with the names", () => {
    const code = [
      "const { Entity } = require('electrodb');",
      "const onetable = require('dynamodb-onetable');",
      'exports.Entity = Entity;',
      'module.exports = { Model: Entity, Table: onetable.Table, answer: 42 };',
      "exports.Other = require('dynamodb-onetable').Other;",
      '',
    ].join('\n');
    const findings = checkCode(code, { fileName: 'db.cjs' });
    expect(where(findings)).toEqual([
      [SCOPE, 'uncheckedLibraryReexport', 3, 9, 'Entity'],
      [SCOPE, 'uncheckedLibraryReexport', 4, 20, 'Model'],
      [SCOPE, 'uncheckedLibraryReexport', 4, 35, 'Table'],
    ]);
    expect(findings.map((finding) => [finding.data.names, finding.data.library])).toEqual([
      ["'Entity'", 'electrodb'],
      ["'Model'", 'electrodb'],
      ["'Table'", 'dynamodb-onetable'],
    ]);
    expect(where(checkCode("module.exports = require('electrodb');\n", { fileName: 'db.cjs' }))).toEqual([
      [SCOPE, 'uncheckedLibraryReexport', 1, 18, "require('electrodb')"],
    ]);
  });

  it('reports an entity declared through a namespace import of a barrel, and a default import', () => {
    const namespaced = ELECTRODB.replace("import { Entity } from './db';", "import * as db from '../db';").replace('new Entity(', 'new db.Entity(');
    expect(where(checkCode(namespaced))).toEqual([[SCOPE, 'libraryEntityNeedsTypeInformation', 2, 29, 'db.Entity']]);
    const defaulted = TYPEDORM.replace("import { Entity } from './db';", "import Entity from './db';");
    expect(where(checkCode(defaulted)).map((f) => f[1])).toEqual(['libraryEntityNeedsTypeInformation']);
  });

  it.each([
    ['a class of another shape from a local module', ELECTRODB.replace('  indexes:', '  others:')],
    ['an entity class of a package that is no library', ELECTRODB.replace("'./db'", "'@acme/orm'")],
    ['a type-only import', TYPEDORM.replace('import {', 'import type {')],
    ['a local class', ONETABLE.replace("import { Table } from './db';", 'class Table { constructor(_: unknown) {} }')],
    ['a table without a schema', ONETABLE.replace(', schema })', ' })')],
  ])('does not report %s', (_, code) => {
    expect(checkCode(code)).toEqual([]);
  });

  it('can be suppressed where the entity is declared', () => {
    const code = TYPEDORM.replace('@Entity(', '// capsule-guard-ignore capsule-guard/isolation-scope-required -- linted with projectService in CI\n@Entity(');
    expect(checkCode(code)).toEqual([]);
  });
});

/** The same declaration in a CommonJS module: `require` of the barrel, `exports.x =`, and JavaScript's `as const`. */
const commonJs = (code: string, exported: string) =>
  code
    .replace(`import { ${exported} } from './db';`, `const { ${exported} } = require('./db');`)
    .replace(/export const (\w+) = /u, 'exports.$1 = ')
    .replace(/= \{\n([\s\S]*?)\n\} as const;/u, '= /** @type {const} */ ({\n$1\n});');

describe.each([
  ['ElectroDB', 'electrodb', ELECTRODB, 'Entity', [2, 24, 'Entity'], 'compositeNotScoped'],
  ['OneTable', 'dynamodb-onetable', ONETABLE, 'Table', [7, 21, 'Table'], 'libraryMissingTenantSegment'],
])('a %s entity declared in a CommonJS module through a barrel it requires', (_, packageName, code, exported, [line, column, text], leak) => {
  const required = commonJs(code, exported);
  const files = { ...LIBRARY_STUBS, 'db.ts': `export { ${exported} } from '${packageName}';\n` };

  it('is checked with type information', () => {
    expect(required).not.toContain('import ');
    expect(where(checkCode(required, { typed: true, files, fileName: 'models.cjs' })).map((f) => f[1])).toContain(leak);
  });

  it('is reported as not checked without type information', () => {
    expect(where(checkCode(required, { files, fileName: 'models.cjs' }))).toEqual([[SCOPE, 'libraryEntityNeedsTypeInformation', line, column, text]]);
  });
});
