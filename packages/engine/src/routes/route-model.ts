import type * as ts from 'typescript';
import type { Suggestion } from '../finding';
import type { UrlPlaceholder } from './url-path';

/**
 * A route declared with a framework (NestJS, tsoa, Fastify), as its reader found it: where the
 * URL's parameters are and what reads them. Each framework's reader builds these values; one
 * comparison (compare-route.ts) checks them, so the three frameworks are held to the same rules.
 */

/** One piece of a route's URL as written (a controller's path, a method's path), parsed. */
export interface UrlPart {
  readonly text: string;
  /** Where findings about its placeholders are shown: the string or const that holds it. */
  readonly anchor: ts.Node;
  readonly placeholders: readonly UrlPlaceholder[];
}

/** Something that reads one named parameter: `@Param('id')`, `@Path() id`, a `schema.params` property. */
export interface Binding {
  readonly name: string;
  /** As the framework writes it, for messages: `@Param('contractId')`. */
  readonly written: string;
  readonly anchor: ts.Node;
  /** The string literal that names it, when renaming it in place is a fix. */
  readonly literal: ts.StringLiteralLike | undefined;
}

/**
 * The bindings of one source (path or query). `complete` is false when some could not be read
 * (reported already): then a placeholder that no binding reads is not reported, since the
 * unreadable one may read it.
 */
export interface Bindings {
  readonly bindings: readonly Binding[];
  readonly complete: boolean;
}

/** How one framework names things in messages and edits them in suggestions. */
export interface RouteTerms {
  /** The exact edit, in words, that binds a path parameter: `add a handler parameter @Param('id') id: string`. */
  bindPathParameter(name: string): string;
  bindPathParameterFix(name: string): Suggestion[];
  /** What to write when a name read from the path is not in it, e.g. read it from the query string. */
  notInPathHint(binding: Binding): string;
}

export interface DeclaredRoute {
  /** `GET /tenants/:tenantId/contracts`, for messages. */
  readonly label: string;
  /** The URL's pieces in order (a controller's path, then the method's). */
  readonly url: readonly UrlPart[];
  readonly path: Bindings;
  readonly query: Bindings;
  readonly terms: RouteTerms;
  /** Set for a route that declares no path schema at all (Fastify): where that is shown and how it is fixed. */
  readonly missingPathSchema?: MissingPathSchema;
  /** Which checks are made here; all of them unless the route is a Fastify plugin's (fastify-plugins.ts). */
  readonly scope?: RouteScope;
}

/**
 * The checks of a route whose URL is completed by a prefix given elsewhere (a Fastify plugin's
 * route, registered with `{ prefix }`). `withoutPrefix`: the prefix is not known here, so a path
 * binding that names no placeholder of `url` is not reported (the prefix may hold it); the rest is.
 * `prefixOnly`: where the prefix is known, at the registration, the checks that `withoutPrefix`
 * left out or that concern the first `prefixParts` of `url`, the prefix's; when a prefix not known
 * there either comes before them (`afterUnknownPrefix`), a binding naming none of the known
 * placeholders is left unreported, as it is where the route is declared.
 */
export type RouteScope = { readonly kind: 'withoutPrefix' } | { readonly kind: 'prefixOnly'; readonly prefixParts: number; readonly afterUnknownPrefix?: boolean };

export interface MissingPathSchema {
  readonly anchor: ts.Node;
  /** The declaration to add, in words, for the URL's parameter names. */
  readonly edit: (names: readonly string[]) => string;
  readonly fix: (names: readonly string[]) => Suggestion[];
}
