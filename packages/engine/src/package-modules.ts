import type * as ts from 'typescript';
import type { ModuleMatcher } from './decorator-modules';

/**
 * The packages of a library (a web framework, a modelling library), as a module matcher for the
 * engine's import resolution: an import of the package or one of its subpaths, and with type
 * information any chain of re-exports that reaches a file of the installed package.
 */
export class PackageModules implements ModuleMatcher {
  constructor(readonly packages: readonly string[]) {}

  isOurSpecifier(specifier: string): boolean {
    return this.packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  }

  isOurResolvedModule(specifier: ts.StringLiteralLike): boolean {
    return this.isOurSpecifier(specifier.text);
  }

  isOurFile(fileName: string): boolean {
    const path = fileName.replace(/\\/gu, '/');
    return this.packages.some((name) => path.includes(`/node_modules/${name}/`));
  }
}
