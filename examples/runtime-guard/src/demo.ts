/**
 * Runs the service against dynalite, an in-process DynamoDB-compatible server, and shows the guard
 * at work: each capsule sees its own roles, and a read of another capsule's key is refused before
 * it is sent. Exits 1 if anything behaves otherwise.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CapsuleIsolationError } from '@capsule-guard/dynamodb';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { createDocumentClient } from './dynamo';
import { TABLE, type CapsuleId, type TenantId } from './entities';
import { RoleRepository } from './roles';
import { RoleService, type RequestContext } from './service';

const dynalite = createRequire(__filename)('dynalite') as (options: { createTableMs: number }) => Server;

const context = (tenantId: string, capsuleId: string): RequestContext => ({ tenantId: tenantId as TenantId, capsuleId: capsuleId as CapsuleId });
const DEVUS = context('acme', 'DEVUS');
const PRODUS = context('acme', 'PRODUS');

async function createTable(config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } }) {
  const admin = new DynamoDBClient(config);
  const keys = (name: string) => [{ AttributeName: `${name}pk`, KeyType: 'HASH' as const }, { AttributeName: `${name}sk`, KeyType: 'RANGE' as const }];
  await admin.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      KeySchema: keys(''),
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: keys('gsi1'), Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  admin.destroy();
}

async function main(): Promise<number> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } };
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => {
    console.log(`${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    await createTable(config);
    const service = new RoleService(new RoleRepository(createDocumentClient(config)));
    await service.assign(DEVUS, { id: 'r1', email: 'ada@example.com', role: 'tester' });
    await service.assign(PRODUS, { id: 'r2', email: 'ada@example.com', role: 'admin' });
    const dev = await service.rolesOf(DEVUS, 'ada@example.com');
    expect(dev.length === 1 && dev[0].role === 'tester', `DEVUS sees only its own role through gsi1: ${JSON.stringify(dev.map((r) => r.role))}`);
    const prod = await service.rolesOf(PRODUS, 'ada@example.com');
    expect(prod.length === 1 && prod[0].role === 'admin', `PRODUS sees only its own role through gsi1: ${JSON.stringify(prod.map((r) => r.role))}`);
    // capsule-guard-ignore capsule-guard/isolated-key-literals -- a forged key of another capsule, to show the guard refusing it
    const refusal = await service.roleByKey(PRODUS, 'TENANT#acme#CAPSULE#DEVUS#ROLE#r1').then(
      (item) => `it returned ${JSON.stringify(item)}`,
      (error: unknown) => (error instanceof CapsuleIsolationError ? error.message : `it failed otherwise: ${String(error)}`),
    );
    expect(refusal.startsWith('capsule-guard refused'), `PRODUS reading a DEVUS key is refused before it is sent:\n    ${refusal}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
