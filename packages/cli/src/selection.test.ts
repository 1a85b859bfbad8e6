import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@capsule-guard/engine';
import { workingTree } from './file-system';
import { selectFiles } from './selection';
import { tempProject } from './testing/temp-project';

const USES_BARREL = (from: string): string => `import { entity, platformScoped } from '${from}';
@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason: 'shared' })
export class Shared { id!: string }
`;

const FILES = {
  'src/decorators.ts': "export { entity, platformScoped } from '@capsule-guard/core';\n",
  'src/all.ts': "export * from './decorators.js';\nexport const VERSION = 1;\n",
  'src/imports-then-exports.ts': "import { entity } from '@capsule-guard/core';\nexport { entity as model };\n",
  'src/direct.ts': USES_BARREL('./decorators.js'),
  'src/through-two.ts': USES_BARREL('./all.js'),
  'src/through-alias.ts': "import { model } from './imports-then-exports.js';\nexport const m = model;\n",
  'src/entity-user.ts': "import type { Shared } from './direct.js';\nexport const ids = (s: Shared) => s.id;\n",
  'src/util.ts': 'export const twice = (n: number) => n * 2;\n',
  'src/suppressed.ts': '// capsule-guard-ignore capsule-guard/isolated-key-templates -- reviewed\nexport const a = 1;\n',
  'src/globals.ts': 'interface EntityContext { capsuleId: string }\n',
  'src/ambient.d.ts': "declare module 'legacy';\n",
  'src/models.ts': "export { Entity as Model } from 'electrodb';\n",
  'src/through-models.ts': "import { Model } from './models.js';\nexport const Note = new Model({}, {});\n",
};

function select(scope?: { changed: string[]; deleted: string[] }) {
  const dir = tempProject(FILES);
  const fileNames = Object.keys(FILES).map((file) => path.join(dir, file));
  const selection = selectFiles(
    ts,
    { fileNames, compilerOptions: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }, configFiles: [], options: DEFAULT_OPTIONS, fileSystem: workingTree(ts), cwd: dir },
    scope && { changed: scope.changed.map((file) => path.join(dir, file)), deleted: scope.deleted.map((file) => path.join(dir, file)) },
  );
  const relative = (file: string) => path.relative(dir, file);
  return { roots: selection.rootNames.map(relative).sort(), reports: (file: string) => selection.reports(path.join(dir, file)) };
}

describe('selectFiles', () => {
  it('roots the files that can hold a finding, the importers of barrels at any depth, and the global declarations', () => {
    expect(select().roots).toEqual([
      'src/all.ts',
      'src/ambient.d.ts',
      'src/decorators.ts',
      'src/direct.ts',
      'src/globals.ts',
      'src/imports-then-exports.ts',
      // A modelling library's barrel passes its entities on as one of ours passes our decorators.
      'src/models.ts',
      'src/suppressed.ts',
      'src/through-alias.ts',
      'src/through-models.ts',
      'src/through-two.ts',
    ]);
  });

  it('limited to what changed files affect, roots only candidates among them (and the globals)', () => {
    const { roots, reports } = select({ changed: ['src/all.ts'], deleted: [] });
    expect(roots).toEqual(['src/all.ts', 'src/ambient.d.ts', 'src/globals.ts', 'src/through-two.ts']);
    expect(reports('src/through-two.ts')).toBe(true);
    expect(reports('src/direct.ts')).toBe(false);
  });

  it('reports everything when a global declaration changes', () => {
    const { reports } = select({ changed: ['src/globals.ts'], deleted: [] });
    expect(reports('src/util.ts')).toBe(true);
  });
});
