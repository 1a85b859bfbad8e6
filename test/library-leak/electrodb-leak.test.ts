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

/** The examples' LineItem, bound to the server and a table of its own, as an application would bind it. */
function lineItems(model: typeof clean | typeof leaky, table: string) {
  return new Service({ lineItem: model.LineItem }, { client: server.documentClient(), table }).entities.lineItem;
}

describe('ElectroDB line items, written in one capsule and queried from another', () => {
  it('leaky: the query of the PRODUS capsule returns the DEVUS test item', async () => {
    const items = lineItems(leaky, 'leaky_data');
    await items.put({ ...DEVUS, contractId: 'c-1', id: 'test-line', amount: 1 }).go();
    // The leaky key has no capsule, so the query cannot even say which capsule it is for.
    const { data } = await items.query.byContract({ tenantId: PRODUS.tenantId, contractId: 'c-1' }).go();
    expect(data.map((item) => [item.capsuleId, item.id])).toEqual([['DEVUS', 'test-line']]);
  });

  it('clean: the query of the PRODUS capsule returns nothing of DEVUS, and DEVUS still finds its own', async () => {
    const items = lineItems(clean, 'clean_data');
    await items.put({ ...DEVUS, contractId: 'c-1', id: 'test-line', amount: 1 }).go();
    const fromProdus = await items.query.byContract({ ...PRODUS, contractId: 'c-1' }).go();
    expect(fromProdus.data).toEqual([]);
    const fromDevus = await items.query.byContract({ ...DEVUS, contractId: 'c-1' }).go();
    expect(fromDevus.data.map((item) => [item.capsuleId, item.id])).toEqual([['DEVUS', 'test-line']]);
  });
});
