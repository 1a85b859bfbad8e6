import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workingTree } from './file-system';
import { loadProject } from './project';
import { tempProject } from './testing/temp-project';

const NODE_TYPES = {
  'node_modules/@types/node/package.json': JSON.stringify({ name: '@types/node', version: '20.0.0', types: 'index.d.ts' }),
  'node_modules/@types/node/index.d.ts': "/// <reference path=\"fs.d.ts\" />\ndeclare var process: { env: Record<string, string | undefined> };\n",
  'node_modules/@types/node/fs.d.ts': "declare module 'node:fs' { export function readFileSync(file: string): string; }\n",
  // A library whose typings reach Node's, as Fastify's and NestJS's do.
  'node_modules/web-kit/package.json': JSON.stringify({ name: 'web-kit', version: '1.0.0', types: 'index.d.ts' }),
  'node_modules/web-kit/index.d.ts': '/// <reference types="node" />\nexport declare function serve(): void;\n',
};

function programOf(files: Record<string, string>, compilerOptions: Record<string, unknown>) {
  const dir = tempProject({ ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'node16', noEmit: true, ...compilerOptions }, include: ['src'] }) });
  const { program } = loadProject(ts, { configPath: path.join(dir, 'tsconfig.json'), fileSystem: workingTree(ts) }, dir);
  const names = program.getSourceFiles().map((sourceFile) => path.basename(sourceFile.fileName));
  const nodeFiles = program.getSourceFiles().filter((sourceFile) => sourceFile.fileName.includes('/@types/node/'));
  return { program, names, nodeFiles, dir };
}

const CHECKED = "import { entity } from '@capsule-guard/core';\n@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })\nexport class Note { tenantId!: string; capsuleId!: string }\n";

describe('the checking Program leaves out the host environment', () => {
  it('keeps the ECMAScript libraries of a default lib and leaves out the DOM and script-host ones', () => {
    const { names } = programOf({ 'src/note.ts': CHECKED }, { types: [] });
    expect(names).toContain('lib.es2022.d.ts');
    expect(names).toContain('lib.es5.d.ts');
    expect(names.filter((name) => /^lib\.(?:dom|webworker|scripthost)/u.test(name))).toEqual([]);
  });

  it.each([
    ['listed in types', { types: ['node'] }, CHECKED],
    ['referenced by a library the project imports', { types: [] }, `import { serve } from 'web-kit';\nserve();\n${CHECKED}`],
  ])('sees @types/node as empty when it is %s', (_how, compilerOptions, source) => {
    const { nodeFiles } = programOf({ ...NODE_TYPES, 'src/note.ts': source }, compilerOptions);
    expect(nodeFiles.map((sourceFile) => path.basename(sourceFile.fileName))).toEqual(['index.d.ts']);
    expect(nodeFiles.map((sourceFile) => sourceFile.statements.length)).toEqual([0]);
  });

});
