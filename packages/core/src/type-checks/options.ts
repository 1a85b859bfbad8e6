/**
 * Options are `const` type parameters, so TypeScript no longer says "Object literal may only
 * specify known properties" of a misspelt key (`gsis`, `sortKey`): a generic parameter has no
 * fixed set of properties to compare against. This brings that check back. It is part of the
 * decorators' typing, not a capsule-guard rule, so switching the type-level checks off keeps it.
 */

/** Why an options object has a key its decorator does not know (never when it has none). */
export type UnknownOption<Options, Known extends PropertyKey, Decorator extends string> =
  Exclude<keyof Options, Known> extends infer Key extends string
    ? `'${Key}' is not an option of ${Decorator}`
    : never;
