/**
 * The public decorators and their option types. The decorators only record what a class
 * declares; whether a declaration is valid is decided at build time by the checks, which read the
 * same source. Every decorator works both as a standard (TC39) decorator and under
 * `experimentalDecorators`.
 *
 * Their signatures also carry type-level checks (./type-checks), so that a plain `tsc` of any
 * version, without the compiler plugin, already fails on the leaks its types can see. Options are
 * `const` type parameters, so literal templates and lists keep their literal types.
 */
import { decoratedClass, decoratedMethod } from './decoration';
import { recordEntity, recordRoute, recordScope } from './registry';
import type { EntityOptionsProblem, KeyTemplateCheck } from './type-checks/key-templates';
import type { RouteOptionsProblem } from './type-checks/route-params';
import type { CapsuleIdCheck, PlatformOptionsProblem } from './type-checks/scopes';
import type { Verdict } from './type-checks/verdict';

/** Any class, abstract or not, whatever its constructor parameters. */
export type AnyClass = abstract new (...args: never) => unknown;

/** Key templates of one global secondary index. */
export interface GsiKeyTemplates {
  readonly pk: string;
  readonly sk?: string;
}

/**
 * Where an entity's items live and how their keys are built. Templates are text with `{field}` or
 * `{context.field}` placeholders, e.g. 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'.
 */
export interface EntityOptions {
  readonly table?: string;
  readonly pk: string;
  readonly sk?: string;
  readonly gsi?: Readonly<Record<string, GsiKeyTemplates>>;
}

export interface PlatformScopedOptions {
  /** Why every capsule may share this data; reviewed like code. */
  readonly reason: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/**
 * A route. Nothing is inferred: every method parameter is named in `pathParams`, `queryParams` or
 * `body`, or is a request-context parameter.
 */
export interface ApiEndpointOptions {
  /** '/accounts/{accountId}/contacts' or '/accounts/:accountId/contacts'. */
  readonly path: string;
  readonly method: HttpMethod;
  readonly permission?: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  /** The parameter that receives the request body. */
  readonly body?: string;
}

/** A class decorator in either mode: standard `(value, context)` or legacy `(target)`. */
export type CapsuleGuardClassDecorator = (value: AnyClass, context?: ClassDecoratorContext) => void;

/** A method decorator in either mode: standard `(value, context)` or legacy `(target, key, descriptor)`. */
export interface CapsuleGuardMethodDecorator {
  (value: (...args: never) => unknown, context: ClassMethodDecoratorContext): void;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
}

/**
 * What `@entity(options)` returns: a class decorator that checks the options' literal templates
 * against the decorated class's instance type.
 */
export type EntityDecorator<Options extends EntityOptions> = <C extends AnyClass>(
  value: C & KeyTemplateCheck<C, Options>,
  context?: ClassDecoratorContext,
) => void;

/** What `@capsuleIsolated()` returns: the same check as the bare `@capsuleIsolated`. */
export type CapsuleIsolatedDecorator = <C extends AnyClass>(
  value: C & CapsuleIdCheck<C>,
  context?: ClassDecoratorContext,
) => void;

/** Declares a class as a stored entity with the given key templates. */
export function entity<const Options extends EntityOptions>(
  options: Verdict<Options, EntityOptionsProblem<Options>>,
): EntityDecorator<Options>;
export function entity(options: EntityOptions): EntityDecorator<EntityOptions> {
  return (...args: unknown[]) => {
    const target = decoratedClass(args);
    if (target) recordEntity(target, options);
  };
}

function markCapsuleIsolated(...args: unknown[]): void {
  const target = decoratedClass(args);
  if (target) recordScope(target, { kind: 'capsule-isolated' });
}

/**
 * Declares that a class's data belongs to one tenant's capsule. Written bare
 * (`@capsuleIsolated`) or called (`@capsuleIsolated()`).
 */
export function capsuleIsolated(): CapsuleIsolatedDecorator;
export function capsuleIsolated<C extends AnyClass>(value: C & CapsuleIdCheck<C>, context?: ClassDecoratorContext): void;
export function capsuleIsolated(...args: unknown[]): CapsuleIsolatedDecorator | void {
  if (args.length === 0) return markCapsuleIsolated;
  markCapsuleIsolated(...args);
}

/** Declares that a class's data is shared by all capsules, and why. */
export function platformScoped<const Options extends PlatformScopedOptions>(
  options: Verdict<Options, PlatformOptionsProblem<Options>>,
): CapsuleGuardClassDecorator;
export function platformScoped(options: PlatformScopedOptions): CapsuleGuardClassDecorator {
  return (...args: unknown[]) => {
    const target = decoratedClass(args);
    if (target) recordScope(target, { kind: 'platform-scoped', reason: options?.reason });
  };
}

/** Declares a method as a route handler, with every parameter's source spelled out. */
export function apiEndpoint<const Options extends ApiEndpointOptions>(
  options: Verdict<Options, RouteOptionsProblem<Options>>,
): CapsuleGuardMethodDecorator;
export function apiEndpoint(options: ApiEndpointOptions): CapsuleGuardMethodDecorator {
  return (...args: unknown[]) => {
    const method = decoratedMethod(args);
    if (method) recordRoute(method, options);
  };
}
