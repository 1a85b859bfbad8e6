/**
 * Decides whether one request may be sent. It reads the request as DynamoDB will receive it
 * (attribute values in their typed form, `{ S: '…' }`): the document client's marshalling has
 * already run, so one check covers both clients and sees exactly what goes on the wire.
 */
import { CapsuleIsolationError, type CapsuleIsolationDetails } from './errors';
import {
  applicationsOf,
  conjunctionTerms,
  ExpressionSyntaxError,
  parseCondition,
  parseUpdate,
  type Operand,
} from './expressions';
import type { GuardConfig, TableRule } from './options';
import type { CapsuleScope } from './scope';

/** What the caller announced for this one request with `allowScan` / `allowStatement`. */
export interface Announcements {
  readonly scan?: string;
  readonly statement?: string;
}

type Input = Record<string, unknown>;
type AttributeValues = Record<string, unknown> | undefined;

/** Operations that neither read nor write items: table definitions, descriptions, listings, tags. */
const ITEM_FREE_OPERATIONS = new Set([
  'CreateTable', 'UpdateTable', 'DeleteTable', 'DescribeTable', 'ListTables', 'DescribeTimeToLive', 'UpdateTimeToLive',
  'DescribeContinuousBackups', 'DescribeContributorInsights', 'DescribeEndpoints', 'DescribeLimits',
  'DescribeKinesisStreamingDestination', 'DescribeTableReplicaAutoScaling', 'DescribeGlobalTable',
  'DescribeGlobalTableSettings', 'DescribeBackup', 'DescribeExport', 'DescribeImport', 'ListBackups', 'ListExports',
  'ListImports', 'ListGlobalTables', 'ListContributorInsights', 'ListTagsOfResource', 'TagResource', 'UntagResource',
  'GetResourcePolicy',
]);

const STATEMENT_OPERATIONS = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

/** Functions whose use of a key attribute compares it with nothing. */
const KEY_NEUTRAL_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'size']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A table is named by name or, in newer APIs, by ARN (arn:aws:dynamodb:region:account:table/name). */
function tableNameOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  if (!reference.startsWith('arn:')) return reference;
  const resource = reference.split(':').slice(5).join(':').split('/');
  return resource[0] === 'table' ? resource[1] : reference;
}

/** The checks of one request; knows the operation, the scope and where in the input it is looking. */
class RequestCheck {
  private prefix: string | undefined;

  constructor(
    private readonly config: GuardConfig,
    private readonly operation: string,
    private readonly scope: CapsuleScope | undefined,
  ) {}

  refuse(details: Omit<CapsuleIsolationDetails, 'operation' | 'expectedPrefix'>): never {
    throw new CapsuleIsolationError({ ...details, operation: this.operation, expectedPrefix: this.scope && this.expectedPrefix(this.scope, details) });
  }

  private expectedPrefix(scope: CapsuleScope, site: Omit<CapsuleIsolationDetails, 'operation' | 'reason' | 'detail'>): string {
    this.prefix ??= this.scopePrefix(scope, site);
    return this.prefix;
  }

  /** TENANT#<t>#CAPSULE#<c>#; the trailing delimiter keeps capsule DEV from matching DEVUS. */
  private scopePrefix(scope: CapsuleScope, site: Omit<CapsuleIsolationDetails, 'operation' | 'reason' | 'detail'>): string {
    const { tenantPrefix, capsulePrefix, delimiter } = this.config;
    const { tenantId, capsuleId } = scope;
    for (const [field, value] of [['tenantId', tenantId], ['capsuleId', capsuleId]]) {
      const found = [...delimiter].find((char) => value.includes(char));
      if (found !== undefined) {
        throw new CapsuleIsolationError({
          ...site,
          reason: 'invalid-scope',
          operation: this.operation,
          detail: `the scope's ${field} ${JSON.stringify(value)} contains ${JSON.stringify(found)} of the delimiter ${JSON.stringify(delimiter)}, so its keys could forge another tenant's or capsule's segments. Ids must not contain the delimiter.`,
        });
      }
    }
    return [tenantPrefix, tenantId, capsulePrefix, capsuleId, ''].join(delimiter);
  }

