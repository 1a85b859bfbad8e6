import { Body, Controller, Delete, Get, Module, Param, Post, Query } from '@nestjs/common';

const CONTRACTS = 'tenants/:tenantId/capsules/:capsuleId/contracts';

class CreateLineItemDto {
  sku!: string;
  amount!: number;
}

@Controller(CONTRACTS)
export class ContractsController {
  // LEAK: the capsule is never read from the path, so the search runs across every capsule of the tenant.
  @Get()
  search(@Param('tenantId') tenantId: string, @Query('status') status?: string, @Query('status') state?: string) {
    return { tenantId, status, state };
  }

  // LEAK: 'contractID' is not ':contractId' (names are case-sensitive): it is always undefined.
  @Get(':contractId')
  find(@Param('tenantId') tenantId: string, @Param('capsuleId') capsuleId: string, @Param('contractID') contractId: string) {
    return { tenantId, capsuleId, contractId };
  }

  // LEAK: 'page' has no decorator, so NestJS passes undefined for it.
  @Get(':contractId/line-items')
  lineItems(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('contractId') contractId: string,
    page: string,
  ) {
    return { tenantId, capsuleId, contractId, page };
  }

  // LEAK: Express reads ':line-item-id' as ':line' followed by '-item-id', so @Param('line-item-id') is undefined.
  @Delete(':contractId/line-items/:line-item-id')
  removeLineItem(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('contractId') contractId: string,
    @Param('line-item-id') lineItemId: string,
  ) {
    return { tenantId, capsuleId, contractId, lineItemId };
  }

  // LEAK: the tenant is read from the query string as well as the path: a caller can name another tenant.
  @Post(':contractId/line-items')
  addLineItem(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('contractId') contractId: string,
    @Query('tenantId') requestedTenant: string,
    @Body() item: CreateLineItemDto,
  ) {
    return { tenantId, capsuleId, contractId, requestedTenant, item };
  }
}

@Module({ controllers: [ContractsController] })
export class ContractsModule {}
