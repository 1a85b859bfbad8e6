/**
 * What the type layer can tell about an entity's fields, from the instance type of its class:
 * own and inherited instance properties, constructor parameter properties and getters alike.
 *
 * The type layer sees only public members. A class with private or protected members, an index
 * signature, or an `any` base is "open": it may have a field the type layer cannot see, so every
 * lookup on it succeeds and the engine decides. That way the type layer never rejects what the
 * engine accepts.
 */

/**
 * Names of a type's members, as strings; for a union, of any of its members. With an index
 * signature this is `string`: any name may be a field.
 */
export type FieldName<T> = T extends object ? `${Extract<keyof T, string | number>}` : never;

/**
 * A class with private, protected or ES private members is nominal: a structural copy of its
 * public members is not assignable to it. That is how the type layer notices members it cannot list.
 */
type HasNonPublicMembers<T> = { [K in keyof T]: T[K] } extends T ? false : true;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** Values without entity fields, branded ones (`string & { [brand]: 'TenantId' }`) included. */
type Leaf = string | number | bigint | boolean | symbol | ((...args: never) => unknown) | (abstract new (...args: never) => unknown);

/** Whether a type may have fields the type layer cannot see (distributes over unions). */
type IsOpenMember<T> = IsAny<T> extends true
  ? true
  : T extends Leaf
    ? false
    : T extends object
      ? string extends keyof T
        ? true
        : HasNonPublicMembers<T>
      : false;

export type IsOpen<T> = true extends IsOpenMember<T> ? true : false;

/** Resolved in the user's program: without strictNullChecks every type admits undefined and null. */
type StrictNullChecks = undefined extends string ? false : true;

/** Why a field's type cannot carry a key value (never when it can). */
type TypeDefect<V> = [V] extends [never]
  ? 'is typed never'
  : unknown extends V
    ? never
    : StrictNullChecks extends false
      ? never
      : [V] extends [undefined | null | void]
        ? 'is typed undefined, null or void'
        : undefined extends V
          ? 'may be undefined'
          : null extends V
            ? 'may be null'
            : never;

/** Why `T[K]` cannot hold a tenant or capsule id: optional, or an empty or nullable type. */
export type FieldDefect<T, K extends keyof T> = Pick<T, K> extends Required<Pick<T, K>> ? TypeDefect<T[K]> : 'is optional';

/** An index signature holds no declared field (the engine agrees), so it is skipped here. */
type UsableIn<T, Field extends string> = IsAny<T> extends true
  ? false
  : T extends object
    ? string extends keyof T
      ? false
      : Field extends keyof T
        ? [FieldDefect<T, Field>] extends [never]
          ? true
          : false
        : false
    : false;

/** Whether some member of a (union) type has `Field` as a usable property. */
type HasUsable<T, Field extends string> = true extends UsableIn<T, Field> ? true : false;

/** The nested type is looked at first: for most fields (strings, numbers) that settles it cheaply. */
type UsableMember<I, Field extends string> = {
  [K in keyof I]-?: K extends string | number
    ? K extends Field
      ? HasUsable<I, Field> extends true
        ? Field
        : never
      : HasUsable<I[K], Field> extends true
        ? [FieldDefect<I, K>] extends [never]
          ? `${K & (string | number)}.${Field}`
          : never
        : never
    : never;
}[keyof I];

/**
 * Every placeholder path that holds a usable `Field` (e.g. 'capsuleId' or 'context.capsuleId'):
 * the field itself, or exactly one level down through a required field. Optional fields and
 * fields typed undefined, null, never or void (or a union with undefined or null) do not count.
 */
export type UsablePaths<I, Field extends string> = I extends object ? UsableMember<I, Field> : never;

type OpenMember<I> = {
  [K in keyof I]-?: IsOpen<I[K]> extends true ? ([FieldDefect<I, K>] extends [never] ? true : false) : false;
}[keyof I];

/** Whether `Field` may be a usable field the type layer cannot see, on the class or one level down. */
export type MayHideField<I> = IsOpen<I> extends true ? true : true extends OpenMember<I> ? true : false;

/** Why a usable `Field` is missing, for the message: e.g. "'capsuleId' is optional". */
export type MissingFieldDetail<I, Statics, Field extends string> = Field extends keyof I
  ? `'${Field}' ${FieldDefect<I, Field>}`
  : Field extends keyof Statics
    ? `'${Field}' is static`
    : `it has no '${Field}'`;

/**
 * Why a placeholder path (`id` or `context.capsuleId`) names no field of the instance type `I`;
 * never when it does, or when the field may be one the type layer cannot see.
 */
export type MissingField<I, Path extends string> = Path extends `${infer Head}.${infer Leaf}`
  ? Head extends FieldName<I>
    ? MissingNestedField<NonNullable<I[Head & keyof I]>, Head, Leaf>
    : IsOpen<I> extends true
      ? never
      : `the class has no field '${Head}'`
  : Path extends FieldName<I>
    ? never
    : IsOpen<I> extends true
      ? never
      : `the class has no field '${Path}'`;

type MissingNestedField<T, Head extends string, Leaf extends string> = IsOpen<T> extends true
  ? never
  : Leaf extends FieldName<T>
    ? never
    : `the type of '${Head}' has no field '${Leaf}'`;
