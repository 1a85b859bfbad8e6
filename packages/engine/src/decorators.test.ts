import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DecoratorModules } from './decorator-modules';
import { DecoratorResolver } from './decorators';
import { mayHaveFindings } from './check';
import { DEFAULT_OPTIONS, resolveOptions } from './options';

import { checkBothModes, where } from './testing/both-modes';

/** Our decorators on every class of `code`, by class name (or line, if anonymous), as `name` or `name()`. */
const untypedResolver = (sourceFile: ts.SourceFile, extraModules: readonly string[]) =>
  new DecoratorResolver(ts, sourceFile, new DecoratorModules({ ...DEFAULT_OPTIONS, decoratorModules: extraModules }, '/project'), undefined);

function recognised(code: string, extraModules: readonly string[] = []): Record<string, string[]> {
  const sourceFile = ts.createSourceFile('/project/entity.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const resolver = untypedResolver(sourceFile, extraModules);
  const result: Record<string, string[]> = {};
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      result[node.name?.text ?? `anonymous class on line ${line}`] = resolver.decoratorsOf(node).map((use) => {
        expect(use.decorator.getSourceFile()).toBe(sourceFile);
        return use.call ? `${use.name}()` : use.name;
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return result;
}

function importsDecorators(code: string, extraModules: readonly string[] = []): boolean {
  const sourceFile = ts.createSourceFile('/project/entity.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return untypedResolver(sourceFile, extraModules).importsDecorators;
}

const CLASSES = `
@entity({ pk: 'A' }) class Called {}
@capsuleIsolated class Bare {}
@capsuleIsolated() class BareCalled {}
@platformScoped({ reason: 'r' }) class Platform {}
class Controller { @apiEndpoint({ path: '/' }) handle() {} }
`;

describe('DecoratorResolver', () => {
  it('recognises named imports from @capsule-guard/core, bare and called', () => {
    const code = `import { entity, capsuleIsolated, platformScoped, apiEndpoint } from '@capsule-guard/core';\n${CLASSES}`;
    expect(recognised(code)).toEqual({
      Called: ['entity()'],
      Bare: ['capsuleIsolated'],
      BareCalled: ['capsuleIsolated()'],
      Platform: ['platformScoped()'],
      Controller: [],
    });
  });

  it('recognises aliased imports by the name they were exported under', () => {
    const code = `import { entity as table, capsuleIsolated as iso } from '@capsule-guard/core';
@table({ pk: 'A' }) @iso class Aliased {}
@entity({ pk: 'A' }) @capsuleIsolated class OriginalNames {}
`;
    expect(recognised(code)).toEqual({ Aliased: ['entity()', 'capsuleIsolated'], OriginalNames: [] });
  });

  it('recognises namespace imports', () => {
    const code = `import * as cg from '@capsule-guard/core';
@cg.entity({ pk: 'A' }) @cg.capsuleIsolated class Namespaced {}
@cg.somethingElse @other.entity({ pk: 'A' }) class Unknown {}
`;
    expect(recognised(code)).toEqual({ Namespaced: ['entity()', 'capsuleIsolated'], Unknown: [] });
  });

  it('recognises import-equals requires', () => {
    const code = `import cg = require('@capsule-guard/core');
@cg.entity({ pk: 'A' }) @cg.platformScoped({ reason: 'r' }) class Required {}
`;
    expect(recognised(code)).toEqual({ Required: ['entity()', 'platformScoped()'] });
  });

  it('ignores type-only imports', () => {
    const code = `import type { entity } from '@capsule-guard/core';
import { type capsuleIsolated, platformScoped } from '@capsule-guard/core';
import type * as cg from '@capsule-guard/core';
@entity({ pk: 'A' }) @capsuleIsolated @platformScoped({ reason: 'r' }) @cg.entity({ pk: 'B' }) class Mixed {}
`;
    expect(recognised(code)).toEqual({ Mixed: ['platformScoped()'] });
  });

  it('ignores same-named decorators from other modules and local functions', () => {
    const code = `import { entity } from 'typeorm';
import * as cg from '@capsule-guard/core-extras';
import { platformScoped } from '@capsule-guard/core/internal';
import { apiEndpoint as capsuleIsolated } from '@capsule-guard/core';
function scoped() { return (c: unknown) => c; }
@entity({ pk: 'A' }) @cg.capsuleIsolated @platformScoped({ reason: 'r' }) @scoped() class Foreign {}
@capsuleIsolated class Renamed {}
`;
    expect(recognised(code)).toEqual({ Foreign: [], Renamed: ['apiEndpoint'] });
  });

  it('ignores exports of the core module that are not decorators', () => {
    const code = `import { buildKey, entity } from '@capsule-guard/core';
@buildKey @entity({ pk: 'A' }) class WithHelper {}
`;
    expect(recognised(code)).toEqual({ WithHelper: ['entity()'] });
  });

  it('recognises decorators of class expressions and of anonymous default-exported classes', () => {
    const code = `import { entity, capsuleIsolated } from '@capsule-guard/core';
export const Expr = @entity({ pk: 'A' }) class {};
@capsuleIsolated export default class {}
`;
    expect(recognised(code)).toEqual({
      'anonymous class on line 2': ['entity()'],
      'anonymous class on line 3': ['capsuleIsolated'],
    });
  });

  it('recognises extra decorator modules only when configured', () => {
    const code = `import { entity } from '@acme/entities';
import * as local from './decorators.js';
@entity({ pk: 'A' }) @local.capsuleIsolated class Barrel {}
`;
    expect(recognised(code)).toEqual({ Barrel: [] });
    expect(recognised(code, ['@acme/entities', './decorators.js'])).toEqual({ Barrel: ['entity()', 'capsuleIsolated'] });
  });

  it('reports whether the file imports anything from a decorator module', () => {
    expect(importsDecorators("import { entity } from '@capsule-guard/core';")).toBe(true);
    expect(importsDecorators("import * as cg from '@capsule-guard/core';")).toBe(true);
    expect(importsDecorators("import cg = require('@capsule-guard/core');")).toBe(true);
    expect(importsDecorators("import '@capsule-guard/core';")).toBe(false);
    expect(importsDecorators("import type { entity } from '@capsule-guard/core';")).toBe(false);
    expect(importsDecorators("import { buildKey } from '@capsule-guard/core';")).toBe(false);
    expect(importsDecorators("import { entity } from '@acme/entities';")).toBe(false);
    expect(importsDecorators("import { entity } from '@acme/entities';", ['@acme/entities'])).toBe(true);
  });
});

describe('mayHaveFindings', () => {
  it('is false only for text that names no decorator module and holds no suppression comment', () => {
    expect(mayHaveFindings('export const answer = 42;')).toBe(false);
    expect(mayHaveFindings("import { entity } from '@capsule-guard/core';")).toBe(true);
    expect(mayHaveFindings('// capsule-guard-ignore capsule-guard/isolated-key-templates -- reviewed')).toBe(true);
    const options = resolveOptions({ decoratorModules: ['@acme/persistence'] });
    expect(mayHaveFindings("import { entity } from '@acme/persistence';", options)).toBe(true);
    expect(mayHaveFindings("import { entity } from '@acme/persistence';")).toBe(false);
  });
});

describe('mayHaveFindings with type information', () => {
  it('counts a CommonJS require as an import, for a library entity or a decorator reached through a local module', () => {
    const entity = "const { Entity } = require('./db');\nexports.Org = new Entity({ model: {}, attributes: {}, indexes: {} });\n";
    expect(mayHaveFindings(entity, undefined, true)).toBe(true);
    expect(mayHaveFindings("const { table } = require('./decorators');\n@table({ pk: 'ORG#{id}' }) class Org {}\n", undefined, true)).toBe(true);
    expect(mayHaveFindings("exports.Org = new Entity({ model: {}, attributes: {}, indexes: {} });\n", undefined, true)).toBe(false);
  });

  it("keeps a file that writes a route call and imports nothing: its instance's type may be a global's", () => {
    expect(mayHaveFindings("app.get('/users/:id', handler, other);\n", undefined, true)).toBe(true);
    expect(mayHaveFindings("app.get('/users/:id', handler, other);\n", undefined, false)).toBe(false);
    expect(mayHaveFindings('export const answer = 42;\n', undefined, true)).toBe(false);
  });
});

describe('decorator resolution in the engine', () => {
  const entityWithoutScope = (imports: string, entity: string) => `${imports}

@${entity}({ pk: 'ITEM#{id}' })
class ItemEntity {
  id!: string;
}
`;
  const missingScope = [['capsule-guard/isolation-scope-required', 'missingScope', 4, 7, 'ItemEntity']];

  it.each([
    ['a named import', "import { entity } from '@capsule-guard/core';", 'entity'],
    ['an aliased import', "import { entity as table } from '@capsule-guard/core';", 'table'],
    ['a namespace import', "import * as cg from '@capsule-guard/core';", 'cg.entity'],
    ['an import-equals require', "import cg = require('@capsule-guard/core');", 'cg.entity'],
  ])('checks an @entity reached through %s', (_, imports, entity) => {
    expect(where(checkBothModes(entityWithoutScope(imports, entity)))).toEqual(missingScope);
  });

  it.each([
    ['a type-only import', "import type { entity } from '@capsule-guard/core';", 'entity'],
    ['another library', "import { entity } from 'typeorm';\nimport { capsuleIsolated } from '@capsule-guard/core';", 'entity'],
    ['a local function', "import { capsuleIsolated } from '@capsule-guard/core';\nconst entity = (o: unknown) => (c: unknown) => c;", 'entity'],
  ])('does not check an @entity from %s', (_, imports, entity) => {
    expect(checkBothModes(entityWithoutScope(imports, entity))).toEqual([]);
  });

  it('checks decorators of a configured decorator module', () => {
    const code = entityWithoutScope("import { entity } from '@acme/entities';", 'entity');
    expect(checkBothModes(code)).toEqual([]);
    const options = { ...DEFAULT_OPTIONS, decoratorModules: ['@acme/entities'] };
    expect(where(checkBothModes(code, { options }))).toEqual(missingScope);
  });

  it('still checks @capsule-guard/core when other decorator modules are configured', () => {
    const code = entityWithoutScope("import { entity } from '@capsule-guard/core';", 'entity');
    const options = { ...DEFAULT_OPTIONS, decoratorModules: ['@acme/entities'] };
    expect(where(checkBothModes(code, { options }))).toEqual(missingScope);
  });
});

describe('recognition by import, not by name', () => {
  it('ignores a local declaration that shadows an imported decorator', () => {
    const code = `import { entity } from '@capsule-guard/core';
export function build() {
  const entity = (options: unknown) => (value: unknown) => value;
  @entity({ pk: 'X' })
  class Local {}
  return Local;
}
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('ignores a function parameter that shadows an imported decorator', () => {
    const code = `import { entity } from '@capsule-guard/core';
export function build(entity: (options: unknown) => ClassDecorator) {
  @entity({ pk: 'X' })
  class Local {}
  return Local;
}
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('recognises a default import of the package as the whole module', () => {
    const code = `import cg from '@capsule-guard/core';
@cg.entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })
export class Item { tenantId!: string; id!: string }
`;
    expect(where(checkBothModes(code))).toEqual([['capsule-guard/isolation-scope-required', 'missingScope', 3, 14, 'Item']]);
  });
});
