import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FileFactsReader } from './file-facts';
import type { FileSystem } from './file-system';
import { tempProject } from './testing/temp-project';

const TEXTS: Record<string, string> = {
  '/p/module.ts': "/// <reference path=\"./globals.d.ts\" />\nimport { a } from './a.js';\nexport * from '../b';\nexport type T = import('./c').C;\n",
  '/p/script.ts': 'interface Globals { x: string }\nconst y = `${1}`;\n',
};

/** Files named by their text (as the git index names them by object id), every read counted. */
function fileSystem(texts: Record<string, string>, keyed = true): { fileSystem: FileSystem; reads: string[] } {
  const reads: string[] = [];
  const readFile = (file: string) => {
    reads.push(file);
    return texts[file];
  };
  const unused = () => {
    throw new Error('not used');
  };
  const contentKey = keyed ? (file: string) => (texts[file] === undefined ? undefined : `key:${texts[file]}`) : undefined;
  return {
    fileSystem: { readFile, contentKey, fileExists: (file) => file in texts, directoryExists: unused, getDirectories: unused, readDirectory: unused, realpath: (file) => file },
    reads,
  };
}

describe('FileFactsReader', () => {
  it("reads whether a file is a module, what it imports and what it references, from TypeScript's scan of its text", () => {
    const { fileSystem: files } = fileSystem(TEXTS, false);
    const facts = new FileFactsReader(ts, files, false);
    expect(facts.of('/p/module.ts')).toEqual({ module: true, imports: ['./a.js', '../b', './c'], references: ['./globals.d.ts'] });
    expect(facts.of('/p/script.ts')).toEqual({ module: false, imports: [], references: [] });
    expect(facts.isModule('/p/module.ts')).toBe(true);
    expect(facts.isModule('/p/script.ts')).toBe(false);
  });

  it('keeps the facts of files named by content, so a later run reads none of them', () => {
    const store = path.join(tempProject({}), 'cache', 'facts.json');
    const cold = fileSystem(TEXTS);
    const first = new FileFactsReader(ts, cold.fileSystem, false, store);
    const learnt = Object.keys(TEXTS).map((file) => first.of(file));
    first.save();
    const warm = fileSystem(TEXTS);
    const second = new FileFactsReader(ts, warm.fileSystem, false, store);
    expect(Object.keys(TEXTS).map((file) => second.kept(file))).toEqual(learnt);
    expect(second.isModule('/p/script.ts')).toBe(false);
    expect(warm.reads).toEqual([]);
  });

  it('reads a file again when its content changed, and keeps only the facts of the files a run met', () => {
    const store = path.join(tempProject({}), 'facts.json');
    const first = new FileFactsReader(ts, fileSystem(TEXTS).fileSystem, false, store);
    for (const file of Object.keys(TEXTS)) first.of(file);
    first.save();
    const changed = { '/p/module.ts': "import './d.js';\n" };
    const after = fileSystem(changed);
    const second = new FileFactsReader(ts, after.fileSystem, false, store);
    expect(second.known('/p/module.ts')).toBeUndefined();
    expect(second.kept('/p/module.ts')).toEqual({ module: true, imports: ['./d.js'], references: [] });
    expect(after.reads).toEqual(['/p/module.ts']);
    second.save();
    expect(Object.keys((JSON.parse(readFileSync(store, 'utf8')) as { facts: object }).facts)).toEqual([`key:${changed['/p/module.ts']}`]);
  });

  it('ignores a store it cannot read, and does not write one for files without a content key', () => {
    const dir = tempProject({});
    const store = path.join(dir, 'facts.json');
    writeFileSync(store, '{ not json');
    const keyed = fileSystem(TEXTS);
    const facts = new FileFactsReader(ts, keyed.fileSystem, false, store);
    expect(facts.kept('/p/script.ts')).toEqual({ module: false, imports: [], references: [] });
    expect(keyed.reads).toEqual(['/p/script.ts']);
    const unkeyed = new FileFactsReader(ts, fileSystem(TEXTS, false).fileSystem, false, path.join(dir, 'none.json'));
    expect(unkeyed.kept('/p/script.ts')).toBeUndefined();
    unkeyed.of('/p/script.ts');
    unkeyed.save();
    expect(() => readFileSync(path.join(dir, 'none.json'))).toThrow();
  });
});
