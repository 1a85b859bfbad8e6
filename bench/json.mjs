// @ts-check
/**
 * JSON that this repository's own scripts and tools write (reports, batches, a tool's `--format
 * json` output), read back as the shape its writer declares: the one place that trusts it.
 */
import { readFileSync } from 'node:fs';

/**
 * @template T the shape the writer declares
 * @param {string} text
 * @returns {T}
 */
export function parseJson(text) {
  /** @type {unknown} */
  const parsed = JSON.parse(text);
  return /** @type {T} */ (parsed);
}

/**
 * @template T the shape the writer declares
 * @param {string} path
 * @returns {T}
 */
export function readJson(path) {
  return parseJson(readFileSync(path, 'utf8'));
}
