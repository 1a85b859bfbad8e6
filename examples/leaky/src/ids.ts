/**
 * Branded identifiers: a TenantId can never be passed where a CapsuleId is expected, so the two
 * halves of a partition key cannot be swapped by accident at a call site.
 */
declare const brand: unique symbol;
type Brand<T, Name extends string> = T & { readonly [brand]: Name };

export type TenantId = Brand<string, 'TenantId'>;
/** A capsule is one environment of a tenant, e.g. DEVUS or PRODUS. */
export type CapsuleId = Brand<string, 'CapsuleId'>;
export type ContractId = Brand<string, 'ContractId'>;
export type CustomerId = Brand<string, 'CustomerId'>;
export type ProductId = Brand<string, 'ProductId'>;
export type PrincipalId = Brand<string, 'PrincipalId'>;
export type RoleId = Brand<string, 'RoleId'>;
