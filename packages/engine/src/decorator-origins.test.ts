import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options';
import { checkCode } from './testing/check-code';
import { where } from './testing/both-modes';

/** An isolated entity whose pk lacks the capsule segment, written with decorators named `entity` and `iso`. */
const leaky = (imports: string, entity = 'entity', iso = 'iso') => `${imports}
@${entity}({ pk: 'TENANT#{tenantId}#ITEM#{id}' })
@${iso}
export class Item {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;
const LEAK = [['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 2, 15, "'TENANT#{tenantId}#ITEM#{id}'"]];
/** The same template where no decorator of ours declares it: a key written by hand. */
const HAND_WRITTEN_LEAK = ['capsule-guard/isolated-key-literals', 'missingCapsuleSegment', 2, 15, "'TENANT#{tenantId}#ITEM#{id}'"];
const CORE = "'@capsule-guard/core'";

describe('decorators reached through a local barrel, with type information', () => {
  it.each([
    ['a named re-export', { 'decorators.ts': `export { entity, capsuleIsolated as iso } from ${CORE};` }, "import { entity, iso } from './decorators';"],
    ['export *', { 'decorators.ts': `export * from ${CORE};` }, "import { entity, capsuleIsolated as iso } from './decorators';"],
    ['an import re-exported by name', { 'decorators.ts': `import { entity, capsuleIsolated } from ${CORE};\nexport { entity, capsuleIsolated as iso };` }, "import { entity, iso } from './decorators';"],
    ['a barrel two levels deep', {
      'lib/core.ts': `export { entity as table, capsuleIsolated } from ${CORE};`,
      'decorators.ts': "export * from './lib/core';\nexport { table as entity, capsuleIsolated as iso } from './lib/core';",
    }, "import { entity, iso } from './decorators';"],
    ['export * three levels deep', {
      'a.ts': `export * from ${CORE};`,
      'b.ts': "export * from './a';",
      'decorators.ts': "export * from './b';",
    }, "import { entity, capsuleIsolated as iso } from './decorators';"],
    ['a barrel in another folder, imported with a .js extension', { 'model/decorators.ts': `export * from ${CORE};` }, "import { entity, capsuleIsolated as iso } from './model/decorators.js';"],
    ['an index file', { 'decorators/index.ts': `export * from ${CORE};` }, "import { entity, capsuleIsolated as iso } from './decorators';"],
    ['a namespace import of the barrel', { 'decorators.ts': `export * from ${CORE};` }, "import * as d from './decorators';\nconst unused = 0;"],
    ['import = require of the barrel', { 'decorators.ts': `export * from ${CORE};` }, "import d = require('./decorators');\nconst unused = 0;"],
    ['export * as ns', { 'decorators.ts': `export * as cg from ${CORE};` }, "import { cg } from './decorators';\nconst unused = 0;"],
    ['a namespace re-exported by name', { 'decorators.ts': `import * as cg from ${CORE};\nexport { cg };` }, "import { cg } from './decorators';\nconst unused = 0;"],
    ['export * as ns two levels deep', {
      'a.ts': `export * as cg from ${CORE};`,
      'decorators.ts': "export * from './a';",
    }, "import { cg } from './decorators';\nconst unused = 0;"],
  ])('checks an entity whose decorators come through %s', (_, files, imports) => {
    const namespaced = imports.includes('* as d') || imports.includes('d = require');
    const [entity, iso] = namespaced ? ['d.entity', 'd.capsuleIsolated'] : imports.includes('{ cg }') ? ['cg.entity', 'cg.capsuleIsolated'] : ['entity', 'iso'];
    const code = leaky(imports, entity, iso);
    const line = code.split('\n').findIndex((l) => l.includes('pk:')) + 1;
    const column = code.split('\n')[line - 1].indexOf("'TENANT") + 1;
    expect(where(checkCode(code, { typed: true, files }))).toEqual([[...LEAK[0].slice(0, 2), line, column, LEAK[0][4]]]);
    // Without type information the importer cannot see through the barrel: the decorator is not
    // known to be ours, so its leaky template reads as a key written by hand.
    expect(where(checkCode(code, { files }))).toEqual([[...HAND_WRITTEN_LEAK.slice(0, 2), line, column, HAND_WRITTEN_LEAK[4]]]);
  });

  it.each([
    ['a default re-export', `export { entity as default } from ${CORE};\nexport { capsuleIsolated as iso } from ${CORE};`],
    ['export default of an import', `import { entity } from ${CORE};\nexport default entity;\nexport { capsuleIsolated as iso } from ${CORE};`],
  ])('checks an @entity imported as %s', (_, barrel) => {
    const code = leaky("import entity, { iso } from './decorators';");
    expect(where(checkCode(code, { typed: true, files: { 'decorators.ts': barrel } }))).toEqual(LEAK);
  });

  it('checks decorators through a barrel under experimentalDecorators', () => {
    const code = leaky("import { entity, iso } from './decorators';");
    const files = { 'decorators.ts': `export { entity, capsuleIsolated as iso } from ${CORE};` };
    expect(where(checkCode(code, { typed: true, files, experimentalDecorators: true }))).toEqual(LEAK);
  });

  it('checks every rule on an entity and a route reached through a barrel', () => {
    const code = `import { entity, apiEndpoint } from './decorators';
