/**
 * Tells the two decorator calling conventions apart, so each decorator is written once:
 * - standard (TC39) decorators: `(value, context)`, where `context.kind` says what is decorated;
 * - `experimentalDecorators`: `(target)` for a class, `(target, key, descriptor)` for a member.
 * A decorator applied to something it is not meant for yields `undefined`: it records nothing and
 * never throws, because reporting misuse is the build-time check's job.
 */

/*
 * Classes and methods are only ever used as identity keys for the recorded metadata, hence `object`.
 */

/** A method decoration whose class is known now (legacy mode). */
export interface LegacyMethodDecoration {
  readonly mode: 'legacy';
  readonly owner: object;
  readonly name: string | symbol;
  readonly isStatic: boolean;
}

/**
 * A standard method decoration. The class does not exist yet while its methods are decorated, so
 * the per-class `metadata` object stands for it; compilers only provide that object when
 * `Symbol.metadata` exists, so the method itself is kept as a fallback handle.
 */
export interface StandardMethodDecoration {
  readonly mode: 'standard';
  readonly metadata: object | undefined;
  readonly method: object;
  readonly name: string | symbol;
  readonly isStatic: boolean;
}

export type MethodDecoration = LegacyMethodDecoration | StandardMethodDecoration;

interface DecoratorContextLike {
  readonly kind?: unknown;
  readonly name?: unknown;
  readonly static?: unknown;
  readonly metadata?: unknown;
}

function isContext(value: unknown): value is DecoratorContextLike {
  return typeof value === 'object' && value !== null && typeof (value as DecoratorContextLike).kind === 'string';
}

function isPropertyKey(value: unknown): value is string | symbol {
  return typeof value === 'string' || typeof value === 'symbol';
}

function isMethodDescriptor(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as PropertyDescriptor).value === 'function';
}

/** The class a class decorator was applied to, in either mode. */
export function decoratedClass(args: readonly unknown[]): object | undefined {
  const [value, context] = args;
  if (typeof value !== 'function') return undefined;
  if (args.length === 1) return value;
  return isContext(context) && context.kind === 'class' ? value : undefined;
}

/** The method a method decorator was applied to, in either mode. */
export function decoratedMethod(args: readonly unknown[]): MethodDecoration | undefined {
  const [value, context] = args;
  if (args.length === 2 && isContext(context)) {
    if (context.kind !== 'method' || typeof value !== 'function' || !isPropertyKey(context.name)) return undefined;
    const metadata = typeof context.metadata === 'object' && context.metadata !== null ? context.metadata : undefined;
    return { mode: 'standard', metadata, method: value, name: context.name, isStatic: context.static === true };
  }
  // Legacy: `target` is the constructor for a static member, the prototype for an instance member;
  // only a method comes with a descriptor holding a function (a field gets none).
  const descriptor: unknown = args[2];
  if (!isPropertyKey(context) || !isMethodDescriptor(descriptor)) return undefined;
  if (typeof value === 'function') return { mode: 'legacy', owner: value, name: context, isStatic: true };
  if (typeof value !== 'object' || value === null) return undefined;
  const owner: unknown = (value as { constructor?: unknown }).constructor;
  return typeof owner === 'function' ? { mode: 'legacy', owner, name: context, isStatic: false } : undefined;
}
