/**
 * Where the decorators record declarations, and how they are read back. Everything is keyed by
 * object identity in WeakMaps, never written onto user classes, so metadata is always a class's
 * own: a subclass neither inherits nor alters its base class's declarations, and a class that is
 * garbage-collected takes its metadata with it.
 */
import type { AnyClass, ApiEndpointOptions, EntityOptions, GsiKeyTemplates } from './decorators';
import type { MethodDecoration } from './decoration';

export type ScopeMetadata =
  | { readonly kind: 'capsule-isolated' }
  | { readonly kind: 'platform-scoped'; readonly reason: string };

export interface EntityMetadata {
  /** The `@entity` options as declared; undefined when the class has only a scope decorator. */
  readonly options: EntityOptions | undefined;
  /**
   * Scope decorators in source order, top to bottom. Exactly one is valid; the build-time check
   * reports any other count, so a conflicting declaration is kept here rather than hidden.
   */
  readonly scopes: readonly ScopeMetadata[];
}

/** A route as declared, and the method it was declared on. */
export interface RouteMetadata extends ApiEndpointOptions {
  readonly methodName: string | symbol;
  readonly static: boolean;
}

/**
 * TypeScript (5.2+) and other compilers hand standard decorators a per-class `context.metadata`
 * object only when `Symbol.metadata` exists, and Node 20 does not define it yet. A decorated
 * class's module imports this package before the class is evaluated, so defining the symbol here
 * is early enough. `Symbol.for` lets other libraries that polyfill it the same way agree with us.
 */
const symbolWithMetadata = Symbol as unknown as { metadata?: symbol };
symbolWithMetadata.metadata ??= Symbol.for('Symbol.metadata');

const entities = new WeakMap<object, { options: EntityOptions | undefined; scopes: ScopeMetadata[] }>();
/** Legacy decorators know the class at once. */
const routesByClass = new WeakMap<object, RouteMetadata[]>();
/** Standard decorators know the class's own metadata object, which becomes `Class[Symbol.metadata]`. */
const routesByClassMetadata = new WeakMap<object, RouteMetadata[]>();
/** Standard decorators without metadata (older compilers, or another realm) only know the method. */
const routesByMethod = new WeakMap<object, RouteMetadata[]>();

function entityRecord(target: object) {
  let record = entities.get(target);
  if (!record) {
    record = { options: undefined, scopes: [] };
    entities.set(target, record);
  }
  return record;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A frozen copy, so later changes to the options object do not change what was declared. */
function snapshotEntityOptions(options: EntityOptions): EntityOptions {
  const declared: Partial<EntityOptions> = isObject(options) ? options : {};
  if (!isObject(declared.gsi)) return Object.freeze({ ...declared }) as EntityOptions;
  const gsi: Record<string, GsiKeyTemplates> = {};
  for (const [name, keys] of Object.entries(declared.gsi)) gsi[name] = Object.freeze({ ...keys });
  return Object.freeze({ ...declared, gsi: Object.freeze(gsi) }) as EntityOptions;
}

function frozenList<T>(list: readonly T[]): readonly T[] {
  return isList(list) ? Object.freeze([...list]) : list;
}

/** Array.isArray, narrowing to the list's own element type rather than to any[]. */
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** Decorators apply bottom-up; the outermost (topmost) `@entity` is the one that counts. */
export function recordEntity(target: object, options: EntityOptions): void {
  entityRecord(target).options = snapshotEntityOptions(options);
}

/** Decorators apply bottom-up, so prepending keeps the scopes in source order. */
export function recordScope(target: object, scope: ScopeMetadata): void {
  entityRecord(target).scopes.unshift(Object.freeze(scope));
}

function pushTo<K extends object>(map: WeakMap<K, RouteMetadata[]>, key: K, route: RouteMetadata): void {
  const routes = map.get(key);
  if (routes) routes.push(route);
  else map.set(key, [route]);
}

export function recordRoute(decoration: MethodDecoration, options: ApiEndpointOptions): void {
  const declared: Partial<ApiEndpointOptions> = isObject(options) ? options : {};
  const route = Object.freeze({
    ...declared,
    pathParams: frozenList(declared.pathParams as readonly string[]),
    queryParams: frozenList(declared.queryParams as readonly string[]),
    methodName: decoration.name,
    static: decoration.isStatic,
  }) as RouteMetadata;
  if (decoration.mode === 'legacy') pushTo(routesByClass, decoration.owner, route);
  else if (decoration.metadata) pushTo(routesByClassMetadata, decoration.metadata, route);
  else pushTo(routesByMethod, decoration.method, route);
}

/** What `@entity`, `@capsuleIsolated` and `@platformScoped` declared on this very class. */
export function getEntityMetadata(target: AnyClass): EntityMetadata | undefined {
  const record = entities.get(target);
  return record && Object.freeze({ options: record.options, scopes: Object.freeze([...record.scopes]) });
}

/** Read at lookup time: whichever symbol compiled classes found in `Symbol.metadata` is the one in use. */
function ownClassMetadata(target: AnyClass): object | undefined {
  const key = symbolWithMetadata.metadata;
  const value: unknown = key && Object.getOwnPropertyDescriptor(target, key)?.value;
  return isObject(value) ? value : undefined;
}

function routesOfOwnMethods(target: AnyClass): RouteMetadata[] {
  const routes: RouteMetadata[] = [];
  for (const holder of [target.prototype as unknown, target]) {
    if (!isObject(holder) && typeof holder !== 'function') continue;
    for (const key of Reflect.ownKeys(holder)) {
      const method: unknown = Object.getOwnPropertyDescriptor(holder, key)?.value;
      if (typeof method === 'function') routes.push(...(routesByMethod.get(method) ?? []));
    }
  }
  return routes;
}

/**
 * The routes `@apiEndpoint` declared on this class's own methods (not inherited ones): instance
 * methods first, then static ones, each in declaration order.
 */
export function getRoutes(target: AnyClass): readonly RouteMetadata[] {
  const classMetadata = ownClassMetadata(target);
  const routes = [
    ...(routesByClass.get(target) ?? []),
    ...((classMetadata && routesByClassMetadata.get(classMetadata)) ?? []),
    ...routesOfOwnMethods(target),
  ];
  return Object.freeze([...routes.filter((r) => !r.static), ...routes.filter((r) => r.static)]);
}