  /** One partition key value, table or index, as sent. */
  key(table: TableRule, attribute: string, location: string, value: unknown, index?: string): void {
    const site = { table: table.name, index, attribute, location };
    const text = isRecord(value) && typeof value.S === 'string' ? value.S : undefined;
    if (text === undefined) {
      this.refuse({ ...site, reason: 'unverifiable-key', detail: `the partition key is ${value === undefined ? 'missing' : `not a string (${JSON.stringify(value)})`}, so the guard cannot tell whose capsule it belongs to.` });
    }
    if (table.platformPrefixes.some((prefix) => text.startsWith(prefix))) return;
    if (!this.scope) {
      this.refuse({ ...site, actual: text, reason: 'outside-scope', detail: `the request is made outside runInCapsule, and table '${table.name}' is capsule-isolated. Wrap the code in runInCapsule({ tenantId, capsuleId }, …).` });
    }
    const prefix = this.expectedPrefix(this.scope, site);
    if (!text.startsWith(prefix)) {
      this.refuse({ ...site, actual: text, reason: 'foreign-key', detail: `the key ${JSON.stringify(text)} does not begin with ${JSON.stringify(prefix)}, the prefix of the current capsule. Build keys with buildKeys(Entity, values) from the scope's tenantId and capsuleId.` });
    }
  }

  /** An expression placeholder's value, compared with a key attribute. */
  private keyValue(table: TableRule, attribute: string, location: string, operand: Operand, values: AttributeValues, index?: string): void {
    if (operand.kind !== 'value') {
      this.refuse({ table: table.name, index, attribute, location, reason: 'unverifiable-key', detail: `the key attribute is compared with ${operand.kind === 'path' ? 'another attribute' : `${operand.name}(…)`}, not with a value the guard can read. Compare it with an :value.` });
    }
    this.key(table, attribute, `${location} ${operand.placeholder}`, values?.[operand.placeholder], index);
  }

  /** The attribute a path names when it is a top-level attribute (key attributes are), placeholders resolved. */
  private topLevelName(table: TableRule, operand: Operand, names: unknown, location: string): string | undefined {
    if (operand.kind !== 'path' || operand.elements.length !== 1 || operand.elements[0].kind !== 'name') return undefined;
    const text = operand.elements[0].text;
    const name = text.startsWith('#') ? (isRecord(names) ? names[text] : undefined) : text;
    if (typeof name !== 'string') {
      this.refuse({ table: table.name, location, reason: 'unverifiable-key', detail: `the expression uses ${text}, which ExpressionAttributeNames does not define.` });
    }
    return name;
  }

  private keyAttributeOf(table: TableRule, operand: Operand, names: unknown, location: string): string | undefined {
    const name = this.topLevelName(table, operand, names, location);
    return name !== undefined && table.keyAttributes.has(name) ? name : undefined;
  }

