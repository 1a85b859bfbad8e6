/** Why a request was refused. */
export type CapsuleIsolationReason =
  /** A request on an isolated table made outside `runInCapsule`. */
  | 'outside-scope'
  /** A partition key (table or GSI) that does not begin with the scope's prefix. */
  | 'foreign-key'
  /** A partition key the guard cannot read: missing, not a string, computed, or an expression it cannot parse. */
  | 'unverifiable-key'
  /** A Scan on an isolated table without `allowScan`. */
  | 'scan-not-announced'
  /** A PartiQL statement without `allowStatement`: which table and key it touches cannot be verified. */
  | 'statement-not-announced'
  /** An operation that reads or copies whole tables (backups, exports, imports, …). */
  | 'unsupported-operation'
  /** A scope whose tenant or capsule id contains the delimiter. */
  | 'invalid-scope';

/** What a refusal says, field by field. */
export type CapsuleIsolationDetails = Pick<
  CapsuleIsolationError,
  'reason' | 'operation' | 'table' | 'index' | 'attribute' | 'location' | 'actual' | 'expectedPrefix' | 'detail'
>;

function describe(details: CapsuleIsolationDetails): string {
  const where = [
    details.table !== undefined && `table '${details.table}'`,
    details.index !== undefined && `index '${details.index}'`,
    details.attribute !== undefined && `key attribute '${details.attribute}'`,
    details.location !== undefined && `at ${details.location}`,
  ].filter(Boolean);
  return `capsule-guard refused ${details.operation}${where.length ? ` (${where.join(', ')})` : ''}: ${details.detail}`;
}

/**
 * Thrown instead of sending a request that could read or write another tenant's or capsule's
 * items. The request never reached the network.
 */
export class CapsuleIsolationError extends Error {
  readonly reason!: CapsuleIsolationReason;
  /** The DynamoDB operation, e.g. 'GetItem', 'Query', 'TransactWriteItems'. */
  readonly operation!: string;
  /** The table the refused part of the request names; undefined for PartiQL and unsupported operations. */
  readonly table?: string;
  /** The index queried or scanned, when the request names one. */
  readonly index?: string;
  /** The key attribute at fault, e.g. 'pk' or 'gsi1pk'. */
  readonly attribute?: string;
  /** Where in the request input the refused value is, e.g. 'TransactItems[1].Put.Item.pk'. */
  readonly location?: string;
  /** The value found there, when it is a string. */
  readonly actual?: string;
  /** The prefix every partition key must begin with in the current scope; undefined outside a scope. */
  readonly expectedPrefix?: string;
  /** What is wrong and what to do instead. */
  readonly detail!: string;

  constructor(details: CapsuleIsolationDetails) {
    super(describe(details));
    this.name = 'CapsuleIsolationError';
    Object.assign(this, details);
  }
}
