import { describe, expect, it } from 'vitest';
import { checkCode } from '../testing/check-code';
import { checkRoutes, checkRoutesTyped, found, located } from '../testing/check-routes';

const IMPORT = "import { Controller, Get, Post, Put, Delete, All, Param, Query, Body, Req, createParamDecorator, ParseIntPipe } from '@nestjs/common';";

/** A controller with one handler: the class path, the method decorator and the parameter list. */
const controller = (prefix: string, route: string, parameters: string, before = '') => `${IMPORT}
${before}
@Controller(${prefix})
export class ContractsController {
  @${route}
  handle(${parameters}) {}
}
`;

describe('NestJS routes that bind every parameter', () => {
  it.each([
    ['the contract route', "'tenants/:tenantId/capsules/:capsuleId'", "Get('contracts/:contractId')", "@Param('tenantId') tenantId: string, @Param('capsuleId') capsuleId: string, @Param('contractId') contractId: string"],
    ['a path array on the controller', "['v1/tenants/:tenantId', 'v2/tenants/:tenantId']", 'Get()', "@Param('tenantId') tenantId: string"],
    ['{ path } options', "{ path: 'tenants/:tenantId', host: ':account.example.com' }", "Post('items')", "@Param('tenantId') tenantId: string, @Body() item: unknown"],
    ['no controller path', '', "Get(':id')", "@Param('id', ParseIntPipe) id: number"],
    ['a whole-object @Param() with an inline type', "'tenants/:tenantId'", "Get(':id')", '@Param() params: { tenantId: string; id: string }'],
    ['a whole-object @Param() of a local interface', "'tenants/:tenantId'", "Get(':id')", '@Param() params: Params', 'interface Params { tenantId: string; id: string }'],
    ['a @Param(pipe) object', "'t/:tenantId'", 'Get()', '@Param(new ParseIntPipe()) params: { tenantId: string }'],
    ['query keys, a dto and a request', "'search'", 'Get()', "@Query('q') q: string, @Query() page: { size: number }, @Req() request: unknown"],
    ['a custom parameter decorator', "'me'", 'Get()', '@CurrentUser() user: string', 'const CurrentUser = createParamDecorator((data, context) => context);'],
    ['Express 5 optional groups and splats', "'files'", "Get('{:folder/}*path')", "@Param('folder') folder: string, @Param('path') path: string[]"],
    ['Express 4 optional and regex parameters', "'files'", "Get(':id(\\\\d+)/:format?')", "@Param('id') id: string, @Param('format') format: string"],
    ['a bare wildcard', "'static'", "Get('*')", '@Req() request: unknown'],
    ['paths in consts', 'BASE', 'Get(BY_ID)', "@Param('tenantId') tenantId: string, @Param('id') id: string", "const BASE = 'tenants/:tenantId';\nconst BY_ID = ':' + 'id';"],
    ['two verbs on one handler', "'items'", "Put(':id')\n  @Post(':id')", "@Param('id') id: string"],
  ])('accepts %s', (_, prefix, route, parameters, before = '') => {
    expect(checkRoutes(controller(prefix, route, parameters, before))).toEqual([]);
  });

  it('does not check look-alike decorators from another module', () => {
    const code = `import { Controller, Get, Param } from './my-router';
@Controller('tenants/:tenantId')
class C { @Get(':id') find(@Param('nope') x: string, loose: string) {} }
`;
    expect(checkRoutes(code, { 'my-router.ts': 'export declare const Controller: any, Get: any, Param: any;' })).toEqual([]);
  });
});

