import type { NameRecognizer } from '../decorators';
import { PackageModules } from '../package-modules';

/** One framework's packages and the exports of theirs the route checks look for. */
export interface Library<N extends string> {
  readonly modules: PackageModules;
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
