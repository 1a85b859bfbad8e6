import Fastify, { type FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';

const CONTRACT = '/tenants/:tenantId/capsules/:capsuleId/contracts/:contractId';

/** Tenant and capsule come from the path of every contract route; the schema says so, and validates them. */
const CapsulePath = Type.Object({ tenantId: Type.String(), capsuleId: Type.String() });
const ContractPath = Type.Object({ tenantId: Type.String(), capsuleId: Type.String(), contractId: Type.String() });
const LineItemPath = Type.Object({ tenantId: Type.String(), capsuleId: Type.String(), contractId: Type.String(), lineItemId: Type.String() });
const ContractSearch = Type.Object({ status: Type.Optional(Type.String()), customer: Type.Optional(Type.String()) });

export function buildApp(): FastifyInstance {
  const app = Fastify();
  contractRoutes(app);
  return app;
}

export function contractRoutes(app: FastifyInstance): void {
  /** GET …/contracts?status=active&customer=acme */
  app.get<{ Params: Static<typeof CapsulePath>; Querystring: Static<typeof ContractSearch> }>(
    '/tenants/:tenantId/capsules/:capsuleId/contracts',
    { schema: { params: CapsulePath, querystring: ContractSearch } },
    async (request) => ({ ...request.params, ...request.query }),
  );

  app.get<{ Params: Static<typeof ContractPath> }>(CONTRACT, { schema: { params: ContractPath } }, async (request) => ({
    tenantId: request.params.tenantId,
    capsuleId: request.params.capsuleId,
    contractId: request.params.contractId,
  }));

  app.get<{ Params: Static<typeof ContractPath> }>(`${CONTRACT}/line-items`, { schema: { params: ContractPath } }, async (request) => ({
    ...request.params,
    items: [],
  }));

  app.route<{ Params: Static<typeof LineItemPath> }>({
    method: 'DELETE',
    url: '/tenants/:tenantId/capsules/:capsuleId/contracts/:contractId/line-items/:lineItemId',
    schema: {
      params: {
        type: 'object',
        properties: { tenantId: { type: 'string' }, capsuleId: { type: 'string' }, contractId: { type: 'string' }, lineItemId: { type: 'string' } },
        required: ['tenantId', 'capsuleId', 'contractId', 'lineItemId'],
      },
    },
    handler: async (request) => ({ removed: request.params.lineItemId }),
  });
}
