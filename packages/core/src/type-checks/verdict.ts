/**
 * How a type-level check fails the build. Problems are string literal types that read as a
 * sentence starting with the rule id (`never` when there is none), and they reach the compiler's
 * message in one of two ways.
 */
import type { ChecksEnabled } from './settings';

export type Rule = 'capsule-id-required' | 'isolated-key-templates' | 'explicit-route-params' | 'isolation-scope-required';

export type RuleMessage<R extends Rule, Sentence extends string> = `capsule-guard/${R}: ${Sentence}`;

/**
 * How to get past a class decorator's error that the engine does not report: types cannot see a
 * `// capsule-guard-ignore` comment (nor, for `@entity`, the other scope decorators), so the
 * message says what plain tsc needs. Only class decorator messages carry it: TypeScript never
 * shortens them, whereas an options error is cut after about 300 characters.
 */
export type SuppressedHint<Remedy extends string, SeenAlso extends string = ''> =
  `; if this is suppressed with capsule-guard-ignore${SeenAlso}, which plain tsc cannot see, ${Remedy}`;

/** No problem at all where the project switched the type-level checks off. */
export type Checked<Problem> = ChecksEnabled extends false ? never : Problem;

/**
 * For decorator options: the options' own type when there is no problem, else the problem. Only
 * that string is assignable to it, so the compiler says "Argument of type '{ … }' is not
 * assignable to parameter of type '"capsule-guard/<rule>: …"'". Rule problems come wrapped in
 * `Checked`, so that a project can switch them off.
 */
export type Verdict<Value, Problem> = [Problem] extends [never] ? Value : Problem;

/**
 * For a decorated class: an object type with one required property named by each problem (none
 * when there is no problem), intersected with the class's own type. The class lacks it, so the
 * compiler says "Property '"capsule-guard/<rule>: …"' is missing in type 'typeof X'". A
 * conditional parameter type would read more simply, but it stops TypeScript from inferring the
 * class type of generic classes; a mapped type does not.
 */
export type Failures<Problem extends string> = { readonly [Message in Checked<Problem>]: Message };

/** The first problem of a list, so that one message is reported at a time. */
export type FirstProblem<Problems extends readonly unknown[]> = Problems extends readonly [infer Head, ...infer Rest]
  ? [Head] extends [never]
    ? FirstProblem<Rest>
    : Head
  : never;

/** A record keyed by a template pattern (`TENANT#${string}`) is an index signature: an empty object fits it. */
type IsPattern<S> = S extends unknown ? (Record<never, never> extends Record<S & string, 1> ? true : false) : never;

/**
 * True for a string literal type, or a union of them: a value known at the type level. Plain
 * `string`, template patterns such as `TENANT#${string}`, `any` and `never` are not known, and
 * the checks accept them (the engine checks those templates).
 */
export type IsKnownString<S> = [S] extends [never]
  ? false
  : [S] extends [string]
    ? string extends S
      ? false
      : true extends IsPattern<S>
        ? false
        : true
    : false;
