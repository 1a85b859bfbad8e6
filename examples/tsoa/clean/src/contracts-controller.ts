import { Body, Controller, Delete, Get, Path, Post, Queries, Query, Route } from 'tsoa';

interface ContractSearch {
  status?: string;
  customer?: string;
}

interface LineItemInput {
  sku: string;
  amount: number;
}

/** Every contract route is scoped by tenant and capsule, both taken from the path. */
@Route('tenants/{tenantId}/capsules/{capsuleId}/contracts')
export class ContractsController extends Controller {
  /** GET …/contracts?status=active&customer=acme */
  @Get()
  public async search(@Path() tenantId: string, @Path() capsuleId: string, @Queries() filter: ContractSearch): Promise<object> {
    return { tenantId, capsuleId, ...filter };
  }

  @Get('{contractId}')
  public async find(@Path() tenantId: string, @Path() capsuleId: string, @Path() contractId: string): Promise<object> {
    return { tenantId, capsuleId, contractId };
  }

  @Get('{contractId}/line-items')
  public async lineItems(
    @Path() tenantId: string,
    @Path() capsuleId: string,
    @Path() contractId: string,
    @Query() page?: number,
  ): Promise<object> {
    return { tenantId, capsuleId, contractId, page };
  }

  @Post('{contractId}/line-items')
  public async addLineItem(
    @Path() tenantId: string,
    @Path() capsuleId: string,
    @Path('contractId') contract: string,
    @Body() item: LineItemInput,
  ): Promise<object> {
    return { tenantId, capsuleId, contract, ...item };
  }

  @Delete('{contractId}/line-items/{lineItemId}')
  public async removeLineItem(@Path() tenantId: string, @Path() capsuleId: string, @Path() contractId: string, @Path() lineItemId: string): Promise<void> {
    void [tenantId, capsuleId, contractId, lineItemId];
  }
}
