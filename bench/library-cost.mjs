// @ts-check
/**
 * What the library adapters (ElectroDB, OneTable, TypeDORM entities) and the framework route
 * readers (NestJS, tsoa, Fastify) cost the files that import none of those packages: the engine is
 * run, in process and with the program's type checker after TypeScript has checked every file (as
 * in tspc and tsserver), over the generated project's files that import no library, `passes`
 * times, under V8's sampling profiler. A sample counts for the adapters when any frame of its stack
 * is in their modules, for the engine when any frame is in the engine; the ratio is what the engine
 * would cost those files without the adapters, plus what they add.
 * Usage: node bench/library-cost.mjs <project-dir> [workspace] [passes]; prints JSON.
 */
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProject, ts } from './typescript-project.mjs';

const [dir, workspace = fileURLToPath(new URL('..', import.meta.url)), passesArgument = '5'] = process.argv.slice(2);
const require = /** @type {(id: string) => unknown} */ (createRequire(join(workspace, 'package.json')));
const { checkSourceFile, optionsFromPluginEntries, ENTITY_LIBRARY_PACKAGES, ROUTE_LIBRARY_PACKAGES } = /** @type {typeof import('@capsule-guard/engine')} */ (
  require('@capsule-guard/engine')
);

const LIBRARIES = [...ENTITY_LIBRARY_PACKAGES, ...ROUTE_LIBRARY_PACKAGES];

/** The engine's compiled modules, and those of the adapters and route readers among them. */
const ENGINE = `${sep}engine${sep}dist${sep}`;
const ADAPTERS = [`${ENGINE}adapters${sep}`, `${ENGINE}routes${sep}`];

const parsed = parseProject(join(dir, 'tsconfig.json'));
const options = optionsFromPluginEntries(parsed.options.plugins);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const checker = program.getTypeChecker();
program.getSemanticDiagnostics();

/** @param {string} specifier */
const namesALibrary = (specifier) => LIBRARIES.some((name) => specifier === name || specifier.startsWith(`${name}/`));

/**
 * Whether a name the file imports is declared in a library's package, through the project's own
 * barrels too (followed by the checker, as the engine's import gate does): the generated project
 * reaches some libraries only through src/shared/db.ts.
 * @param {import('typescript').ImportDeclaration} declaration
 */
function importsFromALibrary(declaration) {
  const bindings = declaration.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return false;
  return bindings.elements.some((element) => {
    const symbol = checker.getSymbolAtLocation(element.name);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return (target?.declarations ?? []).some((node) => {
      const { fileName } = node.getSourceFile();
      return LIBRARIES.some((name) => fileName.includes(`/node_modules/${name}/`));
    });
  });
}

/** @param {import('typescript').SourceFile} sourceFile */
const importsALibrary = (sourceFile) =>
  ts.preProcessFile(sourceFile.text, true).importedFiles.some(({ fileName }) => namesALibrary(fileName)) ||
  sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && importsFromALibrary(statement));
const userFiles = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f));
const files = userFiles.filter((sourceFile) => !importsALibrary(sourceFile));

const session = new Session();
session.connect();
/**
 * @param {string} method
 * @param {object} [params]
 * @returns {Promise<unknown>}
 */
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 50 });
await post('Profiler.start');
let findings = 0;
const passes = Number(passesArgument);
for (let pass = 0; pass < passes; pass++) {
  for (const sourceFile of files) findings += checkSourceFile(ts, sourceFile, { checker, options }).length;
}
const { profile } = /** @type {{ profile: import('node:inspector').Profiler.Profile }} */ (await post('Profiler.stop'));
session.disconnect();

/** @type {Map<number, number>} */
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
/** @param {number} id */
function stackUrls(id) {
  const urls = [];
  for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) urls.push(nodes.get(at)?.callFrame.url ?? '');
  return urls;
}
let engineUs = 0;
let adaptersUs = 0;
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
samples.forEach((id, i) => {
  const urls = stackUrls(id);
  const delta = deltas[i] ?? 0;
  if (urls.some((url) => url.includes(ENGINE))) engineUs += delta;
  if (urls.some((url) => ADAPTERS.some((part) => url.includes(part)))) adaptersUs += delta;
});
process.stdout.write(
  `${JSON.stringify({
    files: files.length,
    filesWithLibraries: userFiles.length - files.length,
    passes,
    findings,
    engineMs: engineUs / 1000,
    adaptersMs: adaptersUs / 1000,
    engineUsPerFile: engineUs / (files.length * passes),
    adaptersUsPerFile: adaptersUs / (files.length * passes),
    withOverWithout: 1 + adaptersUs / Math.max(1, engineUs - adaptersUs),
  })}\n`,
);
