import {
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand as DocScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildKeys } from '@capsule-guard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowScan, allowStatement, CapsuleIsolationError, currentCapsule, isolateClient, runInCapsule } from './index';
import type { IsolateClientOptions } from './options';
import { CLIENT_KINDS, spyOnNetwork, type Doc } from './test-support/clients';
import { createTables, startDynalite, type TestServer } from './test-support/dynalite';
import { ContractEntity, RoleEntity, TenantEntity } from './test-support/entities';

const TABLE = 'platform_data';
const OPTIONS: IsolateClientOptions = { entities: [RoleEntity, ContractEntity, TenantEntity] };
const DEVUS = { tenantId: 'acme', capsuleId: 'DEVUS' };
const PRODUS = { tenantId: 'acme', capsuleId: 'PRODUS' };
const DEV = { tenantId: 'acme', capsuleId: 'DEV' };

let server: TestServer;
/** An unguarded client, to look at what the table really holds. */
let raw: DynamoDBDocumentClient;
let nextId = 0;

beforeAll(async () => {
  server = await startDynalite();
  await createTables(server, TABLE, 'platform_flags');
  raw = server.documentClient();
});

afterAll(async () => {
  await server?.close();
});

/** A role item of the given capsule, with its table and gsi1 keys built from the entity's templates. */
function role(scope: { tenantId: string; capsuleId: string }, email = `user${nextId}@example.com`): Doc {
  const id = `r${(nextId += 1)}`;
  const keys = buildKeys(RoleEntity, { ...scope, id, email });
  return { pk: keys.pk, sk: keys.sk ?? '', gsi1pk: keys.gsi.gsi1.pk, gsi1sk: keys.gsi.gsi1.sk ?? '', email };
}

const keyOf = (item: Doc) => ({ pk: item.pk, sk: item.sk });

async function refusal(request: Promise<unknown>): Promise<CapsuleIsolationError> {
  const error = await request.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CapsuleIsolationError)) throw new Error(`expected CapsuleIsolationError, got ${String(error)}`);
  return error;
}

describe.each(CLIENT_KINDS)('$name', (kind) => {
  it('lets same-capsule writes and reads through, on the table and through a GSI', async () => {
    const client = kind.make(server, TABLE, OPTIONS);
    const item = role(DEVUS);
    await runInCapsule(DEVUS, async () => {
      await client.put(item);
      expect(await client.get(keyOf(item))).toEqual(item);
      expect(await client.query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': item.pk } })).toEqual([item]);
      const byEmail = await client.query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': item.gsi1pk } });
      expect(byEmail).toEqual([item]);
      await client.update({ Key: keyOf(item), UpdateExpression: 'SET email = :e', ExpressionAttributeValues: { ':e': 'new@example.com' } });
      await client.delete(keyOf(item));
      expect(await client.get(keyOf(item))).toBeUndefined();
    });
  });

  it('refuses cross-capsule reads and writes before they reach the network', async () => {
    const client = kind.make(server, TABLE, OPTIONS);
    const theirs = role(DEVUS);
    await raw.send(new PutCommand({ TableName: TABLE, Item: theirs }));
    const expected = { table: TABLE, expectedPrefix: 'TENANT#acme#CAPSULE#PRODUS#', reason: 'foreign-key', actual: theirs.pk };
    await runInCapsule(PRODUS, async () => {
      expect(await refusal(client.get(keyOf(theirs)))).toMatchObject({ ...expected, operation: 'GetItem', attribute: 'pk' });
      expect(await refusal(client.put({ ...theirs, email: 'overwritten' }))).toMatchObject({ ...expected, operation: 'PutItem', attribute: 'pk' });
      const update = client.update({ Key: keyOf(theirs), UpdateExpression: 'SET email = :e', ExpressionAttributeValues: { ':e': 'x' } });
      expect(await refusal(update)).toMatchObject({ ...expected, operation: 'UpdateItem' });
      expect(await refusal(client.delete(keyOf(theirs)))).toMatchObject({ ...expected, operation: 'DeleteItem' });
      const query = client.query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': theirs.gsi1pk } });
      expect(await refusal(query)).toMatchObject({ ...expected, actual: theirs.gsi1pk, operation: 'Query', index: 'gsi1', attribute: 'gsi1pk' });
      // An own item that would move into another capsule's GSI partition.
      const own = role(PRODUS);
      expect(await refusal(client.put({ ...own, gsi1pk: theirs.gsi1pk }))).toMatchObject({ attribute: 'gsi1pk', location: 'Item.gsi1pk' });
      const move = client.update({ Key: keyOf(own), UpdateExpression: 'SET gsi1pk = :g', ExpressionAttributeValues: { ':g': theirs.gsi1pk } });
      expect(await refusal(move)).toMatchObject({ attribute: 'gsi1pk', location: 'UpdateExpression :g' });
    });
    expect(client.network).not.toHaveBeenCalled();
    expect((await raw.send(new GetCommand({ TableName: TABLE, Key: keyOf(theirs) }))).Item).toEqual(theirs);
  });

  it('never returns data written in one capsule to another, including through a GSI', async () => {
    const client = kind.make(server, TABLE, OPTIONS);
    const email = `shared${nextId}@example.com`;
    const [dev, prod] = [role(DEVUS, email), role(PRODUS, email)];
    await runInCapsule(DEVUS, () => client.put(dev));
    await runInCapsule(PRODUS, () => client.put(prod));
    const byEmail = () => {
      const scope = currentCapsule();
      const gsi1pk = buildKeys(RoleEntity, { ...scope, id: 'any', email }).gsi.gsi1.pk;
      return client.query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } });
    };
    expect(await runInCapsule(DEVUS, byEmail)).toEqual([dev]);
    expect(await runInCapsule(PRODUS, byEmail)).toEqual([prod]);
    expect(await runInCapsule({ tenantId: 'globex', capsuleId: 'DEVUS' }, byEmail)).toEqual([]);
  });

  it('refuses requests on isolated tables outside a scope, but not platform-wide items or other tables', async () => {
    const client = kind.make(server, TABLE, OPTIONS);
    const item = role(DEVUS);
    expect(await refusal(client.get(keyOf(item)))).toMatchObject({ reason: 'outside-scope', expectedPrefix: undefined, operation: 'GetItem' });
    expect(client.network).not.toHaveBeenCalled();
    const tenant = buildKeys(TenantEntity, { id: 'acme' });
    await client.put({ pk: tenant.pk, sk: tenant.sk ?? '', name: 'Acme' });
    expect(await runInCapsule(PRODUS, () => client.get({ pk: tenant.pk, sk: tenant.sk ?? '' }))).toMatchObject({ name: 'Acme' });
    const flags = kind.make(server, 'platform_flags', OPTIONS);
    await flags.put({ pk: 'FLAG#beta', sk: '-' });
  });

  it("keeps capsule 'DEV' out of capsule 'DEVUS': the prefix ends with the delimiter", async () => {
    const client = kind.make(server, TABLE, OPTIONS);
    const devus = role(DEVUS);
    expect(await runInCapsule(DEV, () => refusal(client.get(keyOf(devus))))).toMatchObject({ expectedPrefix: 'TENANT#acme#CAPSULE#DEV#' });
  });
});