@entity({ pk: 'ITEM#{id}' })
export class Item { id!: string }
export class Items {
  @apiEndpoint({ path: '/items/{id}', method: 'GET', pathParams: ['id'] })
  get(id: string) { return id; }
}
`;
    const files = { 'decorators.ts': `export * from ${CORE};` };
    expect(where(checkCode(code, { typed: true, files }))).toEqual([
      ['capsule-guard/isolation-scope-required', 'missingScope', 3, 14, 'Item'],
      ['capsule-guard/explicit-route-params', 'missingList', 5, 16, "{ path: '/items/{id}', method: 'GET', pathParams: ['id'] }"],
    ]);
  });

  it.each([
    ['a barrel of another library', { 'decorators.ts': 'export function entity(o: unknown) { return (c: unknown) => c; }\nexport const iso = (c: unknown) => c;' }],
    ['a barrel wrapping our decorator in a function of its own', { 'decorators.ts': `import { entity as e, capsuleIsolated } from ${CORE};\nexport const entity = (o: unknown) => e(o);\nexport const iso = capsuleIsolated;` }],
    ['a type-only re-export', { 'decorators.ts': `export type { entity } from ${CORE};\nexport declare const iso: any;` }],
  ])('does not take decorators from %s for ours', (_, files) => {
    // Not an entity of ours, so its template is only a key written by hand, checked as such.
    expect(where(checkCode(leaky("import { entity, iso } from './decorators';"), { typed: true, files }))).toEqual([HAND_WRITTEN_LEAK]);
  });

  it('checks a configured relative decorator module, matched by the file it resolves to', () => {
    const decoratorModules = ['./src/decorators'];
    const options = { ...DEFAULT_OPTIONS, decoratorModules };
    const files = {
      'src/decorators.ts': 'export declare function entity(o: unknown): any;\nexport declare const iso: any;',
      'src/model/decorators.ts': 'export declare function entity(o: unknown): any;\nexport declare const iso: any;',
    };
    // From /project/entity.ts, './src/decorators.js' is the configured file; './src/model/decorators' is another one.
    const configured = leaky("import { entity } from './src/decorators.js';\nimport { capsuleIsolated } from '@capsule-guard/core';", 'entity', 'capsuleIsolated');
    const other = configured.replace('./src/decorators.js', './src/model/decorators');
    for (const typed of [false, true]) {
      expect(where(checkCode(configured, { typed, files, options })), `typed: ${typed}`).toEqual([
        ['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 3, 15, "'TENANT#{tenantId}#ITEM#{id}'"],
      ]);
      expect(where(checkCode(other, { typed, files, options })), `typed: ${typed}`).toEqual([['capsule-guard/isolated-key-literals', 'missingCapsuleSegment', 3, 15, "'TENANT#{tenantId}#ITEM#{id}'"]]);
    }
  });
});
