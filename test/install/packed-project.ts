/**
 * Fresh projects that install this repository's packages the way a user gets them: each workspace
 * package packed with `npm pack`, everything else from the npm registry. The tests that use them
 * follow the documentation in such a project, so they need the registry (as CI has).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runProcess, type RunResult } from '../cli/harness';

export type { RunResult };

/** Every package of the workspace, by its directory under packages/. */
export const WORKSPACE_PACKAGES = ['core', 'engine', 'eslint-plugin', 'ts-plugin', 'cli'] as const;
export type WorkspacePackage = (typeof WORKSPACE_PACKAGES)[number];

/** Registry look-ups answered from npm's cache where it can, and no audit or funding requests. */
const FAST_INSTALL = ['--prefer-offline', '--no-audit', '--no-fund'] as const;

/** What `npm pack` reports of one package. */
export interface PackedPackage {
  readonly name: string;
  /** Absolute path of the tarball. */
  readonly tarball: string;
  /** The paths inside the tarball. */
  readonly files: readonly string[];
}

/** npm's variables from an enclosing `npm test` would point a nested npm at this repository. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_(lifecycle_|package_|config_(local_)?prefix$)/iu.test(name)),
  );
}

export function npm(args: readonly string[], cwd: string): Promise<RunResult> {
  const install = args[0] === 'install' || args[0] === 'ci';
  return runProcess('npm', install ? [...args, ...FAST_INSTALL] : args, cwd, cleanEnvironment());
}

/**
 * What `npx <bin> …` runs where the bin is installed: the nearest node_modules/.bin/<bin>, here
 * without npm's start-up time. A bin that is not installed is a failure, never a download.
 */
export function npx([bin, ...args]: readonly string[], cwd: string): Promise<RunResult> {
  for (let directory = cwd; ; directory = path.dirname(directory)) {
    const linked = path.join(directory, 'node_modules', '.bin', bin);
    if (existsSync(linked)) return runProcess(linked, args, cwd, cleanEnvironment());
    if (path.dirname(directory) === directory) throw new Error(`no bin '${bin}' is installed for ${cwd}`);
  }
}

/** A temporary directory for one test file's projects; `remove` deletes it. */
export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), `capsule-guard-${prefix}-`));
  return { path: directory, remove: () => rm(directory, { recursive: true, force: true }) };
}

/** Packs the given workspace packages (built by `npm test` beforehand) into `destination`. */
export async function packPackages(
  names: readonly WorkspacePackage[],
  destination: string,
): Promise<Map<string, PackedPackage>> {
  await mkdir(destination, { recursive: true });
  const workspaces = names.flatMap((name) => ['-w', `packages/${name}`]);
  const pack = await npm(['pack', '--json', '--pack-destination', destination, ...workspaces], REPO_ROOT);
  if (pack.exitCode !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const packed = JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return new Map(
    packed.map(({ name, filename, files }) => [
      name,
      { name, tarball: path.join(destination, filename), files: files.map((file) => file.path) },
    ]),
  );
}

/**
 * Writes a project's package.json and files. The packed packages take the place of the
 * registry's: `@capsule-guard/engine`, which the others depend on, through `overrides`.
 */
export async function writeProject(
  directory: string,
  packed: ReadonlyMap<string, PackedPackage>,
  files: Readonly<Record<string, string>>,
  manifest: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const engine = packed.get('@capsule-guard/engine');
  if (!engine) throw new Error('@capsule-guard/engine must be packed: the other packages depend on it');
  await writeFiles(directory, {
    'package.json': JSON.stringify(
      { name: path.basename(directory), private: true, ...manifest, overrides: { '@capsule-guard/engine': `file:${engine.tarball}` } },
      null,
      2,
    ),
    ...files,
  });
}

export async function writeFiles(directory: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, file)), { recursive: true });
    await writeFile(path.join(directory, file), content);
  }
}

/**
 * Runs an `npm install …` line as the documentation writes it, with each of our package names
 * replaced by its tarball.
 */
export function npmInstallLine(line: string, packed: ReadonlyMap<string, PackedPackage>, cwd: string): Promise<RunResult> {
  const [command, ...args] = line.trim().split(/\s+/u);
  if (command !== 'npm' || args[0] !== 'install') throw new Error(`not an npm install line: ${line}`);
  return npm(args.map((arg) => packed.get(arg)?.tarball ?? arg), cwd);
}
