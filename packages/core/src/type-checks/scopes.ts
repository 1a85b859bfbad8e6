/**
 * Type-level checks of the scope decorators: a `@capsuleIsolated` class carries a usable capsule
 * id, and a `@platformScoped` reason written as a literal is not blank.
 */
import type { PlatformScopedOptions } from '../decorators';
import type { MayHideField, MissingFieldDetail, UsablePaths } from './fields';
import type { UnknownOption } from './options';
import type { CapsuleField } from './settings';
import type { Checked, Failures, FirstProblem, RuleMessage, SuppressedHint } from './verdict';

/** What `@capsuleIsolated` requires of the class `C` besides being `C`: a usable capsule id. */
export type CapsuleIdCheck<C extends abstract new (...args: never) => unknown> = Failures<
  CapsuleIdProblem<InstanceType<C>, C>
>;

type CapsuleIdProblem<I, Statics> = [UsablePaths<I, CapsuleField>] extends [never]
  ? MayHideField<I> extends true
    ? never
    : RuleMessage<
        'capsule-id-required',
        `a @capsuleIsolated class needs a usable '${CapsuleField}' field, but ${MissingFieldDetail<I, Statics, CapsuleField>}; declare a required '${CapsuleField}' on it, on a base class, or one level down (e.g. 'context: EntityContext')${SuppressedHint<"put '// @ts-expect-error' above this decorator too">}`
      >
  : never;

type Whitespace = ' ' | '\t' | '\n' | '\r';
type TrimStart<S extends string> = S extends `${Whitespace}${infer Rest}` ? TrimStart<Rest> : S;

/** The first problem of a `@platformScoped`'s options (never when there is none). */
export type PlatformOptionsProblem<Options> = FirstProblem<
  [
    UnknownOption<Options, keyof PlatformScopedOptions, '@platformScoped'>,
    Checked<ReasonProblem<Options extends { readonly reason: infer Reason } ? Reason : undefined>>,
  ]
>;

/** Why a platform-scoped reason is unacceptable; never for a real reason or one typed `string`. */
type ReasonProblem<Reason> = Reason extends string
  ? TrimStart<Reason> extends ''
    ? RuleMessage<
        'isolation-scope-required',
        `@platformScoped needs a reason saying why every capsule may share this data; an empty reason decides nothing`
      >
    : never
  : never;
