import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options';
import { checkCode } from './testing/check-code';
import { where } from './testing/both-modes';

const REEXPORT = ['capsule-guard/isolation-scope-required', 'uncheckedReexport'];

describe('a module that re-exports our decorators, without type information', () => {
  it.each([
    ['a named re-export', "export { entity, capsuleIsolated as iso } from '@capsule-guard/core';", 1, 10, 'entity', "'entity', 'iso'"],
    ['export *', "export * from '@capsule-guard/core';", 1, 15, "'@capsule-guard/core'", "'*'"],
    ['export * as ns', "export * as cg from '@capsule-guard/core';", 1, 13, 'cg', "'cg'"],
    ['a default re-export', "export { apiEndpoint as default } from '@capsule-guard/core';", 1, 25, 'default', "'default'"],
    ['an import re-exported by name', "import { entity } from '@capsule-guard/core';\nexport { entity as table };", 2, 20, 'table', "'table'"],
    ['a namespace re-exported', "import * as cg from '@capsule-guard/core';\nexport { cg };", 2, 10, 'cg', "'cg'"],
    ['export default of an import', "import { entity } from '@capsule-guard/core';\nexport default entity;", 2, 16, 'entity', "'default'"],
    ['export = of a namespace', "import cg = require('@capsule-guard/core');\nexport = cg;", 2, 10, 'cg', "'export ='"],
    ['an exported const', "import * as cg from '@capsule-guard/core';\nexport const table = cg.entity, other = 1;", 2, 14, 'table', "'table'"],
    ['export import = require', "export import cg = require('@capsule-guard/core');", 1, 15, 'cg', "'cg'"],
  ])('reports %s at the re-export', (_, code, line, column, text, names) => {
    const findings = checkCode(code);
    expect(where(findings)).toEqual([[...REEXPORT, line, column, text]]);
    expect(findings[0].data).toEqual({ names });
    expect(findings[0].message).toContain('checked only with type information');
    // With type information the importers are checked themselves.
    expect(checkCode(code, { typed: true })).toEqual([]);
  });

  it.each([
    ['an export of a required member', "exports.entity = require('@capsule-guard/core').entity;", 1, 9, 'entity', "'entity'"],
    ['module.exports.name of a required member', "module.exports.table = require('@capsule-guard/core').entity;", 1, 16, 'table', "'table'"],
    ['module.exports of a required namespace', "const cg = require('@capsule-guard/core');\nmodule.exports = cg;", 2, 18, 'cg', "'module.exports'"],
    ['module.exports of an object', "const { entity, capsuleIsolated } = require('@capsule-guard/core');\nmodule.exports = { entity, iso: capsuleIsolated, answer: 42 };", 2, 20, 'entity', "'entity', 'iso'"],
  ])('reports %s in a CommonJS module at the export', (_, code, line, column, text, names) => {
    const findings = checkCode(code, { fileName: 'decorators.cjs' });
    expect(where(findings)).toEqual([[...REEXPORT, line, column, text]]);
    expect(findings[0].data).toEqual({ names });
    expect(checkCode(code, { typed: true, fileName: 'decorators.cjs' })).toEqual([]);
  });

  it('does not report what a CommonJS module exports that is not one of our decorators', () => {
    const code = "const core = require('@capsule-guard/core');\nexports.answer = 42;\nexports.keys = core.buildKeys;\nmodule.exports = { answer: 42, keys: core.buildKeys };\n";
    expect(checkCode(code, { fileName: 'decorators.cjs' })).toEqual([]);
  });

  it('reports a re-export from a configured module, and not a configured module itself', () => {
    const options = { ...DEFAULT_OPTIONS, decoratorModules: ['@acme/entities', './src/decorators'] };
    expect(where(checkCode("export * from '@acme/entities';", { options }))).toEqual([[...REEXPORT, 1, 15, "'@acme/entities'"]]);
    expect(where(checkCode("export * from './src/decorators.js';", { options }))).toEqual([[...REEXPORT, 1, 15, "'./src/decorators.js'"]]);
    // The checked file is /project/entity.ts: listed itself, it is the module its importers are checked by.
    const listed = { ...DEFAULT_OPTIONS, decoratorModules: ['./entity.js'] };
    expect(checkCode("export * from '@capsule-guard/core';", { options: listed })).toEqual([]);
  });

  it.each([
    ['exports of the core that are not decorators', "export { buildKeys, type EntityOptions } from '@capsule-guard/core';"],
    ['type-only re-exports', "export type { entity } from '@capsule-guard/core';\nexport type * from '@capsule-guard/core';"],
    ['a local function of the same name', "export function entity() {}\nexport { entity as table };"],
    ['re-exports of another module', "export * from '@acme/other';\nexport { entity } from './local';"],
  ])('does not report %s', (_, code) => {
    expect(checkCode(code)).toEqual([]);
  });

  it('can be suppressed where the re-export is written', () => {
    const code = "// capsule-guard-ignore capsule-guard/isolation-scope-required -- importers are linted with projectService\nexport * from '@capsule-guard/core';";
    expect(checkCode(code)).toEqual([]);
  });
});