  private parsed<T>(table: TableRule, location: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      return this.refuse({ table: table.name, location, reason: 'unverifiable-key', detail: `${error.message}; the guard refuses what it cannot read.` });
    }
  }

  /** ConditionExpression / FilterExpression: every value a partition key attribute is compared with must be in the capsule. */
  condition(table: TableRule, input: Input, field: string, location: string): void {
    const expression = input[field];
    if (expression === undefined) return;
    const at = `${location}${field}`;
    if (typeof expression !== 'string') this.refuse({ table: table.name, location: at, reason: 'unverifiable-key', detail: 'the expression is not a string.' });
    const condition = this.parsed(table, at, () => parseCondition(expression));
    const values = input.ExpressionAttributeValues as AttributeValues;
    for (const application of applicationsOf(condition)) {
      if (KEY_NEUTRAL_FUNCTIONS.has(application.name)) continue;
      const keys = application.operands.map((operand) => this.keyAttributeOf(table, operand, input.ExpressionAttributeNames, at));
      const attribute = keys.find((key) => key !== undefined);
      if (attribute === undefined) continue;
      application.operands.forEach((operand, i) => {
        if (keys[i] === undefined) this.keyValue(table, attribute, at, operand, values);
      });
    }
  }

  /** The pre-expression conditions (Expected, QueryFilter): { attribute: { Value, AttributeValueList } }. */
  legacyConditions(table: TableRule, conditions: unknown, location: string): void {
    if (!isRecord(conditions)) return;
    for (const [attribute, condition] of Object.entries(conditions)) {
      if (!table.keyAttributes.has(attribute) || !isRecord(condition)) continue;
      const listed: unknown[] = Array.isArray(condition.AttributeValueList) ? condition.AttributeValueList : [];
      const values: unknown[] = condition.Value === undefined ? listed : [condition.Value, ...listed];
      values.forEach((value, i) => this.key(table, attribute, `${location}.${attribute}[${i}]`, value));
    }
  }

  /** A whole item being written: its table partition key, and every index partition key it carries. */
  item(table: TableRule, item: unknown, location: string): void {
    const attributes = isRecord(item) ? item : {};
    for (const attribute of table.keyAttributes) {
      if (attribute === table.partitionKey || attribute in attributes) this.key(table, attribute, `${location}.${attribute}`, attributes[attribute]);
    }
  }

  keyOf(table: TableRule, key: unknown, location: string): void {
    this.key(table, table.partitionKey, `${location}.${table.partitionKey}`, isRecord(key) ? key[table.partitionKey] : undefined);
  }

  /** UpdateExpression and AttributeUpdates may set an index's partition key, moving the item into another partition. */
  updates(table: TableRule, input: Input, location: string): void {
    const values = input.ExpressionAttributeValues as AttributeValues;
    const expression = input.UpdateExpression;
    const at = `${location}UpdateExpression`;
    if (typeof expression === 'string') {
      for (const action of this.parsed(table, at, () => parseUpdate(expression))) {
        const attribute = this.keyAttributeOf(table, action.path, input.ExpressionAttributeNames, at);
        if (attribute === undefined || action.clause === 'REMOVE') continue;
        if (action.clause !== 'SET' || action.arithmetic) {
          this.refuse({ table: table.name, attribute, location: at, reason: 'unverifiable-key', detail: `${action.clause} ${action.clause === 'SET' ? 'with arithmetic ' : ''}on a partition key attribute cannot be verified. SET it to an :value instead.` });
        }
        this.keyValue(table, attribute, at, action.value[0], values);
      }
    }
    if (!isRecord(input.AttributeUpdates)) return;
    for (const [attribute, update] of Object.entries(input.AttributeUpdates)) {
      if (!table.keyAttributes.has(attribute) || !isRecord(update)) continue;
      const place = `${location}AttributeUpdates.${attribute}`;
      if (update.Action === 'DELETE' && update.Value === undefined) continue;
      if (update.Action !== undefined && update.Action !== 'PUT') {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an unexpected Action is shown as sent, whatever its type
        this.refuse({ table: table.name, attribute, location: place, reason: 'unverifiable-key', detail: `Action ${String(update.Action)} on a partition key attribute cannot be verified. PUT a value instead.` });
      }
      this.key(table, attribute, place, update.Value);
    }
  }

  /** KeyConditionExpression (or legacy KeyConditions) must fix the partition key with '='. */
  keyCondition(table: TableRule, input: Input, index: string | undefined, attribute: string): void {
    const expression = input.KeyConditionExpression;
    const site = { table: table.name, index, attribute };
    if (typeof expression !== 'string') {
      const condition = isRecord(input.KeyConditions) ? input.KeyConditions[attribute] : undefined;
      if (!isRecord(condition) || condition.ComparisonOperator !== 'EQ' || !Array.isArray(condition.AttributeValueList)) {
        this.refuse({ ...site, location: 'KeyConditionExpression', reason: 'unverifiable-key', detail: `the query does not fix the partition key '${attribute}' with '='. Write KeyConditionExpression '${attribute} = :pk'.` });
      }
      this.key(table, attribute, `KeyConditions.${attribute}`, condition.AttributeValueList[0], index);
      return;
    }
    const location = 'KeyConditionExpression';
    const terms = conjunctionTerms(this.parsed(table, location, () => parseCondition(expression)));
    if (!terms) this.refuse({ ...site, location, reason: 'unverifiable-key', detail: 'a key condition with OR or NOT cannot be verified (DynamoDB rejects it too).' });
    const named = new Set<string>();
    let fixed = false;
    for (const term of terms) {
      if (term.kind !== 'compare') continue;
      for (const [subject, other] of [[term.left, term.right], [term.right, term.left]]) {
        const name = this.topLevelName(table, subject, input.ExpressionAttributeNames, location);
        if (name !== undefined) named.add(name);
        if (name !== attribute) continue;
        if (term.comparator !== '=') this.refuse({ ...site, location, reason: 'unverifiable-key', detail: `the partition key is compared with '${term.comparator}'; only '=' selects one partition.` });
        this.keyValue(table, attribute, location, other, input.ExpressionAttributeValues as AttributeValues, index);
        fixed = true;
      }
    }
    if (!fixed) {
      this.refuse({
        ...site,
        location,
        reason: 'unverifiable-key',
        detail: `the key condition does not fix '${attribute}' with '=' (it names ${[...named].join(', ') || 'no attribute'}). If the ${index === undefined ? 'table' : `index '${index}'`} keeps its partition key in another attribute, declare it in the option tables.${table.name}.${index === undefined ? 'partitionKey' : `indexes.${index}`}.`,
      });
    }
  }
}

