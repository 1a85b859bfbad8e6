import { entity, platformScoped } from '@capsule-guard/core';
import type { CapsuleId, TenantId } from './ids';

/** The tenant registry: the one entity that lives above every tenant and capsule. */
@entity({
  table: 'platform_data',
  pk: 'PLATFORM#TENANT#{id}',
  sk: 'PROFILE',
  gsi: { bySlug: { pk: 'PLATFORM#TENANT_SLUG#{slug}', sk: 'TENANT#{id}' } },
})
@platformScoped({ reason: 'the tenant registry is read at sign-in, before any tenant or capsule is chosen' })
export class TenantEntity {
  id!: TenantId;
  slug!: string;
  displayName!: string;
  capsules!: CapsuleId[];
}
