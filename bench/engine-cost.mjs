// @ts-check
/**
 * The engine's own cost per file, in process, on a generated project: once with the program's
 * type checker (what tspc, tsserver and the CLI run) and once without (what untyped ESLint runs).
 * Usage: node bench/engine-cost.mjs <project-dir> [workspace] [standalone|after-check]; prints JSON.
 * The engine is the one built in `workspace` (default: this repository). `after-check` first has
 * TypeScript check every file, as tspc and tsserver do before asking the engine, so what remains is
 * the engine's own cost there; `standalone` is the CLI's situation, where the engine's name
 * lookups are the first the checker is asked.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseProject, ts } from './typescript-project.mjs';

const [dir, workspace = fileURLToPath(new URL('..', import.meta.url)), mode = 'standalone'] = process.argv.slice(2);
const require = /** @type {(id: string) => unknown} */ (createRequire(join(workspace, 'package.json')));
const { checkSourceFile, optionsFromPluginEntries } = /** @type {typeof import('@capsule-guard/engine')} */ (require('@capsule-guard/engine'));

const parsed = parseProject(join(dir, 'tsconfig.json'));
const options = optionsFromPluginEntries(parsed.options.plugins);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f));
const checker = program.getTypeChecker();
if (mode === 'after-check') program.getSemanticDiagnostics();

/** @param {Parameters<typeof checkSourceFile>[2]} context */
function pass(context) {
  let findings = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const sourceFile of files) findings += checkSourceFile(ts, sourceFile, context).length;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, findings };
}

// The typed pass runs first, as in a build: name resolution the checker does for it is its cost.
const typed = pass({ checker, options });
const untyped = pass({ options });
process.stdout.write(
  `${JSON.stringify({
    files: files.length,
    typed: { ...typed, cpuUsPerFile: (typed.cpuMs * 1000) / files.length },
    untyped: { ...untyped, cpuUsPerFile: (untyped.cpuMs * 1000) / files.length },
  })}\n`,
);