describe('batches', () => {
  it('refuses a BatchWriteItem with one foreign request, and writes none of it', async () => {
    const client = isolateClient(server.documentClient(), OPTIONS);
    const [own, foreign] = [role(PRODUS), role(DEVUS)];
    const batch = (items: Doc[]) => new BatchWriteCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } });
    const error = await runInCapsule(PRODUS, () => refusal(client.send(batch([own, foreign]))));
    expect(error).toMatchObject({ operation: 'BatchWriteItem', location: `RequestItems.${TABLE}[1].PutRequest.Item.pk` });
    expect((await raw.send(new GetCommand({ TableName: TABLE, Key: keyOf(own) }))).Item).toBeUndefined();
    await runInCapsule(PRODUS, () => client.send(batch([own])));
    expect((await raw.send(new GetCommand({ TableName: TABLE, Key: keyOf(own) }))).Item).toEqual(own);
  });
});

describe('transactions (which dynalite does not implement)', () => {
  const transaction = (pk: string) => ({
    TransactItems: [
      { Put: { TableName: TABLE, Item: role(PRODUS) } },
      { ConditionCheck: { TableName: TABLE, Key: { pk, sk: 'METADATA' }, ConditionExpression: 'attribute_exists(pk)' } },
    ],
  });

  it('refuses a foreign ConditionCheck before the network, and sends a same-capsule transaction', async () => {
    const client = isolateClient(server.documentClient(), OPTIONS);
    const network = spyOnNetwork(client);
    const foreign = await runInCapsule(PRODUS, () => refusal(client.send(new TransactWriteCommand(transaction(role(DEVUS).pk)))));
    expect(foreign).toMatchObject({ operation: 'TransactWriteItems', location: 'TransactItems[1].ConditionCheck.Key.pk' });
    expect(network).not.toHaveBeenCalled();
    const sent = await runInCapsule(PRODUS, () => client.send(new TransactWriteCommand(transaction(role(PRODUS).pk))).then(() => undefined, (e: unknown) => e));
    expect(network).toHaveBeenCalledTimes(1);
    expect(String(sent)).toMatch(/UnknownOperation/u);
  });

  it('checks native-client transactions the same way', async () => {
    const client = isolateClient(server.client(), OPTIONS);
    const network = spyOnNetwork(client);
    const input = { TransactItems: [{ Delete: { TableName: TABLE, Key: { pk: { S: role(DEVUS).pk }, sk: { S: 'METADATA' } } } }] };
    expect(await runInCapsule(PRODUS, () => refusal(client.send(new TransactWriteItemsCommand(input))))).toMatchObject({ location: 'TransactItems[0].Delete.Key.pk' });
    expect(network).not.toHaveBeenCalled();
  });
});

