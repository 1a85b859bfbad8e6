// @ts-check
/**
 * The code the sweep feeds every front end: TypeScript shipped in node_modules (none of it uses
 * our decorators, so any finding there is a false positive) and mutated copies of the examples.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** .ts, .d.ts, .mts, .d.mts, .cts, .d.cts; not .tsx (no front end is configured for JSX). */
/** @typedef {{ path: string, name: string, size: number }} CorpusFile a file, its name under node_modules, its size in bytes */

export const TYPESCRIPT_FILE = /\.[cm]?ts$/u;

/**
 * Every TypeScript file under `nodeModules`, in a stable order. Symbolic links are not followed:
 * the workspace's own packages are linked there, and they are not third-party code.
 */
/**
 * @param {string} nodeModules
 * @returns {CorpusFile[]}
 */
export function nodeModulesFiles(nodeModules) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      // Dot directories (.bin, .cache) hold links and tool caches, not shipped packages.
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && TYPESCRIPT_FILE.test(entry.name)) found.push(path);
    }
  };
  walk(nodeModules);
  return found.map((path) => ({ path, name: relative(nodeModules, path), size: statSync(path).size }));
}

/**
 * A deterministic sample of at most `limit` files no larger than `maxSize` bytes, spread evenly
 * over the sorted list so every package contributes. `limit` 0 means all of them.
 */
/**
 * @param {CorpusFile[]} files
 * @param {{ limit?: number, maxSize?: number }} [bounds]
 * @returns {CorpusFile[]}
 */
export function sample(files, { limit = 0, maxSize = Infinity } = {}) {
  const small = files.filter((file) => file.size <= maxSize);
  if (limit <= 0 || small.length <= limit) return small;
  const step = small.length / limit;
  return Array.from({ length: limit }, (_, i) => small[Math.floor(i * step)]);
}

/** @param {{ path: string }} file */
export function readText(file) {
  return readFileSync(file.path, 'utf8');
}

/**
 * A declaration file's name as a source file (`x.d.mts` → `x.mts`), for front ends that skip declarations.
 * @param {string} name
 */
export function asSourceFileName(name) {
  return name.replace(/\.d\.([cm]?ts)$/u, '.$1');
}
