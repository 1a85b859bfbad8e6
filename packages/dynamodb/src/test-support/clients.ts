/**
 * The same item operations through both clients the guard supports, so one test body covers the
 * native DynamoDBClient (typed attribute values) and the DynamoDBDocumentClient (plain values).
 * Test items hold strings only, which keeps the conversion between the two shapes trivial.
 */
import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand as DocQueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { vi, type MockInstance } from 'vitest';
import { isolateClient } from '../index';
import type { IsolateClientOptions } from '../options';
import type { TestServer } from './dynalite';

export type Doc = Record<string, string>;

export interface QueryInput {
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Doc;
}

export interface UpdateInput {
  readonly Key: Doc;
  readonly UpdateExpression: string;
  readonly ExpressionAttributeValues: Doc;
}

export interface ItemClient {
  put(item: Doc): Promise<unknown>;
  get(key: Doc): Promise<Doc | undefined>;
  query(input: QueryInput): Promise<Doc[]>;
  update(input: UpdateInput): Promise<unknown>;
  delete(key: Doc): Promise<unknown>;
  /** The HTTP handler's `handle`: called exactly when a request goes to the network. */
  readonly network: MockInstance;
}

export interface ClientKind {
  readonly name: string;
  /** An isolated client of this kind on `table`. */
  make(server: TestServer, table: string, options: IsolateClientOptions): ItemClient;
}

const typed = (doc: Doc): Record<string, AttributeValue> => Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, { S: v }]));
const plain = (item: Record<string, AttributeValue> | undefined): Doc | undefined =>
  item && Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.S ?? JSON.stringify(v)]));

/** Spies on the HTTP handler a client (or a document client) sends requests with. */
export function spyOnNetwork(client: DynamoDBClient | DynamoDBDocumentClient): MockInstance {
  return vi.spyOn(client.config.requestHandler as { handle: (...args: unknown[]) => unknown }, 'handle');
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  {
    name: 'DynamoDBClient',
    make(server, TableName, options) {
      const client = isolateClient(server.client(), options);
      return {
        network: spyOnNetwork(client),
        put: (item) => client.send(new PutItemCommand({ TableName, Item: typed(item) })),
        get: async (key) => plain((await client.send(new GetItemCommand({ TableName, Key: typed(key) }))).Item),
        query: async (input) =>
          ((await client.send(new QueryCommand({ TableName, ...input, ExpressionAttributeValues: typed(input.ExpressionAttributeValues) }))).Items ?? []).map((item) => plain(item) as Doc),
        update: (input) => client.send(new UpdateItemCommand({ TableName, ...input, Key: typed(input.Key), ExpressionAttributeValues: typed(input.ExpressionAttributeValues) })),
        delete: (key) => client.send(new DeleteItemCommand({ TableName, Key: typed(key) })),
      };
    },
  },
  {
    name: 'DynamoDBDocumentClient',
    make(server, TableName, options) {
      // Isolating the document client itself (it shares its middleware stack with the base client).
      const client = isolateClient(DynamoDBDocumentClient.from(server.client()), options);
      return {
        network: spyOnNetwork(client),
        put: (item) => client.send(new PutCommand({ TableName, Item: item })),
        get: async (key) => (await client.send(new GetCommand({ TableName, Key: key }))).Item as Doc | undefined,
        query: async (input) => ((await client.send(new DocQueryCommand({ TableName, ...input }))).Items ?? []) as Doc[],
        update: (input) => client.send(new UpdateCommand({ TableName, ...input })),
        delete: (key) => client.send(new DeleteCommand({ TableName, Key: key })),
      };
    },
  },
];