function isolatedTable(config: GuardConfig, reference: unknown): TableRule | undefined {
  const name = tableNameOf(reference);
  return name === undefined ? undefined : config.tables.get(name);
}

function checkQuery(check: RequestCheck, table: TableRule, input: Input): void {
  const index = typeof input.IndexName === 'string' ? input.IndexName : undefined;
  const attribute = index === undefined ? table.partitionKey : table.indexes.get(index);
  if (attribute === undefined) {
    check.refuse({ table: table.name, index, reason: 'unverifiable-key', detail: `index '${index}' is not declared, so the guard does not know its partition key. Declare it on the entity's gsi, or in the option tables.${table.name}.indexes.` });
  }
  check.keyCondition(table, input, index, attribute);
  check.condition(table, input, 'FilterExpression', '');
  check.legacyConditions(table, input.QueryFilter, 'QueryFilter');
  if (input.ExclusiveStartKey !== undefined) check.item(table, input.ExclusiveStartKey, 'ExclusiveStartKey');
}

/** Put, Update, Delete and ConditionCheck, alone or as one element of a transaction. */
function checkWrite(check: RequestCheck, table: TableRule, kind: string, input: Input, location: string): void {
  if (kind === 'Put') check.item(table, input.Item, `${location}Item`);
  else check.keyOf(table, input.Key, `${location}Key`);
  if (kind === 'Update') check.updates(table, input, location);
  check.condition(table, input, 'ConditionExpression', location);
  check.legacyConditions(table, input.Expected, `${location}Expected`);
}

/** A single-item write's name as an element of TransactWriteItems. */
const WRITE_KINDS: Readonly<Record<string, string>> = { PutItem: 'Put', UpdateItem: 'Update', DeleteItem: 'Delete' };

