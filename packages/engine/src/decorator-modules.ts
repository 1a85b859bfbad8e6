import type * as ts from 'typescript';
import type { TS } from './finding';
import { CORE_MODULE, type CapsuleGuardOptions } from './options';

/** Which modules a resolver looks for imports of: ours (DecoratorModules) or a framework's packages. */
export interface ModuleMatcher {
  /** True when `specifier`, written in the file `importingFile`, imports one of the modules (without type information). */
  isOurSpecifier(specifier: string, importingFile: string): boolean;
  /** True when the module resolved from `specifier` (with type information) is one of them. */
  isOurResolvedModule(specifier: ts.StringLiteralLike, checker: ts.TypeChecker): boolean;
  /** True when the file is one of the modules' own files. */
  isOurFile(fileName: string): boolean;
}

/**
 * Which modules export our decorators: @capsule-guard/core and the `decoratorModules` entries.
 * A package entry (`@acme/entities`) is a module name and matches imports of that name. A relative
 * entry (`./src/decorators`) names a file, resolved against the project directory (the directory
 * of the tsconfig.json, or ESLint's working directory when it lints without one), and matches
 * every import that resolves to that file, whatever folder it is written from and with or
 * without an extension or `/index`.
 */
export class DecoratorModules implements ModuleMatcher {
  private readonly names: ReadonlySet<string>;
  /** Relative entries as absolute paths without extension, `/`-separated. */
  private readonly files: readonly string[];

  /** `withCore` false: the modules of another library, by package name (`electrodb`), whose entities are checked too. */
  constructor(options: Pick<CapsuleGuardOptions, 'decoratorModules'>, projectDirectory: string, withCore = true) {
    const relative = options.decoratorModules.filter(isRelative);
    const packages = options.decoratorModules.filter((entry) => !isRelative(entry));
    this.names = new Set(withCore ? [CORE_MODULE, ...packages] : packages);
    this.files = relative.map((entry) => moduleStem(joinPath(projectDirectory, entry)));
  }

  /** True when `specifier`, written in the file `importingFile`, imports one of our modules (without type information). */
  isOurSpecifier(specifier: string, importingFile: string): boolean {
    if (this.names.has(specifier)) return true;
    return this.files.length > 0 && isRelative(specifier) && this.isOurFile(joinPath(directoryOf(importingFile), specifier));
  }

  /** True when the module resolved from `specifier` (with type information) is one of ours. */
  isOurResolvedModule(specifier: ts.StringLiteralLike, checker: ts.TypeChecker): boolean {
    if (this.names.has(specifier.text)) return true;
    if (this.files.length === 0) return false;
    const declaration = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    return declaration !== undefined && this.isOurFile(declaration.getSourceFile().fileName);
  }

  /** True when the file is a configured decorator module itself. */
  isOurFile(fileName: string): boolean {
    return this.files.some((file) => stemNamesFile(file, fileName));
  }
}

const modulesByOptions = new WeakMap<CapsuleGuardOptions, Map<string, DecoratorModules>>();

/** One DecoratorModules per options and project, so what is learnt about modules is kept across files. */
export function decoratorModulesFor(options: CapsuleGuardOptions, projectDirectory: string): DecoratorModules {
  let byDirectory = modulesByOptions.get(options);
  if (!byDirectory) modulesByOptions.set(options, (byDirectory = new Map<string, DecoratorModules>()));
  let modules = byDirectory.get(projectDirectory);
  if (!modules) byDirectory.set(projectDirectory, (modules = new DecoratorModules(options, projectDirectory)));
  return modules;
}

/** The modules for a check context: its project directory, or else the process's working directory. */
export function decoratorModulesIn(ts: TS, options: CapsuleGuardOptions, projectDirectory: string | undefined): DecoratorModules {
  return decoratorModulesFor(options, projectDirectory ?? ts.sys?.getCurrentDirectory() ?? '/');
}

const mentionsByOptions = new WeakMap<CapsuleGuardOptions, readonly string[]>();

/**
 * Whether a text may import one of our modules: an import names the package, or the file of a
 * relative entry (`../decorators.js` for `./src/decorators`), in its specifier.
 */
export function mentionsDecoratorModule(text: string, options: CapsuleGuardOptions): boolean {
  let mentions = mentionsByOptions.get(options);
  if (!mentions) {
    const entries = options.decoratorModules.map((entry) => (isRelative(entry) ? lastNameOf(moduleStem(entry)) : entry));
    mentionsByOptions.set(options, (mentions = [CORE_MODULE, ...entries]));
  }
  return mentions.some((mention) => text.includes(mention));
}

const isRelative = (specifier: string): boolean => specifier === '.' || specifier === '..' || /^\.\.?\//u.test(specifier);

/** TypeScript names files with `/`; a Windows working directory may use `\`. */
const slashed = (path: string): string => (path.includes('\\') ? path.replace(/\\/gu, '/') : path);

function directoryOf(fileName: string): string {
  const path = slashed(fileName);
  return path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';
}

/** `base` joined with `relative`, with `.` and `..` segments resolved. */
function joinPath(base: string, relative: string): string {
  const segments: string[] = [];
  for (const segment of `${slashed(base)}/${slashed(relative)}`.split('/')) {
    if (segment === '..') {
      if (segments.length > 1) segments.pop();
    } else if (segment !== '.' && (segment !== '' || segments.length === 0)) {
      segments.push(segment);
    }
  }
  return segments.join('/') || '/';
}

/**
 * The path a relative specifier written in `importingFile` names, without extension
 * (`./keys.js` in `src/a.ts`: `src/keys`); undefined for a package name.
 */
export function relativeModuleStem(importingFile: string, specifier: string): string | undefined {
  return isRelative(specifier) ? moduleStem(joinPath(directoryOf(importingFile), specifier)) : undefined;
}

/** Whether a module named by `stem` (see relativeModuleStem) is the file `fileName`, directly or as its folder's index. */
export function stemNamesFile(stem: string, fileName: string): boolean {
  if (!slashed(fileName).startsWith(stem)) return false;
  const file = moduleStem(fileName);
  return file === stem || file === `${stem}/index`;
}

/**
 * A module's path without its extension: `src/decorators.ts`, `src/decorators.d.ts`, and the
 * `src/decorators.js` an ESM import names all become `src/decorators`.
 */
function moduleStem(path: string): string {
  return slashed(path).replace(/(?:\.d)?\.[cm]?[jt]sx?$|\/$/u, '');
}

/** The name an import of the module must contain: its file name, or its folder's for an index. */
function lastNameOf(stem: string): string {
  const segments = stem.split('/').filter((segment) => segment !== '' && segment !== 'index');
  return segments.at(-1) ?? stem;
}

/**
 * The directory relative `decoratorModules` entries are resolved against, for a program: the
 * directory of its tsconfig.json, or its working directory when it was made without one.
 */
export function projectDirectoryOf(program: ts.Program): string {
  const configFile = program.getCompilerOptions().configFilePath;
  return typeof configFile === 'string' ? directoryOf(configFile) : program.getCurrentDirectory();
}
