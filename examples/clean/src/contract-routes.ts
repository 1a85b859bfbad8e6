import { apiEndpoint } from '@capsule-guard/core';
import type { ContractEntity, ContractStatus } from './contracts';
import type { CapsuleId, ContractId, CustomerId, PrincipalId, TenantId } from './ids';

/** Who is calling and in which tenant and capsule; filled in by the router, never by the client. */
export interface RequestContext {
  tenantId: TenantId;
  capsuleId: CapsuleId;
  principalId: PrincipalId;
}

export interface ContractQuery {
  status?: ContractStatus;
  limit?: number;
}

export interface AmendmentInput {
  effectiveDate: string;
  summary: string;
}

/** Persistence, already scoped by the request context it is handed. */
export interface ContractStore {
  listByCustomer(request: RequestContext, customerId: CustomerId, query: ContractQuery): Promise<ContractEntity[]>;
  amend(request: RequestContext, contractId: ContractId, amendment: AmendmentInput): Promise<void>;
}

// Every route names where each parameter comes from: nothing is inferred from the path.
export class ContractRoutes {
  constructor(private readonly store: ContractStore) {}

  @apiEndpoint({
    path: '/customers/{customerId}/contracts',
    method: 'GET',
    permission: 'revenue.contract.read',
    pathParams: ['customerId'],
    queryParams: ['query'],
  })
  listCustomerContracts(request: RequestContext, customerId: CustomerId, query: ContractQuery) {
    return this.store.listByCustomer(request, customerId, query);
  }

  @apiEndpoint({
    path: '/contracts/:contractId/amendments',
    method: 'POST',
    permission: 'revenue.contract.amend',
    pathParams: ['contractId'],
    queryParams: [],
    body: 'amendment',
  })
  amendContract(request: RequestContext, contractId: ContractId, amendment: AmendmentInput) {
    return this.store.amend(request, contractId, amendment);
  }
}
