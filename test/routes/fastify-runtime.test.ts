import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp as buildClean } from '../../examples/fastify/clean/src/app';
import { buildApp as buildLeaky } from '../../examples/fastify/leaky/src/app';

/**
 * The bugs explicit-route-params reports in examples/fastify/leaky, seen at run time on the real
 * server, listening on 127.0.0.1. Where the schema names a parameter the URL does not have, the
 * handler's types call it a string and it arrives undefined (or, when the schema requires it,
 * the route refuses every request). The clean routes receive every parameter.
 */

const CONTRACT = '/tenants/acme/capsules/PRODUS/contracts/c-42';
const LINE_ITEM = `${CONTRACT}/line-items/li-7`;

const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function request(app: FastifyInstance, method: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  servers.push(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const response = await fetch(`${address}${path}`, { method });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('contract requests to the real Fastify server', () => {
  it('reach the clean routes with every path parameter', async () => {
    expect(await request(buildClean(), 'GET', CONTRACT)).toEqual({ status: 200, body: { tenantId: 'acme', capsuleId: 'PRODUS', contractId: 'c-42' } });
    expect(await request(buildClean(), 'DELETE', LINE_ITEM)).toEqual({ status: 200, body: { removed: 'li-7' } });
  });

  it("reach the leaky line-item route with its id undefined: the schema's 'lineItem' is never filled", async () => {
    const { status, body } = await request(buildLeaky(), 'DELETE', LINE_ITEM);
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(body.removed).toBeUndefined();
  });

  it("are all refused by the leaky contract route, whose schema requires a 'contract' the URL never has", async () => {
    const { status, body } = await request(buildLeaky(), 'GET', CONTRACT);
    expect(status).toBe(400);
    expect(body.message).toBe("params must have required property 'contract'");
  });

  it('let the leaky search take the tenant from the query string over the path', async () => {
    const { body } = await request(buildLeaky(), 'GET', '/tenants/acme/capsules/PRODUS/contracts?tenantId=globex');
    expect(body.tenantId).toBe('globex');
  });
});