describe('placeholderNotBound', () => {
  it('reports each placeholder no @Param reads, on the path that holds it, with the parameter to add', () => {
    const code = controller("'tenants/:tenantId/capsules/:capsuleId'", "Get('contracts/:contractId')", "@Param('tenantId') tenantId: string");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'placeholderNotBound', "'tenants/:tenantId/capsules/:capsuleId'"),
      found(code, 'placeholderNotBound', "'contracts/:contractId'"),
    ]);
    expect(findings[1].message).toBe(
      "Route GET /tenants/:tenantId/capsules/:capsuleId/contracts/:contractId: path parameter ':contractId' is read by nothing, so the handler never receives 'contractId'. Add a handler parameter @Param('contractId') contractId: string.",
    );
    expect(findings[1].suggestions[0].edits).toEqual([{ start: code.indexOf('tenantId: string') + 'tenantId: string'.length, end: code.indexOf('tenantId: string') + 'tenantId: string'.length, text: ", @Param('contractId') contractId: string" }]);
  });

  it('reports a placeholder a whole-object @Param() type lacks', () => {
    const code = controller("'tenants/:tenantId'", "Get(':id')", '@Param() params: { tenantId: string }');
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "':id'")]);
  });

  it('suggests the parameter through a namespace import and for a handler without parameters', () => {
    const code = `import * as nest from '@nestjs/common';
@nest.Controller('tenants/:tenantId')
class C { @nest.Get() list() {} }
`;
    const [finding] = checkRoutes(code);
    expect(finding.messageId).toBe('placeholderNotBound');
    expect(finding.suggestions[0].edits[0].text).toBe("@nest.Param('tenantId') tenantId: string");
  });

  it('suggests a camel-cased parameter for an Express 5 quoted name', () => {
    const code = controller("'orders'", `Get(':"order-id"')`, '');
    expect(checkRoutes(code)[0].message).toContain("@Param('order-id') orderId: string");
  });
});

describe('bindingNotInPath', () => {
  it('reports @Param naming no placeholder, and a near miss with a rename', () => {
    const code = controller("'tenants/:tenantId'", "Get(':contractId')", "@Param('tenantId') t: string, @Param('contractID') c: string, @Param('page') p: string");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'placeholderNotBound', "':contractId'"),
      found(code, 'bindingNotInPath', "'contractID'"),
      found(code, 'bindingNotInPath', "'page'"),
    ]);
    expect(findings[1].message).toContain("Did you mean 'contractId'?");
    expect(findings[1].suggestions[0].edits[0].text).toBe("'contractId'");
    expect(findings[2].message).toBe(
      "Route GET /tenants/:tenantId/:contractId: @Param('page') names no parameter of the path '/tenants/:tenantId/:contractId', so it is always undefined. If it comes from the query string, read it with @Query('page'); otherwise add ':page' to the path.",
    );
  });

  it('reports a hyphenated parameter Express splits at the hyphen', () => {
    const code = controller("'contracts'", "Get(':contract-id')", "@Param('contract-id') id: string");
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "':contract-id'"), found(code, 'bindingNotInPath', "'contract-id'")]);
  });

  it('reports a property of a whole-object @Param() type that the path lacks, on the parameter', () => {
    const code = controller("'tenants/:tenantId'", 'Get()', '@Param() params: { tenantId: string; contractId: string }');
    expect(located(checkRoutes(code))).toEqual([found(code, 'bindingNotInPath', 'params')]);
  });
});

describe('duplicatePlaceholder, duplicateBinding and pathAndQuery', () => {
  it('reports a placeholder twice across the controller and the method path', () => {
    const code = controller("'tenants/:id'", "Get('contracts/:id')", "@Param('id') id: string");
    expect(located(checkRoutes(code))).toEqual([found(code, 'duplicatePlaceholder', "'contracts/:id'")]);
  });

  it('reports @Param and @Query read twice, and a key in @Query and a @Query() dto', () => {
    const code = controller("'t/:id'", 'Get()', "@Param('id') a: string, @Param('id') b: string, @Query('q') q: string, @Query() dto: { q: string; page: number }, @Query('id') id2: string");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'duplicateBinding', "'id'", 1),
      found(code, 'duplicateBinding', 'dto'),
      found(code, 'pathAndQuery', "'id'", 2),
    ]);
    expect(findings[1].message).toBe(
      "Route GET /t/:id: 'q' of @Query() dto: { q: string; page: number } reads 'q', which @Query('q') already reads. A parameter is read once: remove one of them.",
    );
  });
});

describe('unsourcedParameter', () => {
  it('reports an undecorated parameter with the decorator to add', () => {
    const code = controller("'tenants/:tenantId'", 'Get()', "@Param('tenantId') tenantId: string, owner: string, page: number");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'unsourcedParameter', 'owner'), found(code, 'unsourcedParameter', 'page')]);
    expect(findings[1].message).toBe(
      "Handler ContractsController.handle: parameter 'page' has no parameter decorator, so NestJS passes undefined for it at run time. Say where it comes from: @Query('page'), @Body() or another parameter decorator.",
    );
    expect(findings[1].suggestions[0].edits[0].text).toBe("@Query('page') ");
  });

  it('suggests @Param for an undecorated parameter named like a placeholder', () => {
    const code = controller("'tenants'", "Delete(':id')", 'id: string');
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "':id'"), found(code, 'unsourcedParameter', 'id: string')].map(([rule, id, line, column]) => [rule, id, line, column, id === 'unsourcedParameter' ? 'id' : "':id'"]));
    expect(findings[1].suggestions[0].description).toBe("Add @Param('id')");
  });
});

