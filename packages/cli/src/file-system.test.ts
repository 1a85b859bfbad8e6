import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { once, readText, workingTree } from './file-system';
import { tempProject } from './testing/temp-project';

const BOM = '\uFEFF';

describe('the working tree', () => {
  const dir = tempProject({});
  const files = {
    ascii: Buffer.from("export const SCOPE = 'TENANT#{tenantId}';\n"),
    utf8: Buffer.from("export const SCOPE = 'MANDANT#{tenantId}#ÉTAGE';\n"),
    bom: Buffer.from(`${BOM}export const A = 1;\n`),
    utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("export const B = 'ü';\n", 'utf16le')]),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, `${name}.ts`), bytes);
  const file = (name: string): string => path.join(dir, `${name}.ts`).split(path.sep).join('/');

  it('reads every file as TypeScript itself does: UTF-8, byte-order marks, UTF-16', () => {
    const tree = workingTree(ts);
    for (const name of [...Object.keys(files), 'missing']) expect(tree.readFile(file(name)), name).toBe(ts.sys.readFile(file(name)));
    expect(tree.readFile(file('bom'))).toBe('export const A = 1;\n');
    expect(tree.readFile(file('utf8'))).toContain('ÉTAGE');
  });

  it('takes the fast path for ASCII files only', () => {
    expect(readText(file('ascii'))).toBe(files.ascii.toString('utf8'));
    expect(readText(file('utf8'))).toBeUndefined();
    expect(readText(file('bom'))).toBeUndefined();
    expect(readText(file('missing'))).toBeUndefined();
  });
});

describe('once', () => {
  it('asks for each path once, undefined and false answers included', () => {
    const lookUp = vi.fn((name: string) => (name === 'a' ? undefined : name === 'b'));
    const cached = once(lookUp);
    for (const name of ['a', 'b', 'c', 'a', 'b', 'c']) cached(name);
    expect(lookUp.mock.calls).toEqual([['a'], ['b'], ['c']]);
    expect([cached('a'), cached('b'), cached('c')]).toEqual([undefined, true, false]);
  });
});
