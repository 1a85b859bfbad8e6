import Fastify, { type FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';

const CONTRACT = '/tenants/:tenantId/capsules/:capsuleId/contracts/:contractId';

const CapsulePath = Type.Object({ tenantId: Type.String(), capsuleId: Type.String() });
// LEAK: 'contract' is no placeholder of the URL (which has ':contractId'). The handler's types say
// request.params.contract is a string; at run time it never arrives, and since TypeBox makes it
// required, every request to the route is refused with 400.
const ContractPath = Type.Object({ tenantId: Type.String(), capsuleId: Type.String(), contract: Type.String() });
const ContractSearch = Type.Object({ tenantId: Type.Optional(Type.String()), status: Type.Optional(Type.String()) });

export function buildApp(): FastifyInstance {
  const app = Fastify();
  contractRoutes(app);
  return app;
}

export function contractRoutes(app: FastifyInstance): void {
  // LEAK: 'tenantId' is also accepted from the query string, so a caller can name another tenant.
  app.get<{ Params: Static<typeof CapsulePath>; Querystring: Static<typeof ContractSearch> }>(
    '/tenants/:tenantId/capsules/:capsuleId/contracts',
    { schema: { params: CapsulePath, querystring: ContractSearch } },
    async (request) => ({ ...request.params, ...request.query }),
  );

  app.get<{ Params: Static<typeof ContractPath> }>(CONTRACT, { schema: { params: ContractPath } }, async (request) => ({
    tenantId: request.params.tenantId,
    capsuleId: request.params.capsuleId,
    contractId: request.params.contract,
  }));

  // LEAK: no schema.params at all: tenant and capsule are neither validated nor typed.
  app.get(`${CONTRACT}/line-items`, async (request) => ({ ...(request.params as object), items: [] }));

  // LEAK: the JSON schema lists 'lineItem', the URL ':lineItemId': request.params.lineItem is undefined.
  app.route<{ Params: { tenantId: string; capsuleId: string; contractId: string; lineItem: string } }>({
    method: 'DELETE',
    url: '/tenants/:tenantId/capsules/:capsuleId/contracts/:contractId/line-items/:lineItemId',
    schema: {
      params: {
        type: 'object',
        properties: { tenantId: { type: 'string' }, capsuleId: { type: 'string' }, contractId: { type: 'string' }, lineItem: { type: 'string' } },
      },
    },
    handler: async (request) => ({ removed: request.params.lineItem }),
  });
}
