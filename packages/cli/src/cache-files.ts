/**
 * Files the CLI keeps between runs to start faster (V8's code cache of TypeScript, the facts of
 * staged files), in node_modules/.cache/capsule-guard. Each is rebuilt when missing, so losing one
 * costs only the time it saves, and writing one never fails a check.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * How long a cache file of a kind is kept once no run has written it, counted when a run writes
 * another of that kind: a cache made under other Node flags, for an older TypeScript or for a
 * repository long gone is removed; one still in use is made again, once.
 */
const STALE_AFTER_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Writes `file` under a temporary name and renames it, so a run never reads a file another is
 * still writing, then removes the stale files of its kind (names starting with `kind`) beside it.
 */
export function writeCacheFile(file: string, kind: string, data: () => string | NodeJS.ArrayBufferView): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, data());
    fs.renameSync(temporary, file);
    removeStale(path.dirname(file), kind, Date.now());
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was left behind that a later run would read.
    }
  }
}

function removeStale(directory: string, kind: string, now: number): void {
  for (const name of fs.readdirSync(directory)) {
    if (!name.startsWith(kind)) continue;
    const file = path.join(directory, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_AFTER_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed by another run meanwhile, or not ours to remove: either way nothing to do.
    }
  }
}
