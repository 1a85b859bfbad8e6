/**
 * The capsule a piece of code works in, carried through its async calls by AsyncLocalStorage, so a
 * request made three awaits deep in a repository still knows whose data it may touch.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CapsuleScope {
  readonly tenantId: string;
  readonly capsuleId: string;
}

const storage = new AsyncLocalStorage<CapsuleScope>();

function requireId(scope: unknown, field: keyof CapsuleScope): void {
  const value = (scope as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`runInCapsule: ${field} must be a non-empty string; got ${JSON.stringify(value) ?? String(value)}.`);
  }
}

/**
 * Runs `fn` with `scope` as the current capsule and returns what it returns (a promise stays a
 * promise). Requests made by isolated clients inside it, however deep in async code, may only use
 * partition keys that begin with `TENANT#<tenantId>#CAPSULE#<capsuleId>#`. A nested call replaces
 * the scope for its own callback only.
 */
export function runInCapsule<T>(scope: CapsuleScope, fn: () => T): T {
  if (typeof scope !== 'object' || scope === null) throw new TypeError('runInCapsule: the scope must be an object { tenantId, capsuleId }.');
  requireId(scope, 'tenantId');
  requireId(scope, 'capsuleId');
  if (typeof fn !== 'function') throw new TypeError('runInCapsule: the second argument must be a function.');
  return storage.run(Object.freeze({ tenantId: scope.tenantId, capsuleId: scope.capsuleId }), fn);
}

/** The scope bound by the innermost `runInCapsule`, or undefined outside any. */
export function currentCapsule(): CapsuleScope | undefined {
  return storage.getStore();
}
