import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildKeys } from '@capsule-guard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCapsule, isolateClient } from './index';
import { createTables, startDynalite, type TestServer } from './test-support/dynalite';
import { RoleEntity } from './test-support/entities';
import { CrossCapsuleLeakError, expectNoCrossCapsuleLeak } from './testing';

const TABLE = 'platform_data';
const DEVUS = { tenantId: 'acme', capsuleId: 'DEVUS' };
const PRODUS = { tenantId: 'acme', capsuleId: 'PRODUS' };

let server: TestServer;
let guarded: DynamoDBDocumentClient;
let unguarded: DynamoDBDocumentClient;

beforeAll(async () => {
  server = await startDynalite();
  await createTables(server, TABLE);
  guarded = isolateClient(server.documentClient(), { entities: [RoleEntity] });
  unguarded = server.documentClient();
});

afterAll(async () => {
  await server?.close();
});

/** A tiny repository, the kind of code users test: keys built from the current scope. */
function roleRepository(client: DynamoDBDocumentClient) {
  const keys = (id: string, email = 'x') => buildKeys(RoleEntity, { ...currentCapsule(), id, email });
  return {
    async save(id: string, email: string) {
      const { pk, sk, gsi } = keys(id, email);
      await client.send(new PutCommand({ TableName: TABLE, Item: { pk, sk, gsi1pk: gsi.gsi1.pk, gsi1sk: gsi.gsi1.sk, email } }));
      return { id, email, pk, sk };
    },
    findByEmail: async (email: string) =>
      client.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': keys('-', email).gsi.gsi1.pk } })),
  };
}

describe('expectNoCrossCapsuleLeak', () => {
  it('passes when the reader builds its own keys and finds nothing', async () => {
    const roles = roleRepository(guarded);
    const outcome = await expectNoCrossCapsuleLeak({
      writer: DEVUS,
      reader: PRODUS,
      write: () => roles.save('r1', 'a@example.com'),
      read: (written) => roles.findByEmail(written.email),
    });
    expect(outcome).toEqual({ outcome: 'not-found' });
  });

  it('passes when the guard refuses a read of the written keys', async () => {
    const roles = roleRepository(guarded);
    const outcome = await expectNoCrossCapsuleLeak({
      writer: DEVUS,
      reader: PRODUS,
      write: () => roles.save('r2', 'b@example.com'),
      read: (written) => guarded.send(new GetCommand({ TableName: TABLE, Key: { pk: written.pk, sk: written.sk } })),
    });
    expect(outcome.outcome).toBe('refused');
  });

  it('throws CrossCapsuleLeakError, with what leaked, when another capsule sees the data', async () => {
    const roles = roleRepository(unguarded);
    const check = expectNoCrossCapsuleLeak({
      writer: DEVUS,
      reader: PRODUS,
      write: () => roles.save('r3', 'c@example.com'),
      read: async (written) => [(await unguarded.send(new GetCommand({ TableName: TABLE, Key: { pk: written.pk, sk: written.sk } }))).Item],
    });
    await expect(check).rejects.toThrow(CrossCapsuleLeakError);
    await expect(check).rejects.toThrow(/^Data written in tenant 'acme' capsule 'DEVUS' is visible from tenant 'acme' capsule 'PRODUS': \[\{.*"c@example.com"/u);
  });

  it("throws when the read finds nothing in the writer's own capsule: such a check proves nothing", async () => {
    const roles = roleRepository(guarded);
    const check = expectNoCrossCapsuleLeak({ writer: DEVUS, reader: PRODUS, write: () => roles.save('r4', 'd@example.com'), read: () => roles.findByEmail('nobody@example.com') });
    await expect(check).rejects.toThrow(/read found nothing in the writer's own capsule \(tenant 'acme' capsule 'DEVUS'\)/u);
  });

  it('rethrows errors other than a refusal, and refuses one capsule as both writer and reader', async () => {
    const failing = expectNoCrossCapsuleLeak({ writer: DEVUS, reader: PRODUS, write: () => 1, read: () => { throw new RangeError('boom'); } });
    await expect(failing).rejects.toThrow(RangeError);
    await expect(expectNoCrossCapsuleLeak({ writer: DEVUS, reader: { ...DEVUS }, write: () => 1, read: () => [1] })).rejects.toThrow(
      "expectNoCrossCapsuleLeak: writer and reader are the same capsule (tenant 'acme' capsule 'DEVUS'); give two different ones.",
    );
  });
});
