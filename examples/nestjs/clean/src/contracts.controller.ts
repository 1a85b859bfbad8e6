import { Body, Controller, Delete, Get, Module, Param, Post, Query } from '@nestjs/common';

/** Every contract route is scoped by tenant and capsule, both taken from the path. */
const CONTRACTS = 'tenants/:tenantId/capsules/:capsuleId/contracts';

/** The path parameters of one contract, read as one object: its properties match the placeholders. */
interface ContractPath {
  tenantId: string;
  capsuleId: string;
  contractId: string;
}

class CreateLineItemDto {
  sku!: string;
  amount!: number;
}

@Controller(CONTRACTS)
export class ContractsController {
  /** GET …/contracts?status=active&customer=acme */
  @Get()
  search(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Query('status') status?: string,
    @Query('customer') customer?: string,
  ) {
    return { tenantId, capsuleId, status, customer };
  }

  @Get(':contractId')
  find(@Param() path: ContractPath) {
    return path;
  }

  @Get(':contractId/line-items')
  lineItems(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('contractId') contractId: string,
    @Query('page') page?: string,
  ) {
    return { tenantId, capsuleId, contractId, page };
  }

  @Post(':contractId/line-items')
  addLineItem(@Param() path: ContractPath, @Body() item: CreateLineItemDto) {
    return { ...path, ...item };
  }

  @Delete(':contractId/line-items/:lineItemId')
  removeLineItem(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('contractId') contractId: string,
    @Param('lineItemId') lineItemId: string,
  ) {
    return { tenantId, capsuleId, contractId, lineItemId };
  }
}

@Module({ controllers: [ContractsController] })
export class ContractsModule {}
