/**
 * TypeScript's compiler is one 9 MB script, and on every run V8 parses it and compiles each of
 * its functions the first time it is called: a large share of a short check. V8 can save that
 * work as a code cache and take it back on the next run. Node 22 does this for every module
 * (`module.enableCompileCache`); on older Node the CLI loads TypeScript through `vm.Script` with
 * the cache itself. The cache is kept beside the installed packages, in
 * node_modules/.cache/capsule-guard, and named by Node's version and flags and TypeScript's file,
 * size and modification time; V8 checks it against its own version, its flags and the script, and compiles from the source
 * whenever it does not match (stale caches are removed, see cache-files.ts). Any failure to read
 * or write it only costs the time it would have saved. `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns it off.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { writeCacheFile } from './cache-files';
import { asciiText } from './file-system';

interface NodeModule {
  enableCompileCache?: (directory: string) => unknown;
  wrap(source: string): string;
  _nodeModulePaths(directory: string): string[];
}

/** The start of the code caches' names, `typescript-<key>.v8cache`. */
const CACHE_KIND = 'typescript-';

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/**
 * What happened to the cache: Node's own took over, TypeScript came from the cache, it was
 * compiled (and the cache is written at exit), or the cache is off or out of reach.
 */
export type CompileCacheUse = 'node' | 'cached' | 'compiled' | 'off';

/**
 * Loads TypeScript from the code cache when there is one; `require('typescript')` then returns
 * that instance. `directory` is where the cache lives (by default beside the installed packages).
 */
export function useCompileCache(directory?: string): CompileCacheUse {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return 'off';
  try {
    const file = require.resolve('typescript');
    const cache = directory ?? typeScriptCacheDirectory(file);
    if (cache === undefined) return 'off';
    const node = Module as unknown as NodeModule;
    if (!node.enableCompileCache) return loadWithCodeCache(file, cache);
    node.enableCompileCache(cache);
    return 'node';
  } catch {
    // Without the cache TypeScript is loaded the ordinary way, by the first require.
    return 'off';
  }
}

/** node_modules/.cache/capsule-guard in the node_modules TypeScript is installed in; none outside one. */
export function typeScriptCacheDirectory(typescriptFile = require.resolve('typescript')): string | undefined {
  const parts = typescriptFile.split(path.sep);
  const nodeModules = parts.lastIndexOf('node_modules');
  return nodeModules < 0 ? undefined : path.join(parts.slice(0, nodeModules + 1).join(path.sep), '.cache', 'capsule-guard');
}

function loadWithCodeCache(file: string, directory: string): CompileCacheUse {
  const bytes = fs.readFileSync(file);
  const source = asciiText(bytes) ?? bytes.toString('utf8');
  const stat = fs.statSync(file);
  // V8 rejects a cache made under other flags (a profiler's, a GC setting): each set of flags keeps its own.
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  const key = createHash('sha1').update([process.version, flags, file, stat.size, stat.mtimeMs].join('\0')).digest('hex').slice(0, 16);
  const cacheFile = path.join(directory, `${CACHE_KIND}${key}.v8cache`);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script((Module as unknown as NodeModule).wrap(source), { filename: file, cachedData });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = (Module as unknown as NodeModule)._nodeModulePaths(path.dirname(file));
  (script.runInThisContext() as ModuleWrapper).call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  require.cache[file] = loaded;
  // Saved at exit, so the cache holds every function this run compiled, not only the top level.
  if (cachedData !== undefined && script.cachedDataRejected !== true) return 'cached';
  process.once('exit', () => writeCacheFile(cacheFile, CACHE_KIND, () => script.createCachedData()));
  return 'compiled';
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
