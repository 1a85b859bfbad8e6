/**
 * Type-level checks of an `@apiEndpoint`'s options: no name twice in the path, in one list or in
 * both lists, and `pathParams` the same set as the path's `{name}` and `:name` placeholders.
 *
 * Only what is known at the type level is compared: a path typed `string`, or a list typed
 * `string[]` instead of a tuple of literals, is left to the engine. Which method parameters a
 * route has cannot be checked here at all: parameter names are not part of a function's type.
 */
import type { ApiEndpointOptions } from '../decorators';
import type { UnknownOption } from './options';
import type { Checked, FirstProblem, IsKnownString, RuleMessage } from './verdict';

type Message<Sentence extends string> = RuleMessage<'explicit-route-params', Sentence>;

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/** One string literal: the only kind of list element or path that can be compared. */
type IsLiteral<S> = IsKnownString<S> extends true ? (true extends IsUnion<S> ? false : true) : false;

/** `{name}` placeholders of one path segment, in order. */
type BracePlaceholders<Segment extends string, Found extends string[]> = Segment extends `${string}{${infer Name}}${infer Rest}`
  ? BracePlaceholders<Rest, [...Found, Name]>
  : Found;

/** Placeholder names of a route path, in order: `:name` fills a whole segment, `{name}` may be anywhere. */
type PathPlaceholders<Path extends string, Found extends string[] = []> = Path extends `${infer Segment}/${infer Rest}`
  ? PathPlaceholders<Rest, SegmentPlaceholders<Segment, Found>>
  : SegmentPlaceholders<Path, Found>;

type SegmentPlaceholders<Segment extends string, Found extends string[]> = Segment extends `:${infer Name}`
  ? [...Found, Name]
  : BracePlaceholders<Segment, Found>;

/** The first literal that appears twice in a list (never when none does). */
type Duplicate<List, Seen extends string = never> = List extends readonly [infer Head, ...infer Rest]
  ? IsLiteral<Head> extends true
    ? Head extends Seen
      ? Head
      : Duplicate<Rest, Seen | (Head & string)>
    : Duplicate<Rest, Seen>
  : never;

/** The literal elements of a list. */
type Literals<List> = List extends readonly (infer Element)[]
  ? Element extends unknown
    ? IsLiteral<Element> extends true
      ? Element & string
      : never
    : never
  : never;

/** A tuple of string literals only: a list whose every name is known. */
type IsKnownList<List> = List extends readonly []
  ? true
  : List extends readonly [infer Head, ...infer Rest]
    ? IsLiteral<Head> extends true
      ? IsKnownList<Rest>
      : false
    : false;

/** The first element of `List` that is (or is not, with `Wanted` false) one of `Names`. */
type FirstWhere<List, Names extends string, Wanted extends boolean> = List extends readonly [infer Head, ...infer Rest]
  ? (Head extends Names ? true : false) extends Wanted
    ? Head
    : FirstWhere<Rest, Names, Wanted>
  : never;

type DuplicateInList<List, Name extends string> = Duplicate<List> extends infer D extends string
  ? Message<`'${D}' appears twice in ${Name}; remove the duplicate`>
  : never;

type InBothLists<PathParams, QueryParams> = FirstWhere<QueryParams, Literals<PathParams>, true> extends infer N extends string
  ? Message<`'${N}' is declared in both pathParams and queryParams; a parameter comes from one place, so keep it in one list`>
  : never;

type DuplicatePlaceholder<Path extends string> = Duplicate<PathPlaceholders<Path>> extends infer D extends string
  ? Message<`placeholder '${D}' appears twice in the path; each path parameter has one place (path: '${Path}')`>
  : never;

/** `pathParams` and the path's placeholders are the same set; compared only when both are known. */
type PathMismatch<Path extends string, PathParams> = IsKnownList<PathParams> extends true
  ? PathPlaceholders<Path> extends infer Names extends string[]
    ? FirstProblem<
        [
          FirstWhere<Names, Literals<PathParams>, false> extends infer N extends string
            ? Message<`path placeholder '${N}' is not in pathParams; add '${N}' to pathParams (path: '${Path}')`>
            : never,
          FirstWhere<PathParams, Names[number], false> extends infer N extends string
            ? Message<`pathParams declares '${N}' but the path has no such placeholder; if it comes from the query string, move it to queryParams (path: '${Path}')`>
            : never,
        ]
      >
    : never
  : never;

type Property<T, K extends string> = T extends { readonly [P in K]?: infer V } ? V : undefined;

/** The first problem of an `@apiEndpoint`'s options (never when there is none). */
export type RouteOptionsProblem<Options> = FirstProblem<
  [UnknownOption<Options, keyof ApiEndpointOptions, '@apiEndpoint'>, Checked<RouteProblem<Options>>]
>;

/** The first problem of a route's options, in the engine's order. */
type RouteProblem<Options> = RouteProblemOf<
  Property<Options, 'path'>,
  Property<Options, 'pathParams'>,
  Property<Options, 'queryParams'>
>;

type RouteProblemOf<Path, PathParams, QueryParams> = FirstProblem<
  [
    IsLiteral<Path> extends true ? DuplicatePlaceholder<Path & string> : never,
    DuplicateInList<PathParams, 'pathParams'>,
    DuplicateInList<QueryParams, 'queryParams'>,
    InBothLists<PathParams, QueryParams>,
    IsLiteral<Path> extends true ? PathMismatch<Path & string, PathParams> : never,
  ]
>;
