/**
 * Settings of the type-level checks. The checks run inside the compiler's type system, where the
 * engine's options (tsconfig plugin entries, ESLint rule options) cannot be read, so a project
 * that changes them tells the type layer the same values by augmenting this interface:
 *
 * ```ts
 * declare module '@capsule-guard/core' {
 *   interface TypeLevelOptions {
 *     capsuleField: 'environmentId';
 *   }
 * }
 * ```
 *
 * Recognised members (each optional; the default is the engine's default):
 * - `tenantField`, `capsuleField`, `tenantPrefix`, `capsulePrefix`, `delimiter`: string literal
 *   types with the same values as the engine options of the same names;
 * - `isolationByCapsuleId: false`: stop applying the key-segment rule to every entity whose
 *   instances carry a capsule id (see docs/type-level-checks.md); the engine still applies it
 *   to `@capsuleIsolated` entities;
 * - `enabled: false`: switch the type-level rule checks off, e.g. where the ts-patch transformer
 *   already reports the same findings (misspelt option keys are still reported).
 */
// Users add members by declaration merging; it is empty on purpose.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TypeLevelOptions {}

type Setting<Name extends string, Default> = TypeLevelOptions extends { readonly [K in Name]: infer Value } ? Value : Default;

export type ChecksEnabled = Setting<'enabled', true> extends false ? false : true;
export type IsolationByCapsuleId = Setting<'isolationByCapsuleId', true> extends false ? false : true;
export type TenantField = Extract<Setting<'tenantField', 'tenantId'>, string>;
export type CapsuleField = Extract<Setting<'capsuleField', 'capsuleId'>, string>;
export type TenantPrefix = Extract<Setting<'tenantPrefix', 'TENANT'>, string>;
export type CapsulePrefix = Extract<Setting<'capsulePrefix', 'CAPSULE'>, string>;
export type Delimiter = Extract<Setting<'delimiter', '#'>, string>;
