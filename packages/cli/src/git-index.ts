/**
 * The git index as a FileSystem: what `git commit` would record, read with git's own plumbing
 * (`ls-files -s`, `cat-file --batch`). Inside the repository a file exists only if it is staged;
 * unstaged edits and untracked files are invisible. A staged file's working copy is read instead
 * of its blob only when it hashes to the very object the index holds, so it has the same bytes
 * (see sameAsWorkingCopy). Files are read when first asked for, except those the commit changes,
 * read together at the start; a file's object id names its content (FileSystem.contentKey).
 * Installed packages (any path through node_modules) and files outside the repository are read
 * from disk: they are not part of the commit, and module resolution needs them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TS } from '@capsule-guard/engine';
import { UsageError } from './args';
import { asciiText, workingTree, type FileSystem } from './file-system';

/** What the commit changes, as absolute paths. A rename is a deletion and an addition. */
export interface StagedChanges {
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
}

export interface GitIndex {
  /** The repository's top directory. */
  readonly root: string;
  readonly fileSystem: FileSystem;
  readonly changes: StagedChanges;
  /** Whether the file is staged (exists in the commit). */
  has(file: string): boolean;
}

/** Files the check may read: sources, declarations, scripts and JSON (tsconfig, package.json). */
const READ_IN_BATCH = /\.(?:[cm]?[jt]sx?|json)$/iu;
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { readonly files: readonly string[]; readonly directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];

export function openGitIndex(ts: TS, cwd: string): GitIndex {
  // One call for both: the top directory, then HEAD's commit (status 1 and no second line before the first commit).
  const top = git(['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD'], cwd);
  const root = top.stdout.toString('utf8').split('\n')[0].trim();
  if ((top.status !== 0 && top.status !== 1) || !root) {
    throw new UsageError(`--staged checks what the next git commit holds, but ${cwd} is not inside a git repository`);
  }
  const blobs = stagedBlobs(root);
  const changes = stagedChanges(root, top.status === 0);
  // What the commit changes is read now, in one batch; the rest only if the check asks for it.
  const texts = readSources(root, changes.changed.flatMap((file) => blobs.get(file) ?? []).filter(({ file }) => READ_IN_BATCH.test(file)));
  const entries = directoryEntries(root, blobs.keys());
  const onDisk = (file: string): boolean => !isInside(root, file) || file.includes('/node_modules/');
  const readStaged = (file: string): string | undefined => {
    const blob = blobs.get(file);
    if (!blob) return undefined;
    let text = texts.get(file);
    if (text === undefined) texts.set(file, (text = readSources(root, [blob]).get(file) ?? ''));
    return text;
  };
  // tsconfig `include` matching runs TypeScript's own matcher (what ts.sys.readDirectory runs; not
  // in the public typings) over the index's directories instead of the disk's.
  const matchFiles = (ts as unknown as { matchFiles: MatchFiles }).matchFiles;
  const noEntries = { files: [], directories: [] };
  const disk = workingTree(ts);
  const fileSystem: FileSystem = {
    readFile: (file) => (onDisk(file) ? disk.readFile(file) : readStaged(file)),
    fileExists: (file) => (onDisk(file) ? disk.fileExists(file) : blobs.has(file)),
    directoryExists: (directory) => (onDisk(directory) ? disk.directoryExists(directory) : entries.has(trimSlash(directory))),
    getDirectories: (directory) =>
      onDisk(directory) ? disk.getDirectories(directory) : [...(entries.get(trimSlash(directory))?.directories ?? [])],
    readDirectory: (directory, extensions, excludes, includes, depth) =>
      matchFiles(directory, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, cwd, depth, (dir) => entries.get(trimSlash(dir)) ?? noEntries, (file) => file),
    realpath: (file) => (onDisk(file) ? disk.realpath(file) : file),
    contentKey: (file) => (onDisk(file) ? undefined : blobs.get(file)?.objectId),
  };
  return { root, fileSystem, changes, has: (file) => blobs.has(file) };
}

