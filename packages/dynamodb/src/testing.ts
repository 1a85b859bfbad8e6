/**
 * A helper for the cross-capsule negative tests users write for their own repositories: "data
 * written in DEVUS is not visible from PRODUS". It works with any test runner: it returns when
 * isolation holds and throws an Error saying what leaked otherwise.
 */
import { CapsuleIsolationError } from './errors';
import { runInCapsule, type CapsuleScope } from './scope';

export interface CrossCapsuleLeakCheck<Written> {
  /** The capsule that writes, e.g. { tenantId: 'acme', capsuleId: 'DEVUS' }. */
  readonly writer: CapsuleScope;
  /** The capsule that must not see the data, e.g. { tenantId: 'acme', capsuleId: 'PRODUS' }. */
  readonly reader: CapsuleScope;
  /** Writes the data, inside the writer's scope; what it returns is handed to `read`. */
  readonly write: () => Promise<Written> | Written;
  /**
   * Reads the data back the way the code under test does; runs once in the writer's scope (it must
   * find the data there, or the check would prove nothing) and once in the reader's. Return the
   * items found: an array, or an SDK output with Item, Items or Responses, or a promise of one.
   */
  readonly read: (written: Written) => unknown;
}

/** How the reader's capsule was kept from the data. */
export type IsolationOutcome =
  /** The guard refused the read before it reached DynamoDB. */
  | { readonly outcome: 'refused'; readonly error: CapsuleIsolationError }
  /** The read ran and found nothing. */
  | { readonly outcome: 'not-found' };

export class CrossCapsuleLeakError extends Error {
  constructor(message: string, readonly found?: unknown) {
    super(message);
    this.name = 'CrossCapsuleLeakError';
  }
}

/** Nothing found: undefined/null, an empty array, or an SDK output without items. */
function isEmptyResult(result: unknown): boolean {
  if (result === undefined || result === null) return true;
  if (Array.isArray(result)) return result.length === 0;
  if (typeof result !== 'object') return false;
  const output = result as Record<string, unknown>;
  if ('Items' in output) return isEmptyResult(output.Items);
  if ('Responses' in output) {
    const responses = output.Responses;
    return Array.isArray(responses) ? responses.every(isEmptyResult) : Object.values(responses ?? {}).every(isEmptyResult);
  }
  if ('Item' in output) return output.Item === undefined;
  return false;
}

const label = (scope: CapsuleScope) => `tenant '${scope.tenantId}' capsule '${scope.capsuleId}'`;

/**
 * Writes in `writer`'s capsule, checks the data reads back there, then reads it from `reader`'s
 * capsule and throws CrossCapsuleLeakError if anything comes back. A CapsuleIsolationError from
 * the read counts as isolation holding; any other error is rethrown.
 */
export async function expectNoCrossCapsuleLeak<Written>(check: CrossCapsuleLeakCheck<Written>): Promise<IsolationOutcome> {
  const { writer, reader, write, read } = check;
  if (writer.tenantId === reader.tenantId && writer.capsuleId === reader.capsuleId) {
    throw new TypeError(`expectNoCrossCapsuleLeak: writer and reader are the same capsule (${label(writer)}); give two different ones.`);
  }
  const written = await runInCapsule(writer, write);
  const own = await runInCapsule(writer, () => read(written));
  if (isEmptyResult(own)) {
    throw new CrossCapsuleLeakError(`expectNoCrossCapsuleLeak: read found nothing in the writer's own capsule (${label(writer)}), so an empty read from ${label(reader)} would prove nothing. Make read return the items it finds.`);
  }
  let found: unknown;
  try {
    found = await runInCapsule(reader, () => read(written));
  } catch (error) {
    if (error instanceof CapsuleIsolationError) return { outcome: 'refused', error };
    throw error;
  }
  if (!isEmptyResult(found)) {
    throw new CrossCapsuleLeakError(`Data written in ${label(writer)} is visible from ${label(reader)}: ${JSON.stringify(found)}`, found);
  }
  return { outcome: 'not-found' };
}
