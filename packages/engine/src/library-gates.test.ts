import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mayDeclareLibraryEntities } from './adapters/library-entities';
import { declaresNoLibraryInstance } from './import-reach';
import { mayDeclareFrameworkRoutesIn } from './routes/check-framework-routes';
import { checkBothModes, where } from './testing/both-modes';
import { checkCode } from './testing/check-code';
import { FRAMEWORK_FILES } from './testing/framework-declarations';
import { createInMemoryProgram, ROOT } from './testing/in-memory-program';
import { LIBRARY_STUBS } from './testing/library-stubs';

const KEYS = 'capsule-guard/isolated-key-templates';
const CAPSULE = 'capsule-guard/capsule-id-required';
const ROUTES = 'capsule-guard/explicit-route-params';

/** One entity of ours, clean, on lines 1–4; whatever `after` declares follows from line 5. */
const besideOurs = (imports: string, after: string) => `import { capsuleIsolated, entity } from '@capsule-guard/core';
${imports}
@entity({ table: 't', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#A#{id}' }) @capsuleIsolated
export class Account { tenantId!: string; capsuleId!: string; id!: string; }
${after}
`;

describe('a library declared beside our own decorators, in one file', () => {
  it('is checked when a TypeDORM class decorator stands beside ours, imported directly or through a barrel', () => {
    const organisation = "@Entity({ name: 'org', primaryKey: { partitionKey: 'ORG#{{id}}' } })\nexport class Org { id!: string; }";
    const direct = besideOurs("import { Entity } from '@typedorm/common';", organisation);
    const expected = [
      [KEYS, 'libraryMissingTenantSegment', 5, 52, "'ORG#{{id}}'"],
      [KEYS, 'libraryMissingCapsuleSegment', 5, 52, "'ORG#{{id}}'"],
      [CAPSULE, 'missingCapsuleId', 6, 14, 'Org'],
    ];
    expect(where(checkBothModes(direct, { files: LIBRARY_STUBS }))).toEqual(expected);
    const barrel = besideOurs("import { Entity } from './db';", organisation);
    const files = { ...LIBRARY_STUBS, 'db.ts': "export { Entity } from '@typedorm/common';" };
    expect(where(checkCode(barrel, { files, typed: true }))).toEqual(expected);
  });

  it('is checked when an ElectroDB entity is made with new beside a class of ours', () => {
    const contract = "export const Contract = new Entity({ model: { entity: 'c', version: '1', service: 's' }, attributes: { id: { type: 'string' } }, indexes: { byId: { pk: { field: 'pk', composite: ['id'] } } } });";
    const code = besideOurs("import { Entity } from 'electrodb';", contract);
    expect(where(checkBothModes(code, { files: LIBRARY_STUBS })).map((f) => [f[0], f[1], f[2]])).toContainEqual([KEYS, 'compositeNotScoped', 5]);
  });

  it('is checked when a NestJS controller stands beside an entity of ours', () => {
    const controller = "@Controller('accounts')\nexport class Accounts {\n  @Get(':id')\n  find() { return 1; }\n}";
    const code = besideOurs("import { Controller, Get } from '@nestjs/common';", controller);
    expect(where(checkCode(code, { files: FRAMEWORK_FILES, typed: true }))).toEqual([[ROUTES, 'placeholderNotBound', 7, 8, "':id'"]]);
  });
});

describe('the typed gates, told that every class and method decorator of the file is ours', () => {
  /** The gates' answers for `main.ts`, without and with that knowledge. */
  const gates = (main: string) => {
    const program = createInMemoryProgram({ ...LIBRARY_STUBS, ...FRAMEWORK_FILES, 'main.ts': main }, { experimentalDecorators: true });
    const sourceFile = program.getSourceFile(`${ROOT}/main.ts`) as ts.SourceFile;
    const checker = program.getTypeChecker();
    return [false, true].map((onlyOurs) => {
      const declaresNoInstance = declaresNoLibraryInstance(sourceFile, onlyOurs);
      return [mayDeclareLibraryEntities(ts, sourceFile, checker, declaresNoInstance), mayDeclareFrameworkRoutesIn(ts, sourceFile, checker, declaresNoInstance)];
    });
  };

  it("do not read the file's imports for a library's decorator when it writes no new", () => {
    // An `@` in a string counts as a decorator when nothing more is known.
    const main = "import { Entity } from '@typedorm/common';\nimport { Controller } from '@nestjs/common';\nexport const tags = ['@Entity', '@Controller'];";
    expect(gates(main)).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('still read them for a library whose entity is made with new, or whose schema type may be used', () => {
    expect(gates("import { Entity } from 'electrodb';\nexport const make = (schema: never) => new Entity(schema);")).toEqual([
      [true, false],
      [true, false],
    ]);
    const schema = "import type { OneSchema } from 'dynamodb-onetable';\nexport const schema: OneSchema = { version: '1', indexes: {}, models: {} } as never;";
    expect(gates(schema)).toEqual([
      [true, false],
      [true, false],
    ]);
  });
});
