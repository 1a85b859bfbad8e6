export {
  apiEndpoint,
  capsuleIsolated,
  entity,
  platformScoped,
  type AnyClass,
  type ApiEndpointOptions,
  type CapsuleGuardClassDecorator,
  type CapsuleGuardMethodDecorator,
  type CapsuleIsolatedDecorator,
  type EntityDecorator,
  type EntityOptions,
  type GsiKeyTemplates,
  type HttpMethod,
  type PlatformScopedOptions,
} from './decorators';
export {
  getEntityMetadata,
  getRoutes,
  type EntityMetadata,
  type RouteMetadata,
  type ScopeMetadata,
} from './registry';
export {
  buildKeys,
  KeyBuildError,
  type EntityKeys,
  type IndexKeys,
  type KeyBuildErrorReason,
  type KeyBuilderOptions,
  type KeyValue,
} from './keys';
export type { TypeLevelOptions } from './type-checks/settings';
