import { apiEndpoint } from '@capsule-guard/core';
import type { ContractId, CustomerId } from './ids';

export interface ContractQuery {
  status?: string;
  limit?: number;
}

export class ContractRoutes {
  // LEAK (shipped): the query object is declared as a path parameter. The path has no {query},
  // so a router that trusts pathParams reads it from the wrong place (or not at all).
  @apiEndpoint({
    path: '/customers/{customerId}/contracts',
    method: 'GET',
    pathParams: ['customerId', 'query'],
    queryParams: [],
  })
  listCustomerContracts(customerId: CustomerId, query: ContractQuery): string {
    return `${customerId}?${JSON.stringify(query)}`;
  }

  // LEAK: a parameter was added to the handler but not to the route, so where it comes from is
  // left to inference again.
  @apiEndpoint({
    path: '/contracts/{contractId}',
    method: 'GET',
    pathParams: ['contractId'],
    queryParams: [],
  })
  getContract(contractId: ContractId, includeLines: boolean): string {
    return includeLines ? `${contractId}+lines` : contractId;
  }

  // LEAK: the same name in both lists. Half the routing layer reads contractId from the path,
  // the other half from the query string, so a request can name one contract and touch another.
  @apiEndpoint({
    path: '/contracts/{contractId}/amendments',
    method: 'GET',
    pathParams: ['contractId'],
    queryParams: ['contractId'],
  })
  listAmendments(contractId: ContractId): string {
    return `${contractId}/amendments`;
  }
}
