import { describe, expect, it } from 'vitest';
import { checkCode } from '../testing/check-code';
import { checkRoutes, checkRoutesTyped, found, located } from '../testing/check-routes';

const IMPORT = "import { Controller, Get, Post, Param, Query, HostParam, RequestMapping, RequestMethod, Version } from '@nestjs/common';";

describe('@RequestMapping on handlers', () => {
  it('reads its path and method, defaulting to GET', () => {
    const code = `${IMPORT}
@Controller('tenants/:tenantId')
class C {
  @RequestMapping({ path: 'contracts/:contractId', method: RequestMethod.POST })
  create(@Param('tenantId') tenantId: string) {}
  @RequestMapping({ path: [':id', 'by-id/:id'] })
  find(@Param('tenantId') tenantId: string, @Param('id') id: string) {}
  @RequestMapping()
  list(@Param('tenantId') tenantId: string, @Param('page') page: string) {}
}
`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'contracts/:contractId'"), found(code, 'bindingNotInPath', "'page'")]);
    expect(findings[0].message).toContain('Route POST /tenants/:tenantId/contracts/:contractId:');
    expect(findings[1].message).toContain('Route GET /tenants/:tenantId:');
  });

  it('reports a path that cannot be read', () => {
    const code = `${IMPORT}\ndeclare function path(): string;\n@Controller()\nclass C { @RequestMapping({ path: path() }) find() {} }\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'unverifiableRoutePart', 'path()', 1)]);
  });
});

describe('@Controller({ host }) and @HostParam', () => {
  const controller = (options: string, parameters: string) => `${IMPORT}
@Controller(${options})
class AccountsController {
  @Get(':id')
  @Version('2')
  find(${parameters}) {}
}
`;

  it.each([
    ['a host parameter read with @HostParam', "{ path: 'contracts', host: ':account.example.com', version: '1' }", "@HostParam('account') account: string, @Param('id') id: string"],
    ['a host parameter left unread', "{ path: 'contracts', host: ':account.example.com' }", "@Param('id') id: string"],
    ['hosts in a list and options in a const', 'OPTIONS', "@HostParam('account') account: string, @Param('id') id: string"],
  ])('accepts %s', (_, options, parameters) => {
    const code = controller(options, parameters).replace('@Controller(OPTIONS)', "const OPTIONS = { host: [':account.example.com', ':account.example.org'] } as const;\n@Controller(OPTIONS)");
    expect(checkRoutes(code)).toEqual([]);
  });

  it('reports @HostParam naming no host placeholder, and host parameters read as path ones', () => {
    const code = controller("{ path: 'contracts', host: [':account.example.com', 'admin.example.com'] }", "@HostParam('account') account: string, @HostParam('region') region: string, @Param('account') a: string, @Param('id') id: string");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'bindingNotInHost', "'account'"),
      found(code, 'bindingNotInHost', "'region'"),
      found(code, 'bindingNotInHost', "'region'"),
      found(code, 'bindingNotInPath', "'account'", 1),
    ]);
    expect(findings[0].message).toBe(
      "Route GET /contracts/:id: @HostParam('account') names no parameter of the controller's host 'admin.example.com', so it is always undefined. Add ':account' to the host in @Controller({ host }), or read it with @Param('account') if it comes from the path.",
    );
    expect(findings[3].message).toContain("@Param('account') names no parameter of the path '/contracts/:id', so it is always undefined. ':account' is a parameter of the controller's host: read it with @HostParam('account').");
  });

  it('reports @HostParam on a controller without a host', () => {
    const code = controller("'contracts'", "@HostParam('account') account: string, @Param('id') id: string");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInHost', "'account'")]);
    expect(findings[0].message).toContain("names no parameter of the controller's host (the controller declares none)");
  });
});

describe('handlers inherited from a base class', () => {
  const BASE = `export abstract class CrudController {
  @Get(':id')
  find(@Param('tenantId') tenantId: string, @Param('id') id: string) {}
}
`;

  it('accepts a controller whose path holds what the inherited handlers read, and does not report the base alone', () => {
    const code = `${IMPORT}\n${BASE}@Controller('tenants/:tenantId/contracts')\nexport class ContractsController extends CrudController {}\n`;
    expect(checkRoutes(code)).toEqual([]);
  });

  it("reports on each controller's path what it lacks or adds for the inherited handler", () => {
    const code = `${IMPORT}
${BASE}@Controller('contracts')
export class ContractsController extends CrudController {}
@Controller('tenants/:tenantId/capsules/:capsuleId/items')
export class ItemsController extends CrudController {}
@Controller('tenants/:tenantId/other')
export class OtherController extends CrudController {
  find() {}
}
`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInPath', "'contracts'"), found(code, 'placeholderNotBound', "'tenants/:tenantId/capsules/:capsuleId/items'")]);
    expect(findings.map((f) => f.message)).toEqual([
      "Route GET /contracts/:id (CrudController.find, inherited by ContractsController): @Param('tenantId') names no parameter of the path '/contracts/:id', so it is always undefined. If it comes from the query string, read it with @Query('tenantId'); otherwise add ':tenantId' to the path.",
      "Route GET /tenants/:tenantId/capsules/:capsuleId/items/:id (CrudController.find, inherited by ItemsController): path parameter ':capsuleId' is read by nothing, so the handler never receives 'capsuleId'. Add a handler parameter @Param('capsuleId') capsuleId: string.",
    ]);
    expect(findings.every((f) => f.suggestions.length === 0)).toBe(true);
  });

  it('checks a handler the controller declares again as its own, and reports on a controller without a path on its decorator', () => {
    const code = `${IMPORT}
${BASE}@Controller('tenants/:tenantId/archive')
export class ArchiveController extends CrudController {
  @Get(':id')
  find(@Param('tenantId') tenantId: string, @Param('id') id: string, @Param('extra') extra: string) {}
}
@Controller()
export class RootController extends CrudController {}
`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInPath', "'extra'"), found(code, 'bindingNotInPath', '@Controller()')]);
    expect(findings[1].message).toContain('Route GET /:id (CrudController.find, inherited by RootController): @Param(\'tenantId\') names no parameter');
  });

  it('still reports at the base what concerns the handler alone', () => {
    const code = `${IMPORT}\nabstract class Base {\n  @Get(':id')\n  find(@Param('tenantId') tenantId: string, loose: string) {}\n}\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "':id'"), found(code, 'unsourcedParameter', 'loose')]);
  });

  it('follows a chain of bases and, with type information, a base in another module', () => {
    const code = `${IMPORT}
import { CrudController } from './crud';
abstract class Middle extends CrudController {}
@Controller('contracts')
export class ContractsController extends Middle {}
`;
    const typed = checkRoutesTyped(code, { 'crud.ts': `import { Get, Param } from '@nestjs/common';\n${BASE}` });
    expect(located(typed)).toEqual([found(code, 'bindingNotInPath', "'contracts'")]);
  });

  it('needs type information for a base class imported from another module', () => {
    const code = `${IMPORT}\nimport { CrudController } from './crud';\n@Controller('contracts')\nexport class ContractsController extends CrudController {}\n`;
    const findings = checkCode(code);
    expect(located(findings)).toEqual([found(code, 'needsTypeInformation', 'CrudController', 1)]);
    expect(findings[0].message).toContain("the handlers ContractsController inherits from 'CrudController' was not checked");
    expect(checkRoutesTyped(code, { 'crud.ts': 'export class CrudController {}' })).toEqual([]);
  });
});
