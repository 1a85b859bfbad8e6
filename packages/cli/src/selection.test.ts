import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@capsule-guard/engine';
import { createHash } from 'node:crypto';
import { FileFactsReader } from './file-facts';
import { workingTree, type FileSystem } from './file-system';
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

const COMPILER_OPTIONS = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 };

/** The working tree, each file named by its content (as the git index names it) and each read counted. */
function keyedFileSystem(): { fileSystem: FileSystem; reads: string[] } {
  const disk = workingTree(ts);
  const reads: string[] = [];
  const readFile = (file: string) => {
    reads.push(file);
    return disk.readFile(file);
  };
  const contentKey = (file: string) => {
    const text = disk.readFile(file);
    return text === undefined ? undefined : createHash('sha1').update(text).digest('hex');
  };
  return { fileSystem: { ...disk, readFile, contentKey }, reads };
}

function select(scope?: { changed: string[]; deleted: string[] }, dir = tempProject(FILES), fileSystem = workingTree(ts), store?: string) {
  const fileNames = Object.keys(FILES).map((file) => path.join(dir, file));
  const facts = new FileFactsReader(ts, fileSystem, false, store);
  const selection = selectFiles(
    ts,
    { fileNames, compilerOptions: COMPILER_OPTIONS, configFiles: [], options: DEFAULT_OPTIONS, fileSystem, facts, cwd: dir },
    scope && { changed: scope.changed.map((file) => path.join(dir, file)), deleted: scope.deleted.map((file) => path.join(dir, file)) },
  );
  facts.save();
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

  it('with the facts of files named by content kept from an earlier run, reads only the files the change affects', () => {
    const dir = tempProject(FILES);
    const store = path.join(dir, 'cache', 'facts.json');
    const cold = keyedFileSystem();
    const first = select({ changed: ['src/all.ts'], deleted: [] }, dir, cold.fileSystem, store);
    const warm = keyedFileSystem();
    const second = select({ changed: ['src/all.ts'], deleted: [] }, dir, warm.fileSystem, store);
    expect(second.roots).toEqual(first.roots);
    expect(second.roots).toEqual(['src/all.ts', 'src/ambient.d.ts', 'src/globals.ts', 'src/through-two.ts']);
    // The project's own files; module resolution also reads package.json files on the way up.
    const relative = (reads: string[]) => [...new Set(reads.map((file) => path.relative(dir, file)))].filter((file) => file.startsWith('src/') && file.endsWith('.ts')).sort();
    // The first run scanned every file of the project to learn what imports what and which are scripts.
    expect(relative(cold.reads)).toEqual(Object.keys(FILES).sort());
    // The second knew that from the store: it read the changed file, its importer, and the module
    // the changed file re-exports (to tell whether it is a barrel of decorators).
    expect(relative(warm.reads)).toEqual(['src/all.ts', 'src/decorators.ts', 'src/through-two.ts']);
  });

  it('reports everything when a global declaration changes', () => {
    const { reports } = select({ changed: ['src/globals.ts'], deleted: [] });
    expect(reports('src/util.ts')).toBe(true);
  });
});
