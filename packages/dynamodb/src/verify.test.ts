import { describe, expect, it } from 'vitest';
import { CapsuleIsolationError } from './errors';
import { resolveOptions } from './options';
import { verifyRequest, type Announcements } from './verify';

const config = resolveOptions({
  tables: { data: { partitionKey: 'pk', indexes: { gsi1: 'gsi1pk', lsi: 'pk' }, platformPrefixes: ['PLATFORM#'] } },
});
const DEV = { tenantId: 'acme', capsuleId: 'DEV' };
const OWN = 'TENANT#acme#CAPSULE#DEV#ROLE#1';
const DEVUS = 'TENANT#acme#CAPSULE#DEVUS#ROLE#1';
const S = (text: string) => ({ S: text });

/** `scope` null: outside any scope. */
function verify(operation: string, input: object, announced: Announcements = {}, scope: typeof DEV | null = DEV) {
  verifyRequest(config, operation, input, scope ?? undefined, announced);
}

/** The error a refused request throws; fails the test when the request is let through. */
function refusal(operation: string, input: object, announced: Announcements = {}, scope: typeof DEV | null = DEV): CapsuleIsolationError {
  try {
    verify(operation, input, announced, scope);
  } catch (error) {
    if (error instanceof CapsuleIsolationError) return error;
    throw error;
  }
  throw new Error(`${operation} was let through`);
}

describe('partition keys of single-item operations', () => {
  it('lets keys of the scope through, and refuses those of a capsule whose id only begins the same', () => {
    expect(() => verify('GetItem', { TableName: 'data', Key: { pk: S(OWN), sk: S('x') } })).not.toThrow();
    const error = refusal('GetItem', { TableName: 'data', Key: { pk: S(DEVUS), sk: S('x') } });
    expect(error).toMatchObject({
      reason: 'foreign-key',
      operation: 'GetItem',
      table: 'data',
      attribute: 'pk',
      location: 'Key.pk',
      actual: DEVUS,
      expectedPrefix: 'TENANT#acme#CAPSULE#DEV#',
    });
    expect(error.message).toBe(
      `capsule-guard refused GetItem (table 'data', key attribute 'pk', at Key.pk): the key "${DEVUS}" does not begin with "TENANT#acme#CAPSULE#DEV#", the prefix of the current capsule. Build keys with buildKeys(Entity, values) from the scope's tenantId and capsuleId.`,
    );
  });

  it('refuses a key without the trailing delimiter, a missing key, and a non-string key', () => {
    expect(refusal('DeleteItem', { TableName: 'data', Key: { pk: S('TENANT#acme#CAPSULE#DEV') } }).reason).toBe('foreign-key');
    expect(refusal('DeleteItem', { TableName: 'data', Key: { sk: S('x') } })).toMatchObject({ reason: 'unverifiable-key', detail: expect.stringContaining('missing') });
    expect(refusal('GetItem', { TableName: 'data', Key: { pk: { N: '1' } } }).reason).toBe('unverifiable-key');
  });

  it('refuses every request on an isolated table outside a scope, except platform keys', () => {
    expect(refusal('GetItem', { TableName: 'data', Key: { pk: S(OWN) } }, {}, null)).toMatchObject({ reason: 'outside-scope', expectedPrefix: undefined });
    expect(() => verify('GetItem', { TableName: 'data', Key: { pk: S('PLATFORM#TENANT#acme') } }, {}, null)).not.toThrow();
    expect(() => verify('GetItem', { TableName: 'other', Key: { pk: S(DEVUS) } }, {}, null)).not.toThrow();
  });

  it('checks the item of a Put: table key and every index key it carries', () => {
    expect(() => verify('PutItem', { TableName: 'data', Item: { pk: S(OWN), gsi1pk: S(`${OWN}#EMAIL`) } })).not.toThrow();
    expect(refusal('PutItem', { TableName: 'data', Item: { pk: S(OWN), gsi1pk: S(DEVUS) } })).toMatchObject({ attribute: 'gsi1pk', location: 'Item.gsi1pk' });
  });

  it('refuses a scope whose ids contain the delimiter', () => {
    const error = refusal('GetItem', { TableName: 'data', Key: { pk: S(OWN) } }, {}, { tenantId: 'acme#CAPSULE#DEV', capsuleId: 'X' });
    expect(error).toMatchObject({ reason: 'invalid-scope', detail: expect.stringContaining(`tenantId "acme#CAPSULE#DEV" contains "#"`) });
  });

  it('accepts a table named by ARN', () => {
    const TableName = 'arn:aws:dynamodb:us-east-1:123456789012:table/data';
    expect(refusal('GetItem', { TableName, Key: { pk: S(DEVUS) } }).table).toBe('data');
  });
});

