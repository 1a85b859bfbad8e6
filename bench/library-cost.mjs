// @ts-check
/**
 * What the library adapters (ElectroDB, OneTable, TypeDORM entities) and the framework route
 * readers (NestJS, tsoa, Fastify) cost the files that import none of those packages (not even
 * through a barrel of the project's own): the engine runs over those files of the generated
 * project, and the time spent inside the adapters' entry points is taken from the time of the
 * whole pass, in the same pass, so that a machine slowing down moves both.
 * - Typed: each pass gets a new program whose checker has checked every file, as in tspc, so what
 *   is learnt once per program (the import gate's answers, TypeScript's resolution of each
 *   import's target) is paid in every pass, as a build pays it. Source files are parsed once.
 * - Untyped: the same files without a checker, as ESLint without type information reads them.
 * The entry points are wrapped in the engine's compiled modules before the engine is loaded.
 * The wrappers' own cost (two clock reads a call, about 0.1 µs each) is measured in the same run,
 * on the same wrapper around a function that does nothing, and taken out of both times: it is
 * the bench's, not the adapters'.
 * Usage: node bench/library-cost.mjs <project-dir> [workspace] [reps]; prints JSON.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './processes.mjs';
import { parseProject, ts } from './typescript-project.mjs';

const [dir, workspace = fileURLToPath(new URL('..', import.meta.url)), repsArgument = '5'] = process.argv.slice(2);
const require = createRequire(join(workspace, 'package.json'));
/** @param {string} id */
const load = (id) => /** @type {unknown} */ (require(id));

/**
 * The adapters' and route readers' entry points, by compiled module: everything the engine asks
 * of them about a file that imports no library goes through one of these.
 */
const ENTRY_POINTS = {
  'adapters/library-entities.js': ['mayDeclareLibraryEntities', 'importedTemplateSyntaxes'],
  'routes/check-framework-routes.js': ['mayDeclareFrameworkRoutesIn', 'checkFrameworkRoutes'],
};
let adaptersMs = 0;
/** Calls timed, each paying the wrapper's cost once. */
let timedCalls = 0;
let depth = 0;
/** @param {(...args: unknown[]) => unknown} entry */
const timed = (entry) => (/** @type {unknown[]} */ ...args) => {
  // An entry point called from another is counted once.
  if (depth++ > 0) return entry(...args);
  timedCalls++;
  const start = performance.now();
  try {
    return entry(...args);
  } finally {
    adaptersMs += performance.now() - start;
    depth--;
  }
};
const compiled = dirname(require.resolve('@capsule-guard/engine'));
for (const [path, names] of Object.entries(ENTRY_POINTS)) {
  const module = /** @type {Record<string, unknown>} */ (load(join(compiled, path)));
  for (const name of names) {
    const entry = /** @type {((...args: unknown[]) => unknown) | undefined} */ (module[name]);
    if (typeof entry !== 'function') throw new Error(`the engine no longer has ${name}: update bench/library-cost.mjs`);
    module[name] = timed(entry);
  }
}

/**
 * What one timed call of a function that does nothing costs, on the whole (`callMs`) and inside
 * the timed interval (`insideMs`): the wrapper's share of a pass's time and of the adapters' time.
 */
function wrapperCost() {
  const nothing = timed(() => undefined);
  const calls = 200_000;
  adaptersMs = 0;
  const start = performance.now();
  for (let call = 0; call < calls; call++) nothing();
  return { callMs: (performance.now() - start) / calls, insideMs: adaptersMs / calls };
}
// Loaded after the wrapping: the rules keep the functions they were given when loaded.
const { checkSourceFile, optionsFromPluginEntries, ENTITY_LIBRARY_PACKAGES, ROUTE_LIBRARY_PACKAGES } = /** @type {typeof import('@capsule-guard/engine')} */ (
  load('@capsule-guard/engine')
);
const LIBRARIES = [...ENTITY_LIBRARY_PACKAGES, ...ROUTE_LIBRARY_PACKAGES];