describe('Scan and PartiQL need an announcement per request', () => {
  it('refuses a Scan of an isolated table unless allowScan announces it, with either client', async () => {
    const native = isolateClient(server.client(), OPTIONS);
    const document = isolateClient(server.documentClient(), OPTIONS);
    await raw.send(new PutCommand({ TableName: TABLE, Item: role(DEVUS) }));
    await runInCapsule(DEVUS, async () => {
      expect(await refusal(native.send(new ScanCommand({ TableName: TABLE })))).toMatchObject({ reason: 'scan-not-announced', operation: 'Scan', table: TABLE });
      expect(await refusal(document.send(new DocScanCommand({ TableName: TABLE })))).toMatchObject({ reason: 'scan-not-announced' });
      const scanned = await native.send(allowScan(new ScanCommand({ TableName: TABLE, Limit: 1 }), { reason: 'test of the announcement' }));
      expect(scanned.Items).toHaveLength(1);
      await document.send(allowScan(new DocScanCommand({ TableName: TABLE, Limit: 1 }), { reason: 'test of the announcement' }));
      // The announcement belongs to that command only.
      expect(await refusal(native.send(new ScanCommand({ TableName: TABLE })))).toMatchObject({ reason: 'scan-not-announced' });
    });
    expect(() => allowScan(new ScanCommand({ TableName: TABLE }), { reason: ' ' })).toThrow(/allowScan: give the reason/u);
  });

  it('refuses PartiQL statements unless allowStatement announces them', async () => {
    const client = isolateClient(server.client(), OPTIONS);
    const network = spyOnNetwork(client);
    const statement = () => new ExecuteStatementCommand({ Statement: `SELECT * FROM "${TABLE}"` });
    expect(await runInCapsule(DEVUS, () => refusal(client.send(statement())))).toMatchObject({ reason: 'statement-not-announced', operation: 'ExecuteStatement' });
    expect(network).not.toHaveBeenCalled();
    const sent = await runInCapsule(DEVUS, () => client.send(allowStatement(statement(), { reason: 'reporting' })).then(() => undefined, (e: unknown) => e));
    expect(network).toHaveBeenCalledTimes(1);
    expect(sent).not.toBeInstanceOf(CapsuleIsolationError);
  });
});

describe('scopes', () => {
  it('follows each request through its own async chain, with concurrent scopes', async () => {
    const client = isolateClient(server.documentClient(), OPTIONS);
    const [dev, prod] = [role(DEVUS), role(PRODUS)];
    await raw.send(new PutCommand({ TableName: TABLE, Item: dev }));
    await raw.send(new PutCommand({ TableName: TABLE, Item: prod }));
    const later = <T>(fn: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => void fn().then(resolve, reject), 5));
    const read = (item: Doc) => later(() => client.send(new GetCommand({ TableName: TABLE, Key: keyOf(item) })));
    const [own, foreign] = await Promise.all([
      runInCapsule(DEVUS, () => read(dev)),
      runInCapsule(PRODUS, () => read(dev).then(() => undefined, (e: unknown) => e)),
    ]);
    expect(own.Item).toEqual(dev);
    expect(foreign).toBeInstanceOf(CapsuleIsolationError);
    expect(await runInCapsule(DEVUS, () => runInCapsule(PRODUS, () => read(prod)))).toMatchObject({ Item: prod });
  });

  it('refuses invalid scopes: empty ids at once, ids containing the delimiter at the first request', async () => {
    expect(() => runInCapsule({ tenantId: '', capsuleId: 'DEVUS' }, () => 1)).toThrow('runInCapsule: tenantId must be a non-empty string; got "".');
    expect(() => runInCapsule({ tenantId: 'acme' } as never, () => 1)).toThrow('runInCapsule: capsuleId must be a non-empty string; got undefined.');
    const client = isolateClient(server.client(), OPTIONS);
    const request = new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'TENANT#acme#CAPSULE#DEVUS#x' }, sk: { S: 'METADATA' } } });
    const error = await runInCapsule({ tenantId: 'acme#CAPSULE#DEVUS', capsuleId: 'X' }, () => refusal(client.send(request)));
    expect(error).toMatchObject({ reason: 'invalid-scope', operation: 'GetItem' });
  });

  it('isolates a document client made from an isolated client: they share one middleware stack', async () => {
    const document = DynamoDBDocumentClient.from(isolateClient(server.client(), OPTIONS));
    const foreign = role(DEVUS);
    expect(await runInCapsule(PRODUS, () => refusal(document.send(new GetCommand({ TableName: TABLE, Key: keyOf(foreign) }))))).toMatchObject({ operation: 'GetItem' });
  });

  it('rejects something that is not a client', () => {
    expect(() => isolateClient({} as DynamoDBClient, OPTIONS)).toThrow('isolateClient: the first argument must be an AWS SDK v3 DynamoDBClient or DynamoDBDocumentClient.');
  });
});
