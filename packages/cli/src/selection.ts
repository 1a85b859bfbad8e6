/**
 * Which files a check parses and which it reports on. Parsing and binding every file of a large
 * project costs more than all the checks together, and most files cannot hold a finding: the
 * Program is built from the files that can (candidates) and TypeScript adds what they import.
 *
 * A file is a candidate when the engine's text pre-filter says it may hold a finding (it names a
 * decorator module or holds a suppression), or when it imports a barrel: a module that passes on
 * our decorators by re-exporting a decorator module or another barrel, at any depth.
 */
import path from 'node:path';
import type * as ts from 'typescript';
import { decoratorModulesFor, ENTITY_LIBRARY_PACKAGES, mayHaveFindings, type CapsuleGuardOptions, type DecoratorModules, type TS } from '@capsule-guard/engine';
import type { FileSystem } from './file-system';
import { ImportGraph } from './import-graph';
import type { FileFactsReader } from './file-facts';
import { mayReExport } from './module-shape';

/** What a check covers: the whole project, or what given files (changed or deleted ones) affect. */
export interface Scope {
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
}

export interface Selection {
  /** The Program's root files; TypeScript adds every file they import. */
  readonly rootNames: readonly string[];
  /** Whether the findings of a file are reported. */
  readonly reports: (file: string) => boolean;
}

export interface SelectionInput {
  readonly fileNames: readonly string[];
  readonly compilerOptions: ts.CompilerOptions;
  /** The tsconfig and the files it extends: a change to any of them may change every finding. */
  readonly configFiles: readonly string[];
  readonly options: CapsuleGuardOptions;
  readonly fileSystem: FileSystem;
  /** Whether each file is a module and what it imports, read through `fileSystem`. */
  readonly facts: FileFactsReader;
  readonly cwd: string;
}

export function selectFiles(ts: TS, input: SelectionInput, scope?: Scope): Selection {
  const { fileNames, fileSystem } = input;
  const text = (file: string): string => fileSystem.readFile(file) ?? '';
  let graph: ImportGraph | undefined;
  const graphOf = (): ImportGraph =>
    (graph ??= new ImportGraph(ts, input.compilerOptions, fileSystem, input.facts, fileNames, input.cwd, new Set(scope?.deleted)));

  const affected = scope && !affectsEveryFile(ts, input, scope) ? graphOf().dependentsOf([...scope.changed, ...scope.deleted]) : undefined;
  const reports = affected ? (file: string): boolean => affected.has(file) : (): boolean => true;

  const barrels = new BarrelFinder(ts, input, graphOf);
  const inProject = new Set(fileNames);
  const candidates = affected
    ? // Only the affected files of the project matter; each is a candidate by its own text or its own imports.
      [...affected].filter(
        (file) => inProject.has(file) && (mayHaveFindings(text(file), input.options) || graphOf().importsOf(file).some((target) => barrels.isBarrel(target))),
      )
    : projectCandidates(fileNames.filter((file) => mayHaveFindings(text(file), input.options)), barrels, graphOf);
  // Declaration files and scripts declare globals that any file may use: they are always in.
  const global = fileNames.filter((file) => /\.d\.[cm]?ts$/iu.test(file) || !input.facts.isModule(file));
  const rootNames = [...new Set([...global, ...candidates])];
  return { rootNames, reports };
}

/** The project's candidates: the files the text pre-filter keeps, and the importers of barrels at any depth. */
function projectCandidates(byText: readonly string[], barrels: BarrelFinder, graphOf: () => ImportGraph): Set<string> {
  const candidates = new Set(byText);
  const pending = byText.filter((file) => barrels.isBarrel(file));
  while (pending.length > 0) {
    for (const importer of graphOf().importersOf(pending.pop() as string)) {
      if (candidates.has(importer)) continue;
      candidates.add(importer);
      if (barrels.isBarrel(importer)) pending.push(importer);
    }
  }
  return candidates;
}

/**
 * Whether a change can alter findings in files that do not import the changed ones: a tsconfig
 * or package.json (options, module resolution), a declaration file or script (globals), or a
 * module that augments globals or other modules (`declare global`, `declare module`).
 */
function affectsEveryFile(ts: TS, input: SelectionInput, scope: Scope): boolean {
  const configs = new Set(input.configFiles);
  const isConfig = (file: string): boolean =>
    configs.has(file) || /^(?:package|[jt]sconfig[^/]*)\.json$/iu.test(path.posix.basename(file)) || /\.d\.[cm]?ts$/iu.test(file);
  if (scope.deleted.some(isConfig)) return true;
  return scope.changed.some((file) => {
    if (isConfig(file)) return true;
    const text = input.fileSystem.readFile(file);
    if (text === undefined || !/\.[cm]?[jt]sx?$/iu.test(file)) return false;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    return !ts.isExternalModule(sourceFile) || sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement));
  });
}

/** Decides which files are barrels of our decorators; only files that may re-export are parsed. */
class BarrelFinder {
  private readonly known = new Map<string, boolean>();
  /** Relative `decoratorModules` entries are resolved against the tsconfig's directory, as in every front end. */
  private readonly modules: DecoratorModules;

  constructor(
    private readonly ts: TS,
    private readonly input: SelectionInput,
    private readonly graphOf: () => ImportGraph,
  ) {
    const [tsconfig] = input.configFiles;
    this.modules = decoratorModulesFor(input.options, tsconfig ? path.dirname(tsconfig) : input.cwd);
  }

  isBarrel(file: string): boolean {
    const known = this.known.get(file);
    if (known !== undefined) return known;
    // Assumed not while deciding, so a cycle of re-exports ends.
    this.known.set(file, false);
    const text = this.input.fileSystem.readFile(file);
    const barrel = text !== undefined && mayReExport(this.ts, text) && this.passesOnDecorators(file, text);
    this.known.set(file, barrel);
    return barrel;
  }

  /** `export … from <source>`, or an import from a source and an `export { … }`/`export =`/`export default` of it. */
  private passesOnDecorators(file: string, text: string): boolean {
    const { ts } = this;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    let importsSource = false;
    let exportsImports = false;
    for (const statement of sourceFile.statements) {
      if (ts.isExportDeclaration(statement)) {
        if (!statement.moduleSpecifier) exportsImports = true;
        else if (this.isSource(statement.moduleSpecifier, file)) return true;
      } else if (ts.isExportAssignment(statement)) {
        exportsImports = true;
      } else if (ts.isImportDeclaration(statement) && this.isSource(statement.moduleSpecifier, file)) {
        importsSource = true;
      } else if (ts.isImportEqualsDeclaration(statement)) {
        const reference = statement.moduleReference;
        const isSource = ts.isExternalModuleReference(reference) && this.isSource(reference.expression, file);
        if (isSource) importsSource = true;
        if (isSource && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return true;
      }
    }
    return importsSource && exportsImports;
  }

  /** A decorator module, a modelling library whose entities are checked, or a file that is itself a barrel. */
  private isSource(specifier: ts.Expression, file: string): boolean {
    if (!this.ts.isStringLiteral(specifier)) return false;
    if (this.modules.isOurSpecifier(specifier.text, file) || ENTITY_LIBRARY_PACKAGES.includes(specifier.text)) return true;
    const target = this.graphOf().resolveImport(specifier.text, file);
    return target !== undefined && this.isBarrel(target);
  }
}
