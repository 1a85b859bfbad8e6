// @ts-check
/**
 * What the tsserver plugin adds to one semantic-diagnostics request, measured in process on the
 * generated project's 20-entity file. Each iteration edits the file (a new program, as after a
 * keystroke), asks the plain language service for its diagnostics (TypeScript's own work, which
 * the plugin's proxy also triggers first), then asks the plugin's proxy. The proxy's base call is
 * answered from the program's cache by then; that cached call is timed on its own and subtracted,
 * so what remains is the plugin's own time per request.
 * Usage: node bench/tsserver-cost.mjs <project-dir> <file> <iterations> [workspace]; prints JSON.
 * The plugin is the one built in `workspace` (default: this repository).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pluginLanguageService } from './plugin-language-service.mjs';
import { median } from './processes.mjs';
import { parseProject, ts } from './typescript-project.mjs';

const [dir, relativeFile, iterationsArgument, workspace = fileURLToPath(new URL('..', import.meta.url))] = process.argv.slice(2);
const require = /** @type {(id: string) => unknown} */ (createRequire(join(workspace, 'package.json')));
const pluginModule = /** @type {Parameters<typeof pluginLanguageService>[1]} */ (require('@capsule-guard/ts-plugin'));
const iterations = Number(iterationsArgument);
const WARM_UP = 5;
const file = join(dir, relativeFile);
const parsed = parseProject(join(dir, 'tsconfig.json'));

/** @type {Map<string, { version: number, text: string }>} */
const edits = new Map();
const { languageService, proxy } = pluginLanguageService(ts, pluginModule, {
  rootNames: parsed.fileNames,
  options: parsed.options,
  currentDirectory: dir,
  pluginEntry: /** @type {{ name: string }[]} */ (parsed.options.plugins).find((entry) => entry.name === '@capsule-guard/ts-plugin'),
  versionOf: (name) => String(edits.get(name)?.version ?? 0),
  // tsserver's project has a version of its own, so the plugin's request for the program it has
  // just checked costs nothing there; without one, every root file's version would be compared.
  projectVersion: () => String(edits.get(file)?.version ?? 0),
  textOf: (name) => edits.get(name)?.text ?? ts.sys.readFile(name),
});

const original = /** @type {string} */ (ts.sys.readFile(file));
// CPU time is what the request costs this process; wall time also counts whatever else the machine runs.
/**
 * @template T
 * @param {() => T} action
 */
const time = (action) => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = action();
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, result };
};

/** @type {{ baseMs: number, pluginWallMs: number, pluginCpuMs: number, ours: number }[]} */
const samples = [];
for (let i = 0; i < WARM_UP + iterations; i++) {
  // A keystroke's worth of change: the file's text differs, so the next request sees a new program.
  edits.set(file, { version: i + 1, text: `${original}\n// edit ${i}\n` });
  const base = time(() => languageService.getSemanticDiagnostics(file));
  const withPlugin = time(() => proxy.getSemanticDiagnostics(file));
  const cachedBase = time(() => languageService.getSemanticDiagnostics(file));
  const ours = withPlugin.result.length - base.result.length;
  if (i >= WARM_UP) {
    samples.push({
      baseMs: base.ms,
      pluginWallMs: withPlugin.ms - cachedBase.ms,
      pluginCpuMs: withPlugin.cpuMs - cachedBase.cpuMs,
      ours,
    });
  }
}

process.stdout.write(
  `${JSON.stringify({
    file: relativeFile,
    iterations,
    baseRequestWallMs: median(samples.map((s) => s.baseMs)),
    pluginCpuMsPerRequest: median(samples.map((s) => s.pluginCpuMs)),
    pluginWallMsPerRequest: median(samples.map((s) => s.pluginWallMs)),
    pluginWallMsMax: Math.max(...samples.map((s) => s.pluginWallMs)),
    findingsPerRequest: [...new Set(samples.map((s) => s.ours))],
  })}\n`,
);
