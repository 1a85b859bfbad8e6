/**
 * What `capsule-guard check` reads and reports, from its command line: the working tree or the
 * git index (`--staged`), the whole project or what given files affect.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TS } from '@capsule-guard/engine';
import { UsageError } from './args';
import { factsStoreFile } from './file-facts';
import { workingTree } from './file-system';
import { openGitIndex } from './git-index';
import { displayPath, findConfigFile, type CheckTarget } from './project';

export interface CheckRequest {
  readonly project: string | undefined;
  readonly staged: boolean;
  readonly files: readonly string[];
}

/** The target, and the directory paths are shown relative to. */
export function checkTarget(ts: TS, request: CheckRequest, cwd: string): { readonly target: CheckTarget; readonly cwd: string } {
  return request.staged ? stagedTarget(ts, request, cwd) : { target: workingTreeTarget(ts, request, cwd), cwd };
}

function workingTreeTarget(ts: TS, request: CheckRequest, cwd: string): CheckTarget {
  const configPath = findConfigFile(ts, request.project, cwd);
  const fileSystem = workingTree(ts);
  if (request.files.length === 0) return { configPath, fileSystem };
  const files = request.files.map((file) => {
    const absolute = toPosix(path.resolve(cwd, file));
    if (!fileSystem.fileExists(absolute)) throw new UsageError(`the file '${file}' does not exist`);
    return absolute;
  });
  // A file outside the project reports nothing itself; the project's files importing it still count.
  return { configPath, fileSystem, scopeOf: () => ({ changed: files, deleted: [] }) };
}

/**
 * The index as git sees it: real paths, as `git rev-parse --show-toplevel` prints them, so that
 * a working directory reached through a symbolic link still matches the index's paths.
 */
function stagedTarget(ts: TS, request: CheckRequest, givenCwd: string): { target: CheckTarget; cwd: string } {
  const index = openGitIndex(ts, givenCwd);
  const cwd = toPosix(fs.realpathSync(givenCwd));
  const configPath = toPosix(fs.realpathSync(findConfigFile(ts, request.project, cwd)));
  if (!index.has(configPath)) {
    const where = configPath.startsWith(`${index.root}/`)
      ? 'is not staged: git add it first'
      : `is outside the git repository at ${index.root}`;
    throw new UsageError(`--staged checks what the next commit holds, and the project ${displayPath(configPath, cwd)} ${where}`);
  }
  const factsStore = (detectJavaScriptImports: boolean) => factsStoreFile(ts, index.root, detectJavaScriptImports);
  return { target: { configPath, fileSystem: index.fileSystem, scopeOf: () => index.changes, factsStore }, cwd };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
