/**
 * Entity classes for the tests, declared by applying the decorators the way
 * `experimentalDecorators` does (bottom-up, with the class), so the test files need no decorator syntax.
 */
import { capsuleIsolated, entity, platformScoped, type AnyClass, type EntityOptions } from '@capsule-guard/core';

type Decorator = (target: AnyClass) => void;

export function declare<C extends AnyClass>(target: C, ...decorators: unknown[]): C {
  for (const decorator of [...decorators].reverse()) (decorator as Decorator)(target);
  return target;
}

export const asEntity = (options: EntityOptions): unknown => (entity as (options: EntityOptions) => unknown)(options);
export const isolated: unknown = capsuleIsolated;
export const platform = (reason: string): unknown => (platformScoped as (options: { reason: string }) => unknown)({ reason });

/** A role, with a GSI by e-mail, in the single table. */
export const RoleEntity = declare(
  class RoleEntity {},
  asEntity({
    table: 'platform_data',
    pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
    sk: 'METADATA',
    gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
  }),
  isolated,
);

/** A contract, queried by status through a second GSI. */
export const ContractEntity = declare(
  class ContractEntity {},
  asEntity({
    table: 'platform_data',
    pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}',
    sk: 'METADATA',
    gsi: { gsi2: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#STATUS#{status}', sk: 'CONTRACT#{id}' } },
  }),
  isolated,
);

/** The tenant registry, shared by every capsule, kept in the same table. */
export const TenantEntity = declare(
  class TenantEntity {},
  asEntity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}', sk: 'METADATA' }),
  platform('the tenant registry is shared by all capsules'),
);

/** Feature flags, platform-wide, in a table of their own. */
export const FeatureFlagEntity = declare(
  class FeatureFlagEntity {},
  asEntity({ table: 'platform_flags', pk: 'FLAG#{name}' }),
  platform('flags are global'),
);
