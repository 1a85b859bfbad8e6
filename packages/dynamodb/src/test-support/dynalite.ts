/**
 * Tests run against dynalite, a DynamoDB-compatible server that runs in this process on an
 * in-memory store: started on 127.0.0.1 at a free port, no network beyond the loopback.
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

interface DynaliteOptions {
  readonly createTableMs?: number;
  readonly deleteTableMs?: number;
  readonly updateTableMs?: number;
}
const dynalite = createRequire(__filename)('dynalite') as (options: DynaliteOptions) => Server;

export interface TestServer {
  readonly endpoint: string;
  /** A fresh DynamoDBClient for this server; isolate it or not. */
  client(): DynamoDBClient;
  documentClient(client?: DynamoDBClient): DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<TestServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = () =>
    new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  return {
    endpoint,
    client,
    documentClient: (base = client()) => DynamoDBDocumentClient.from(base),
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The single-table layout of the tests: pk/sk, and two GSIs keyed gsi1pk/gsi1sk and gsi2pk/gsi2sk. */
export function singleTable(name: string): CreateTableCommandInput {
  const string = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
  const keys = (pk: string, sk: string) => [
    { AttributeName: pk, KeyType: 'HASH' as const },
    { AttributeName: sk, KeyType: 'RANGE' as const },
  ];
  const index = (IndexName: string) => ({ IndexName, KeySchema: keys(`${IndexName}pk`, `${IndexName}sk`), Projection: { ProjectionType: 'ALL' as const } });
  return {
    TableName: name,
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map(string),
    KeySchema: keys('pk', 'sk'),
    GlobalSecondaryIndexes: [index('gsi1'), index('gsi2')],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

export async function createTables(server: TestServer, ...names: string[]): Promise<void> {
  const client = server.client();
  for (const name of names) await client.send(new CreateTableCommand(singleTable(name)));
  client.destroy();
}
