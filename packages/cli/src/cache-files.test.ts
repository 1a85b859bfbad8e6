import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCacheFile } from './cache-files';
import { tempProject } from './testing/temp-project';

const DAY = 24 * 60 * 60;

describe('writeCacheFile', () => {
  it('writes the file whole, and removes the files of its kind that no run has written for two weeks', () => {
    const dir = tempProject({
      'cache/typescript-old.v8cache': 'old',
      'cache/typescript-recent.v8cache': 'recent',
      'cache/typescript-crashed.v8cache.123.tmp': 'half',
      'cache/file-facts-old.json': '{}',
    });
    const cache = path.join(dir, 'cache');
    const now = Date.now() / 1000;
    for (const name of ['typescript-old.v8cache', 'typescript-crashed.v8cache.123.tmp', 'file-facts-old.json']) utimesSync(path.join(cache, name), now - 15 * DAY, now - 15 * DAY);
    utimesSync(path.join(cache, 'typescript-recent.v8cache'), now - 13 * DAY, now - 13 * DAY);

    writeCacheFile(path.join(cache, 'typescript-new.v8cache'), 'typescript-', () => 'new');

    expect(readFileSync(path.join(cache, 'typescript-new.v8cache'), 'utf8')).toBe('new');
    // Another kind is left to the runs that write it.
    expect(readdirSync(cache).sort()).toEqual(['file-facts-old.json', 'typescript-new.v8cache', 'typescript-recent.v8cache']);
  });

  it('creates the directory, and never throws when it cannot write', () => {
    const dir = tempProject({ 'not-a-directory': '' });
    writeCacheFile(path.join(dir, 'a', 'b', 'file-facts-x.json'), 'file-facts-', () => '{}');
    expect(readFileSync(path.join(dir, 'a', 'b', 'file-facts-x.json'), 'utf8')).toBe('{}');
    expect(() => writeCacheFile(path.join(dir, 'not-a-directory', 'file-facts-y.json'), 'file-facts-', () => '{}')).not.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['a', 'not-a-directory']);
  });
});