describe('conditions that name keys', () => {
  const put = (ConditionExpression: string, values: object = {}, names: object = {}) => ({
    TableName: 'data',
    Item: { pk: S(OWN) },
    ConditionExpression,
    ExpressionAttributeValues: values,
    ExpressionAttributeNames: names,
  });

  it.each([
    ['attribute_not_exists(pk)', {}],
    ['attribute_exists(#k) AND size(pk) > :n', { ':n': { N: '3' } }],
    ['pk = :own OR begins_with(#k, :own)', { ':own': S(OWN) }],
    ['other = :x', { ':x': S(DEVUS) }],
    ['pk.nested = :x', { ':x': S(DEVUS) }],
  ])('lets %j through', (expression, values) => {
    expect(() => verify('PutItem', put(expression, values, { '#k': 'pk' }))).not.toThrow();
  });

  it.each([
    ['pk = :x', 'ConditionExpression :x'],
    ['NOT (#k <> :x)', 'ConditionExpression :x'],
    ['gsi1pk IN (:own, :x)', 'ConditionExpression :x'],
    ['begins_with(pk, :x)', 'ConditionExpression :x'],
    ['pk BETWEEN :own AND :x', 'ConditionExpression :x'],
  ])('refuses %j', (expression, location) => {
    expect(refusal('PutItem', put(expression, { ':x': S(DEVUS), ':own': S(OWN) }, { '#k': 'pk' }))).toMatchObject({ reason: 'foreign-key', location });
  });

  it('refuses a key compared with another attribute, an undefined name, and an unparsable expression', () => {
    expect(refusal('PutItem', put('pk = sk')).detail).toContain('compared with another attribute');
    expect(refusal('PutItem', put('#nope = :x', { ':x': S(OWN) })).detail).toContain('#nope, which ExpressionAttributeNames does not define');
    expect(refusal('PutItem', put('pk = = :x')).detail).toContain('cannot parse');
  });

  it('reads legacy Expected conditions', () => {
    expect(refusal('DeleteItem', { TableName: 'data', Key: { pk: S(OWN) }, Expected: { pk: { Value: S(DEVUS) } } }).location).toBe('Expected.pk[0]');
    expect(() => verify('DeleteItem', { TableName: 'data', Key: { pk: S(OWN) }, Expected: { pk: { Exists: false } } })).not.toThrow();
  });
});