function git(args: readonly string[], cwd: string, input?: string): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (result.error) throw new UsageError(`--staged needs git, which could not be run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function gitOrFail(args: readonly string[], cwd: string, input?: string): Buffer {
  const result = git(args, cwd, input);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

interface Blob {
  readonly file: string;
  readonly objectId: string;
}

/** Staged regular files (stage 0), by absolute path. Submodules and symbolic links are not sources. */
function stagedBlobs(root: string): Map<string, Blob> {
  const blobs = new Map<string, Blob>();
  for (const record of nulSeparated(gitOrFail(['ls-files', '--stage', '-z'], root))) {
    // <mode> SP <object> SP <stage> TAB <path>
    const tab = record.indexOf('\t');
    const [mode, objectId, stage] = record.slice(0, tab).split(' ');
    if (stage !== '0' || !REGULAR_FILE_MODES.has(mode)) continue;
    const file = path.posix.join(root, record.slice(tab + 1));
    blobs.set(file, { file, objectId });
  }
  return blobs;
}

/**
 * The staged text of each file: its working copy where that is byte for byte the staged blob,
 * the others from one `git cat-file --batch`. In a commit touching a few files that spares git
 * inflating every object of the project.
 */
function readSources(root: string, blobs: readonly Blob[]): Map<string, string> {
  const texts = new Map<string, string>();
  const differing: Blob[] = [];
  for (const blob of blobs) {
    const text = sameAsWorkingCopy(blob);
    if (text === undefined) differing.push(blob);
    else texts.set(blob.file, text);
  }
  for (const [file, text] of readBlobs(root, differing)) texts.set(file, text);
  return texts;
}

/**
 * The working copy's text if it hashes to the blob's object id (git hashes `blob <size>\0` and
 * the bytes, with SHA-1 or, in SHA-256 repositories, SHA-256): then it holds exactly the staged
 * bytes, whatever the file's timestamps, line-ending conversions or filters. Otherwise undefined.
 */
function sameAsWorkingCopy({ file, objectId }: Blob): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const hash = createHash(objectId.length === 64 ? 'sha256' : 'sha1');
  hash.update(`blob ${bytes.length}\0`);
  hash.update(bytes);
  return hash.digest('hex') === objectId ? (asciiText(bytes) ?? bytes.toString('utf8')) : undefined;
}

/** Contents of many blobs from one `git cat-file --batch`. */
function readBlobs(root: string, blobs: readonly Blob[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (blobs.length === 0) return texts;
  const output = gitOrFail(['cat-file', '--batch'], root, blobs.map(({ objectId }) => `${objectId}\n`).join(''));
  let offset = 0;
  for (const { file } of blobs) {
    // <object> SP blob SP <size> LF <contents> LF
    const headerEnd = output.indexOf(10, offset);
    const size = Number(output.toString('latin1', offset, headerEnd).split(' ')[2]);
    texts.set(file, output.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return texts;
}

/** Paths the commit adds, modifies or deletes, compared with HEAD (with the empty tree before the first commit). */
function stagedChanges(root: string, hasHead: boolean): StagedChanges {
  const base = hasHead ? 'HEAD' : gitOrFail(['hash-object', '-t', 'tree', '--stdin'], root, '').toString('utf8').trim();
  const records = nulSeparated(gitOrFail(['diff', '--cached', '--name-status', '--no-renames', '-z', base, '--'], root));
  const changed: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i + 1 < records.length; i += 2) {
    const file = path.posix.join(root, records[i + 1]);
    (records[i] === 'D' ? deleted : changed).push(file);
  }
  return { changed, deleted };
}

interface Entries {
  readonly files: string[];
  readonly directories: string[];
}

/** Each directory of the index with its files and subdirectories (names only). */
function directoryEntries(root: string, files: Iterable<string>): Map<string, Entries> {
  const entries = new Map<string, Entries>([[root, { files: [], directories: [] }]]);
  const entryOf = (directory: string): { entry: Entries; isNew: boolean } => {
    const known = entries.get(directory);
    if (known) return { entry: known, isNew: false };
    const entry = { files: [], directories: [] };
    entries.set(directory, entry);
    return { entry, isNew: true };
  };
  for (const file of files) {
    let directory = path.posix.dirname(file);
    let { entry, isNew } = entryOf(directory);
    entry.files.push(path.posix.basename(file));
    // A directory seen for the first time is named in its parent, up to the first one already known.
    while (isNew && directory !== root) {
      const parent = path.posix.dirname(directory);
      ({ entry, isNew } = entryOf(parent));
      entry.directories.push(path.posix.basename(directory));
      directory = parent;
    }
  }
  return entries;
}

function nulSeparated(output: Buffer): string[] {
  const records = output.toString('utf8').split('\0');
  if (records.at(-1) === '') records.pop();
  return records;
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(`${root}/`);
}

function trimSlash(directory: string): string {
  return directory.length > 1 && directory.endsWith('/') ? directory.slice(0, -1) : directory;
}