const parsed = parseProject(join(dir, 'tsconfig.json'));
const options = optionsFromPluginEntries(parsed.options.plugins);
const host = ts.createCompilerHost(parsed.options);
/** @type {Map<string, import('typescript').SourceFile | undefined>} */
const parsedFiles = new Map();
const getSourceFile = host.getSourceFile.bind(host);
/** @type {import('typescript').CompilerHost['getSourceFile']} */
host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  if (!parsedFiles.has(fileName)) parsedFiles.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
  return parsedFiles.get(fileName);
};
/** @type {import('typescript').Program | undefined} */
let program;
/** A new program over the same parsed files, whose checker has checked every file. */
function checkedProgram() {
  program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, oldProgram: program });
  program.getSemanticDiagnostics();
  return program;
}

const first = checkedProgram();
const userFiles = first.getSourceFiles().filter((f) => !f.isDeclarationFile && !first.isSourceFileFromExternalLibrary(f));
const files = userFiles.filter((sourceFile) => !importsALibrary(first.getTypeChecker(), sourceFile));

/**
 * Whether a file imports a library, by specifier or by a name the checker finds declared in a
 * library's package (the generated project reaches some libraries only through src/shared/db.ts).
 * @param {import('typescript').TypeChecker} checker
 * @param {import('typescript').SourceFile} sourceFile
 */
function importsALibrary(checker, sourceFile) {
  /** @param {string} specifier */
  const namesALibrary = (specifier) => LIBRARIES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  if (ts.preProcessFile(sourceFile.text, true).importedFiles.some(({ fileName }) => namesALibrary(fileName))) return true;
  return sourceFile.statements.some((statement) => {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) return false;
    return bindings.elements.some((element) => {
      const symbol = checker.getSymbolAtLocation(element.name);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target?.declarations ?? []).some((node) => LIBRARIES.some((name) => node.getSourceFile().fileName.includes(`/node_modules/${name}/`)));
    });
  });
}

/**
 * One engine pass over the files: its time, the adapters' share of it, the findings.
 * @param {import('typescript').TypeChecker | undefined} checker
 */
function pass(checker) {
  const wrapper = wrapperCost();
  adaptersMs = 0;
  timedCalls = 0;
  let findings = 0;
  const start = performance.now();
  for (const sourceFile of files) findings += checkSourceFile(ts, sourceFile, { checker, options }).length;
  const engineMs = performance.now() - start - timedCalls * wrapper.callMs;
  return { engineMs, adaptersMs: adaptersMs - timedCalls * wrapper.insideMs, findings, wrapperUs: wrapper.callMs * 1000 };
}

/** @param {() => import('typescript').TypeChecker | undefined} checker */
function measure(checker) {
  const passes = Array.from({ length: Number(repsArgument) }, () => pass(checker()));
  const findings = new Set(passes.map((p) => p.findings));
  if (findings.size !== 1) throw new Error(`passes over the same files reported different findings: ${[...findings].join(' / ')}`);
  return {
    findings: [...findings][0],
    passes: passes.map(({ engineMs, adaptersMs: adapters, wrapperUs }) => ({ engineMs, adaptersMs: adapters, wrapperUs })),
    engineUsPerFile: (median(passes.map((p) => p.engineMs)) * 1000) / files.length,
    adaptersUsPerFile: (median(passes.map((p) => p.adaptersMs)) * 1000) / files.length,
    // The engine with the adapters over the engine without them, pass by pass.
    withOverWithout: median(passes.map((p) => p.engineMs / (p.engineMs - p.adaptersMs))),
  };
}

// The first pass compiles the engine's code; it is not counted.
pass(first.getTypeChecker());
pass(undefined);
const typed = measure(() => checkedProgram().getTypeChecker());
const untyped = measure(() => undefined);
process.stdout.write(
  `${JSON.stringify({
    files: files.length,
    filesWithLibraries: userFiles.length - files.length,
    reps: Number(repsArgument),
    typed,
    untyped,
    withOverWithout: Math.max(typed.withOverWithout, untyped.withOverWithout),
  })}\n`,
);
