import { describe, expect, it } from 'vitest';
import { FileCheckError, guardFile } from './check';

describe('guardFile', () => {
  it('returns what the check returns', () => {
    expect(guardFile('src/a.ts', () => [1, 2])).toEqual([1, 2]);
  });

  it('rethrows a failure naming the file, keeping the original error', () => {
    const cause = new RangeError('too deep');
    let thrown: unknown;
    try {
      guardFile('src/a.ts', () => {
        throw cause;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FileCheckError);
    expect(thrown).toMatchObject({ file: 'src/a.ts', cause, message: 'could not check src/a.ts: too deep' });
  });
});
