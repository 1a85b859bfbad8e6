/**
 * What the selection needs to know of every file of a project before it parses any: whether the
 * file is a module, and what it imports and references (TypeScript's `preProcessFile`). Finding the
 * files a commit affects asks this of every file, so it costs a read and a scan of the whole
 * project. Where the file system names a file's content (the git index does: a blob's object id
 * is the hash of its bytes), the answers are kept on disk by that name and a later check reads no
 * file it does not parse. Any failure to read or write the store only costs the time it saves.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TS } from '@capsule-guard/engine';
import type { FileSystem } from './file-system';
import { writeCacheFile } from './cache-files';
import { typeScriptCacheDirectory } from './compile-cache';
import { isModuleText } from './module-shape';

export interface FileFacts {
  /** It has an `import` or `export`; a script's declarations are global instead. */
  readonly module: boolean;
  /** Module specifiers as written: imports, re-exports, `import()` types, `require` in JavaScript. */
  readonly imports: readonly string[];
  /** `/// <reference path>` targets as written. */
  readonly references: readonly string[];
}

/** Facts in the store: module flag (1 or 0), imports, references. */
type StoredFacts = readonly [number, readonly string[], readonly string[]];

const STORE_VERSION = 1;
/** The start of the stores' names, `file-facts-<key>.json`. */
const STORE_KIND = 'file-facts-';

export class FileFactsReader {
  private readonly facts = new Map<string, FileFacts>();
  /** Of files with no content key, whose facts are not stored: each is found when first asked. */
  private readonly modules = new Map<string, boolean>();
  private readonly stored: ReadonlyMap<string, StoredFacts>;
  /** Content keys of the files met this run, with their facts: what the store holds afterwards. */
  private readonly used = new Map<string, StoredFacts>();
  private added = false;

  /**
   * @param storeFile where facts are kept by content key; none: they are found on every run.
   */
  constructor(
    private readonly ts: TS,
    private readonly fileSystem: FileSystem,
    private readonly detectJavaScriptImports: boolean,
    private readonly storeFile?: string,
  ) {
    this.stored = storeFile ? readStore(storeFile) : new Map();
  }

  /** Whether the file is a module. Without a content key only its first tokens are scanned. */
  isModule(file: string): boolean {
    const known = this.facts.get(file)?.module ?? this.modules.get(file);
    if (known !== undefined) return known;
    if (this.contentKey(file) !== undefined) return this.of(file).module;
    const module = isModuleText(this.ts, this.fileSystem.readFile(file) ?? '');
    this.modules.set(file, module);
    return module;
  }

  /** The file's facts, read from its text unless its content is known to the store. */
  of(file: string): FileFacts {
    const known = this.known(file);
    if (known) return known;
    const text = this.fileSystem.readFile(file) ?? '';
    const info = this.ts.preProcessFile(text, true, this.detectJavaScriptImports);
    const facts: FileFacts = {
      module: this.modules.get(file) ?? isModuleText(this.ts, text),
      imports: info.importedFiles.map(({ fileName }) => fileName),
      references: info.referencedFiles.map(({ fileName }) => fileName),
    };
    this.facts.set(file, facts);
    const key = this.contentKey(file);
    if (key !== undefined) {
      this.used.set(key, [facts.module ? 1 : 0, facts.imports, facts.references]);
      this.added = true;
    }
    return facts;
  }

  /**
   * The file's facts when the store keeps them (read now if this is the first run to meet its
   * content, so that later runs need not); undefined for a file without a content key.
   */
  kept(file: string): FileFacts | undefined {
    return this.known(file) ?? (this.contentKey(file) === undefined ? undefined : this.of(file));
  }

  /** The file's facts when they can be had without reading it; undefined otherwise. */
  known(file: string): FileFacts | undefined {
    const found = this.facts.get(file);
    if (found) return found;
    const key = this.contentKey(file);
    const stored = key === undefined ? undefined : this.stored.get(key);
    if (key === undefined || !stored) return undefined;
    this.used.set(key, stored);
    const facts = { module: stored[0] === 1, imports: stored[1], references: stored[2] };
    this.facts.set(file, facts);
    return facts;
  }

  /** Writes the store when this run learnt something, keeping only the facts of files it met. */
  save(): void {
    if (!this.storeFile || !this.added) return;
    writeCacheFile(this.storeFile, STORE_KIND, () => JSON.stringify({ version: STORE_VERSION, facts: Object.fromEntries(this.used) }));
  }

  private contentKey(file: string): string | undefined {
    return this.storeFile === undefined ? undefined : this.fileSystem.contentKey?.(file);
  }
}

/**
 * Where the facts of a repository's files are kept: beside the installed packages, as the compile
 * cache is, named by the repository, TypeScript's version (its scanner decides the facts) and
 * whether JavaScript imports are read.
 */
export function factsStoreFile(ts: TS, repositoryRoot: string, detectJavaScriptImports: boolean): string | undefined {
  let directory: string | undefined;
  try {
    directory = typeScriptCacheDirectory();
  } catch {
    return undefined;
  }
  if (directory === undefined) return undefined;
  const key = createHash('sha1').update([repositoryRoot, ts.version, String(detectJavaScriptImports), STORE_VERSION].join('\0')).digest('hex').slice(0, 16);
  return path.join(directory, `${STORE_KIND}${key}.json`);
}

function readStore(file: string): Map<string, StoredFacts> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown; facts?: Record<string, StoredFacts> };
    if (parsed.version !== STORE_VERSION || typeof parsed.facts !== 'object' || parsed.facts === null) return new Map();
    return new Map(Object.entries(parsed.facts).filter(([, facts]) => isStoredFacts(facts)));
  } catch {
    return new Map();
  }
}

function isStoredFacts(value: unknown): value is StoredFacts {
  const isStrings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return Array.isArray(value) && value.length === 3 && (value[0] === 0 || value[0] === 1) && isStrings(value[1]) && isStrings(value[2]);
}