describe('paths that cannot be read', () => {
  it.each([
    ['a path from a call', 'makePath()', 'unverifiableRoutePart', 'makePath()'],
    ['a path in a let', 'path', 'unverifiableRoutePart', 'path'],
    ['an unclosed group', "'files{/:id'", 'malformedPath', "'files{/:id'"],
    ['a colon without a name', "'files/:'", 'malformedPath', "'files/:'"],
  ])('reports %s', (_, prefix, messageId, text) => {
    const code = controller(prefix, 'All()', '@Req() r: unknown', 'declare function makePath(): string;\nlet path = "x";');
    expect(located(checkRoutes(code))).toEqual([found(code, messageId, text, text === 'path' || text === 'makePath()' ? 1 : 0)]);
  });

  it('needs type information for an imported path const, and reads it with type information', () => {
    const code = `import { Controller, Get, Param } from '@nestjs/common';
import { BASE } from './paths';
@Controller(BASE)
class C { @Get() list(@Param('tenantId') tenantId: string) {} }
`;
    const files = { 'paths.ts': "export const BASE = 'tenants/:tenantId';" };
    expect(located(checkRoutesTyped(code, files))).toEqual([]);
  });

  it('reports a whole-object @Param() whose type is imported, without type information only', () => {
    const code = `import { Controller, Get, Param } from '@nestjs/common';
import type { Params } from './dto';
@Controller('t/:tenantId')
class C { @Get(':id') find(@Param() params: Params) {} }
`;
    const files = { 'dto.ts': 'export interface Params { tenantId: string; id: string }' };
    expect(located(checkRoutesTyped(code, files))).toEqual([]);
  });
});

describe('whole objects whose names cannot be read', () => {
  it('reports an untyped @Param() object: unverifiable with type information, needing it without', () => {
    const code = controller("'t/:tenantId'", "Get(':id')", '@Param() params');
    const typed = checkRoutesTyped(code);
    expect(located(typed)).toEqual([found(code, 'unverifiableRoutePart', 'params')]);
    expect(typed[0].message).toBe(
      "Route ContractsController.handle: the names that @Param() params reads cannot be resolved statically (its type 'any' has no named properties), so its parameters cannot be checked. Declare its type in this file with one property per path parameter, or read each with @Param('name').",
    );
    expect(located(checkCode(code))).toEqual([found(code, 'needsTypeInformation', 'params')]);
  });
});

describe('recognition by import', () => {
  it('follows aliases and, with type information, a local barrel', () => {
    const code = `import { Controller as Ctl, Get as get, Param as P } from './nest';
@Ctl('t/:tenantId')
class C { @get(':id') find(@P('tenantId') t: string) {} }
`;
    const files = { 'nest.ts': "export * from '@nestjs/common';" };
    const findings = checkRoutesTyped(code, files);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "':id'")]);
  });

  it.each([
    ['a barrel of barrels', { 'web/index.ts': "export * from './nest';", 'web/nest.ts': "export { Controller, Get, Param } from '@nestjs/common';" }, "import { Controller, Get, Param } from './web';", ''],
    ['a namespace re-export', { 'web.ts': "export * as nest from '@nestjs/common';" }, "import { nest } from './web';", 'nest.'],
    ['a namespace import of a barrel', { 'web.ts': "export { Controller, Get, Param } from '@nestjs/common';\nexport const prefix = 'v1';" }, "import * as nest from './web';", 'nest.'],
  ])('follows, with type information, %s', (_, files, importLine, namespace) => {
    const code = `${importLine}
@${namespace}Controller('t/:tenantId')
class C { @${namespace}Get(':id') find(@${namespace}Param('tenantId') t: string) {} }
`;
    expect(located(checkRoutesTyped(code, files))).toEqual([found(code, 'placeholderNotBound', "':id'")]);
  });
});