describe('updates that move an item into another partition', () => {
  const update = (UpdateExpression: string, values: object = {}) => ({
    TableName: 'data',
    Key: { pk: S(OWN) },
    UpdateExpression,
    ExpressionAttributeValues: values,
    ExpressionAttributeNames: { '#g': 'gsi1pk' },
  });

  it('checks SET of an index key, lets REMOVE and other attributes through', () => {
    expect(() => verify('UpdateItem', update('SET #g = :own, n = n + :one REMOVE x', { ':own': S(OWN), ':one': { N: '1' } }))).not.toThrow();
    expect(() => verify('UpdateItem', update('REMOVE gsi1pk'))).not.toThrow();
    expect(refusal('UpdateItem', update('SET gsi1pk = :x', { ':x': S(DEVUS) }))).toMatchObject({ attribute: 'gsi1pk', location: 'UpdateExpression :x' });
  });

  it('refuses an index key computed by a function or arithmetic', () => {
    expect(refusal('UpdateItem', update('SET #g = if_not_exists(#g, :own)', { ':own': S(OWN) })).detail).toContain('if_not_exists(…)');
    expect(refusal('UpdateItem', update('SET #g = :own + :own', { ':own': S(OWN) })).detail).toContain('SET with arithmetic');
    expect(refusal('UpdateItem', update('ADD #g :own', { ':own': S(OWN) })).detail).toContain('ADD on a partition key');
  });

  it('reads legacy AttributeUpdates', () => {
    const input = (update: object) => ({ TableName: 'data', Key: { pk: S(OWN) }, AttributeUpdates: { gsi1pk: update } });
    expect(refusal('UpdateItem', input({ Value: S(DEVUS) })).location).toBe('AttributeUpdates.gsi1pk');
    expect(() => verify('UpdateItem', input({ Action: 'DELETE' }))).not.toThrow();
    expect(refusal('UpdateItem', input({ Action: 'ADD', Value: S(OWN) })).reason).toBe('unverifiable-key');
  });
});

describe('Query', () => {
  const query = (KeyConditionExpression: string, values: object, extra: object = {}) => ({
    TableName: 'data',
    KeyConditionExpression,
    ExpressionAttributeValues: values,
    ExpressionAttributeNames: { '#p': 'gsi1pk' },
    ...extra,
  });

  it('needs the partition key of the table or index fixed with = to a value of the scope', () => {
    expect(() => verify('Query', query('pk = :p AND begins_with(sk, :s)', { ':p': S(OWN), ':s': S('x') }))).not.toThrow();
    expect(() => verify('Query', query(':p = #p', { ':p': S(OWN) }, { IndexName: 'gsi1' }))).not.toThrow();
    expect(() => verify('Query', query('(pk = :p) AND sk > :s', { ':p': S(OWN), ':s': S('x') }, { IndexName: 'lsi' }))).not.toThrow();
    expect(refusal('Query', query('#p = :p', { ':p': S(DEVUS) }, { IndexName: 'gsi1' }))).toMatchObject({ index: 'gsi1', attribute: 'gsi1pk', reason: 'foreign-key' });
  });

  it('refuses a key condition that does not fix the expected attribute, with a hint at the option', () => {
    const error = refusal('Query', query('GSI1PK = :p', { ':p': S(OWN) }, { IndexName: 'gsi1' }));
    expect(error.detail).toBe(`the key condition does not fix 'gsi1pk' with '=' (it names GSI1PK). If the index 'gsi1' keeps its partition key in another attribute, declare it in the option tables.data.indexes.gsi1.`);
    expect(refusal('Query', query('pkx = :p', { ':p': S(OWN) })).reason).toBe('unverifiable-key');
    expect(refusal('Query', query('pk >= :p', { ':p': S(OWN) })).detail).toContain("compared with '>='");
    expect(refusal('Query', query('pk = :p OR pk = :q', { ':p': S(OWN), ':q': S(DEVUS) })).detail).toContain('OR or NOT');
  });

  it('refuses an undeclared index, and checks FilterExpression and ExclusiveStartKey', () => {
    expect(refusal('Query', query('x = :p', { ':p': S(OWN) }, { IndexName: 'gsi9' })).detail).toContain("index 'gsi9' is not declared");
    expect(refusal('Query', query('pk = :p', { ':p': S(OWN), ':x': S(DEVUS) }, { FilterExpression: 'gsi1pk = :x' })).location).toBe('FilterExpression :x');
    expect(refusal('Query', query('pk = :p', { ':p': S(OWN) }, { ExclusiveStartKey: { pk: S(DEVUS), sk: S('x') } })).location).toBe('ExclusiveStartKey.pk');
  });

  it('reads legacy KeyConditions', () => {
    const legacy = (op: string, value: string) => ({ TableName: 'data', KeyConditions: { pk: { ComparisonOperator: op, AttributeValueList: [S(value)] } } });
    expect(() => verify('Query', legacy('EQ', OWN))).not.toThrow();
    expect(refusal('Query', legacy('EQ', DEVUS)).location).toBe('KeyConditions.pk');
    expect(refusal('Query', legacy('BEGINS_WITH', OWN)).reason).toBe('unverifiable-key');
  });
});