function checkSingleItem(config: GuardConfig, check: RequestCheck, operation: string, input: Input): void {
  const table = isolatedTable(config, input.TableName);
  if (!table) return;
  switch (operation) {
    case 'GetItem':
      return check.keyOf(table, input.Key, 'Key');
    case 'Query':
      return checkQuery(check, table, input);
    default:
      return checkWrite(check, table, WRITE_KINDS[operation], input, '');
  }
}

function checkBatch(config: GuardConfig, check: RequestCheck, operation: string, input: Input): void {
  if (!isRecord(input.RequestItems)) return;
  for (const [reference, requests] of Object.entries(input.RequestItems)) {
    const table = isolatedTable(config, reference);
    if (!table) continue;
    const at = `RequestItems.${reference}`;
    if (operation === 'BatchGetItem') {
      const keys = isRecord(requests) && Array.isArray(requests.Keys) ? requests.Keys : [];
      keys.forEach((key, i) => check.keyOf(table, key, `${at}.Keys[${i}]`));
      continue;
    }
    records(requests).forEach((request, i) => {
      if (isRecord(request.PutRequest)) check.item(table, request.PutRequest.Item, `${at}[${i}].PutRequest.Item`);
      else check.keyOf(table, isRecord(request.DeleteRequest) ? request.DeleteRequest.Key : undefined, `${at}[${i}].DeleteRequest.Key`);
    });
  }
}

function checkTransaction(config: GuardConfig, check: RequestCheck, input: Input): void {
  records(input.TransactItems).forEach((element, i) => {
    for (const [kind, request] of Object.entries(element)) {
      if (!isRecord(request)) continue;
      const table = isolatedTable(config, request.TableName);
      if (!table) continue;
      const location = `TransactItems[${i}].${kind}.`;
      if (kind === 'Get') check.keyOf(table, request.Key, `${location}Key`);
      else checkWrite(check, table, kind, request, location);
    }
  });
}

const SINGLE_ITEM_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query']);

/**
 * Throws CapsuleIsolationError if the request may touch items outside `scope`'s capsule (or any
 * capsule's items outside a scope); returns if it may be sent.
 */
export function verifyRequest(config: GuardConfig, operation: string, input: unknown, scope: CapsuleScope | undefined, announced: Announcements): void {
  if (ITEM_FREE_OPERATIONS.has(operation)) return;
  const check = new RequestCheck(config, operation, scope);
  const request = isRecord(input) ? input : {};
  if (STATEMENT_OPERATIONS.has(operation)) {
    if (announced.statement !== undefined) return;
    check.refuse({ reason: 'statement-not-announced', detail: 'a PartiQL statement cannot be verified: which table and key it touches is not checked. Use the item operations, or announce this one statement with allowStatement(command, { reason }).' });
  }
  if (operation === 'Scan') {
    const table = isolatedTable(config, request.TableName);
    if (!table) return;
    const site = { table: table.name, index: typeof request.IndexName === 'string' ? request.IndexName : undefined };
    if (!scope) check.refuse({ ...site, reason: 'outside-scope', detail: `the request is made outside runInCapsule, and table '${table.name}' is capsule-isolated.` });
    if (announced.scan === undefined) {
      check.refuse({ ...site, reason: 'scan-not-announced', detail: `a Scan reads the items of every capsule in table '${table.name}'. Query one partition instead, or announce this one scan with allowScan(command, { reason }).` });
    }
    return;
  }
  if (SINGLE_ITEM_OPERATIONS.has(operation)) return checkSingleItem(config, check, operation, request);
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') return checkBatch(config, check, operation, request);
  if (operation === 'TransactGetItems' || operation === 'TransactWriteItems') return checkTransaction(config, check, request);
  check.refuse({ reason: 'unsupported-operation', detail: `${operation} is not an item operation the guard can verify (it may read, copy or restore whole tables). Run it with a client that is not isolated.` });
}
