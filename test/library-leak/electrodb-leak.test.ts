import { Service } from 'electrodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTables, startDynalite, type TestServer } from '../../packages/dynamodb/src/test-support/dynalite';
import * as clean from '../../examples/electrodb/clean/src/model';
import * as leaky from '../../examples/electrodb/leaky/src/model';

/**
 * The leak capsule-guard reports in examples/electrodb/leaky is real: against a DynamoDB-compatible
 * server, the leaky line item's query for one capsule returns another capsule's item, while the
 * checked model's query returns only its own. Each model writes to a table of its own.
 */

const DEVUS = { tenantId: 'acme', capsuleId: 'DEVUS' };
const PRODUS = { tenantId: 'acme', capsuleId: 'PRODUS' };

let server: TestServer;
beforeAll(async () => {
  server = await startDynalite();
  await createTables(server, 'clean_data', 'leaky_data');
});
afterAll(async () => {
  await server?.close();
});

/**
 * The examples' LineItem is bound to the server and a table of its own, as an application would
 * bind it; each model is bound where it is used, since ElectroDB's query methods of a union of the
 * two entities have no common signature.
 */
const on = (table: string) => ({ client: server.documentClient(), table });

describe('ElectroDB line items, written in one capsule and queried from another', () => {
  it('leaky: the query of the PRODUS capsule returns the DEVUS test item', async () => {
    const items = new Service({ lineItem: leaky.LineItem }, on('leaky_data')).entities.lineItem;
    await items.put({ ...DEVUS, contractId: 'c-1', id: 'test-line', amount: 1 }).go();
    // The leaky key has no capsule, so the query cannot even say which capsule it is for.
    const { data } = await items.query.byContract({ tenantId: PRODUS.tenantId, contractId: 'c-1' }).go();
    expect(data.map((item) => [item.capsuleId, item.id])).toEqual([['DEVUS', 'test-line']]);
  });

  it('clean: the query of the PRODUS capsule returns nothing of DEVUS, and DEVUS still finds its own', async () => {
    const items = new Service({ lineItem: clean.LineItem }, on('clean_data')).entities.lineItem;
    await items.put({ ...DEVUS, contractId: 'c-1', id: 'test-line', amount: 1 }).go();
    const fromProdus = await items.query.byContract({ ...PRODUS, contractId: 'c-1' }).go();
    expect(fromProdus.data).toEqual([]);
    const fromDevus = await items.query.byContract({ ...DEVUS, contractId: 'c-1' }).go();
    expect(fromDevus.data.map((item) => [item.capsuleId, item.id])).toEqual([['DEVUS', 'test-line']]);
  });
});