describe('batches and transactions', () => {
  it('checks every key of BatchGetItem and every request of BatchWriteItem', () => {
    const keys = { Keys: [{ pk: S(OWN) }, { pk: S(DEVUS) }] };
    expect(refusal('BatchGetItem', { RequestItems: { data: keys, other: keys } }).location).toBe('RequestItems.data.Keys[1].pk');
    const writes = [{ PutRequest: { Item: { pk: S(OWN) } } }, { DeleteRequest: { Key: { pk: S(DEVUS) } } }];
    expect(refusal('BatchWriteItem', { RequestItems: { data: writes } }).location).toBe('RequestItems.data[1].DeleteRequest.Key.pk');
    expect(() => verify('BatchWriteItem', { RequestItems: { other: writes } })).not.toThrow();
  });

  it('checks every element of a transaction, ConditionCheck included', () => {
    const own = { TableName: 'data', Key: { pk: S(OWN) } };
    expect(() => verify('TransactGetItems', { TransactItems: [{ Get: own }] })).not.toThrow();
    const items = [
      { Put: { TableName: 'data', Item: { pk: S(OWN) } } },
      { Update: { ...own, UpdateExpression: 'SET gsi1pk = :g', ExpressionAttributeValues: { ':g': S(OWN) } } },
      { ConditionCheck: { TableName: 'data', Key: { pk: S(DEVUS) }, ConditionExpression: 'attribute_exists(pk)' } },
    ];
    expect(refusal('TransactWriteItems', { TransactItems: items })).toMatchObject({ location: 'TransactItems[2].ConditionCheck.Key.pk', table: 'data' });
    const condition = { ConditionCheck: { ...own, ConditionExpression: 'pk <> :x', ExpressionAttributeValues: { ':x': S(DEVUS) } } };
    expect(refusal('TransactWriteItems', { TransactItems: [condition] }).location).toBe('TransactItems[0].ConditionCheck.ConditionExpression :x');
  });
});

describe('Scan, PartiQL and other operations', () => {
  it('refuses a Scan of an isolated table unless announced, and outside a scope even then', () => {
    expect(refusal('Scan', { TableName: 'data', IndexName: 'gsi1' })).toMatchObject({ reason: 'scan-not-announced', index: 'gsi1' });
    expect(() => verify('Scan', { TableName: 'data' }, { scan: 'export' })).not.toThrow();
    expect(refusal('Scan', { TableName: 'data' }, { scan: 'export' }, null).reason).toBe('outside-scope');
    expect(() => verify('Scan', { TableName: 'other' }, {}, null)).not.toThrow();
  });

  it.each(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction'])('refuses %s unless announced', (operation) => {
    expect(refusal(operation, { Statement: 'SELECT * FROM "other"' }).reason).toBe('statement-not-announced');
    expect(() => verify(operation, {}, { statement: 'reporting' })).not.toThrow();
  });

  it('lets item-free operations through and refuses operations that copy whole tables', () => {
    expect(() => verify('DescribeTable', { TableName: 'data' }, {}, null)).not.toThrow();
    expect(refusal('ExportTableToPointInTime', { TableArn: 'arn:aws:dynamodb:us-east-1:1:table/data' }).reason).toBe('unsupported-operation');
    expect(refusal('(unnamed command)', {}).reason).toBe('unsupported-operation');
  });
});
