import { Body, Controller, Delete, Get, Path, Post, Query, Route } from 'tsoa';

interface LineItemInput {
  sku: string;
  amount: number;
}

@Route('tenants/{tenantId}/capsules/{capsuleId}/contracts')
export class ContractsController extends Controller {
  // LEAK: 'capsuleId' has no decorator: tsoa infers it is the path parameter, the very inference
  // that once documented a query object as a path parameter.
  @Get()
  public async search(@Path() tenantId: string, capsuleId: string, @Query() status?: string): Promise<object> {
    return { tenantId, capsuleId, status };
  }

  // LEAK: the capsule placeholder is never read, so the lookup is not confined to the caller's capsule.
  @Get('{contractId}')
  public async find(@Path() tenantId: string, @Path() contractId: string): Promise<object> {
    return { tenantId, contractId };
  }

  // LEAK: @Path('contractID') names no placeholder (names are case-sensitive).
  @Get('{contractId}/line-items')
  public async lineItems(@Path() tenantId: string, @Path() capsuleId: string, @Path('contractID') contractId: string): Promise<object> {
    return { tenantId, capsuleId, contractId };
  }

  // LEAK: the tenant is read from the query string as well as the path.
  @Post('{contractId}/line-items')
  public async addLineItem(
    @Path() tenantId: string,
    @Path() capsuleId: string,
    @Path() contractId: string,
    @Query('tenantId') requestedTenant: string,
    @Body() item: LineItemInput,
  ): Promise<object> {
    return { tenantId, capsuleId, contractId, requestedTenant, ...item };
  }

  // LEAK: the placeholder is declared twice; which value the handler gets depends on the router.
  @Delete('{contractId}/line-items/{contractId}')
  public async removeLineItem(@Path() tenantId: string, @Path() capsuleId: string, @Path() contractId: string): Promise<void> {
    void [tenantId, capsuleId, contractId];
  }
}
