import type * as ts from 'typescript';
import type { ModuleMatcher } from '../decorator-modules';
import type { NameRecognizer } from '../decorators';

/**
 * The packages a framework's routes are declared with, as a module matcher for the engine's
 * import resolution: an import of the package or one of its subpaths, and with type information
 * any chain of re-exports that reaches a file of the installed package.
 */
class PackageModules implements ModuleMatcher {
  constructor(private readonly packages: readonly string[]) {}

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

/** One framework's packages and the exports of theirs the route checks look for. */
export interface Library<N extends string> {
  readonly modules: ModuleMatcher;
  readonly names: NameRecognizer<N>;
  /** Text an importing file must contain, for the cheap pre-filter. */
  readonly mentions: readonly string[];
}

function library<const N extends string>(packages: readonly string[], exported: readonly N[]): Library<N> {
  const known = new Set<string>(exported);
  return {
    modules: new PackageModules(packages),
    names: (name) => (known.has(name) ? (name as N) : undefined),
    mentions: packages,
  };
}

export const NEST_VERBS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All', 'Search'] as const;
export const NESTJS = library(['@nestjs/common'], ['Controller', ...NEST_VERBS, 'RequestMapping', 'Param', 'Query', 'HostParam']);
export type NestName = typeof NESTJS extends Library<infer N> ? N : never;

export const TSOA_VERBS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options'] as const;
export const TSOA = library(['tsoa', '@tsoa/runtime'], ['Route', ...TSOA_VERBS, 'Path', 'Query', 'Queries']);
export type TsoaName = typeof TSOA extends Library<infer N> ? N : never;

/** `fastify()` (default or named export), its instance type and the types of a plugin function. */
export const FASTIFY = library(['fastify'], ['fastify', 'default', 'FastifyInstance', 'FastifyPluginAsync', 'FastifyPluginCallback']);
/** TypeBox's builder, under its old and its new package name. */
export const TYPEBOX = library(['@sinclair/typebox', 'typebox'], ['Type']);

export const ROUTE_LIBRARIES: readonly Library<string>[] = [NESTJS, TSOA, FASTIFY];

/** The packages the route checks read, TypeBox's included. */
export const ROUTE_LIBRARY_PACKAGES: readonly string[] = [...ROUTE_LIBRARIES, TYPEBOX].flatMap((library) => library.mentions);
