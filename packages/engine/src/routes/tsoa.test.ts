import { describe, expect, it } from 'vitest';
import { checkRoutes, checkRoutesTyped, found, located } from '../testing/check-routes';

const IMPORT = "import { Route, Get, Post, Delete, Path, Query, Queries, Body, Request, Header, Controller } from 'tsoa';";

const controller = (prefix: string, route: string, parameters: string, before = '') => `${IMPORT}
${before}
@Route(${prefix})
export class ContractsController extends Controller {
  @${route}
  public async handle(${parameters}): Promise<void> {}
}
`;

describe('tsoa routes that declare every parameter', () => {
  it.each([
    ['the contract route', "'tenants/{tenantId}/capsules/{capsuleId}'", "Get('contracts/{contractId}')", '@Path() tenantId: string, @Path() capsuleId: string, @Path() contractId: string'],
    ['named @Path and :name syntax', "'tenants/:tenantId'", "Get('{id}')", "@Path('tenantId') tenant: string, @Path('id') contract: string"],
    ['query, body, request and header parameters', "'search'", 'Post()', "@Query() q: string, @Body() body: unknown, @Request() request: unknown, @Header('x-trace') trace?: string"],
    ['a @Queries() object', "'search'", 'Get()', '@Queries() filter: { q: string; page?: number }'],
    ['no route path', '', "Delete('items/{itemId}')", '@Path() itemId: string'],
  ])('accepts %s', (_, prefix, route, parameters) => {
    expect(checkRoutes(controller(prefix, route, parameters))).toEqual([]);
  });
});

describe('tsoa findings', () => {
  it('reports a placeholder without @Path, with the parameter to add', () => {
    const code = controller("'tenants/{tenantId}'", "Get('contracts/{contractId}')", '@Path() tenantId: string');
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'contracts/{contractId}'")]);
    expect(findings[0].message).toContain("path parameter '{contractId}' is read by nothing");
    expect(findings[0].message).toContain('Add a handler parameter @Path() contractId: string.');
    expect(findings[0].suggestions[0].edits[0].text).toBe(", @Path('contractId') contractId: string");
  });

  it('reports @Path naming no placeholder, on the name or on the parameter', () => {
    const code = controller("'tenants/{tenantId}'", 'Get()', "@Path() tenantId: string, @Path('tenantID') other: string, @Path() page: number");
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInPath', "'tenantID'"), found(code, 'bindingNotInPath', 'page')]);
    expect(findings[1].message).toContain("If it comes from the query string, use @Query('page'); otherwise add '{page}' to the path.");
  });

  it('reports duplicates: a placeholder, @Path twice, @Query twice and a name in path and query', () => {
    const code = controller("'t/{id}'", "Get('{id}')", "@Path() id: string, @Path('id') again: string, @Query('q') q: string, @Query() q2: string, @Queries() filter: { q2: string }, @Query('id') fromQuery: string");
    expect(located(checkRoutes(code))).toEqual([
      found(code, 'duplicatePlaceholder', "'{id}'"),
      found(code, 'duplicateBinding', "'id'"),
      found(code, 'duplicateBinding', 'filter'),
      found(code, 'pathAndQuery', "'id'", 1),
    ]);
  });

  it('reports an undecorated parameter, which tsoa would treat as a path parameter', () => {
    const code = controller("'t/{tenantId}'", 'Get()', 'tenantId: string, page: number');
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'placeholderNotBound', "'t/{tenantId}'"),
      found(code, 'unsourcedParameter', 'tenantId', 1),
      found(code, 'unsourcedParameter', 'page'),
    ]);
    expect(findings[1].message).toBe(
      "Handler ContractsController.handle: parameter 'tenantId' has no parameter decorator, so tsoa infers where it comes from (the path if the route has '{tenantId}', else the query string). Say where it comes from: @Path() or another parameter decorator.",
    );
    expect(findings[1].suggestions[0].edits[0].text).toBe('@Path() ');
  });

  it('reports malformed and unresolvable paths', () => {
    const code = controller('BASE', "Get('{id')", '@Path() id: string', 'let BASE = "x";');
    expect(located(checkRoutes(code))).toEqual([found(code, 'unverifiableRoutePart', 'BASE', 1), found(code, 'malformedPath', "'{id'")]);
  });

  it('recognises tsoa through a namespace import and, with type information, a barrel', () => {
    const code = `import * as api from './api';
@api.Route('t/{tenantId}')
class C { @api.Get() list(@api.Path() tenant: string) {} }
`;
    const findings = checkRoutesTyped(code, { 'api.ts': "export * from 'tsoa';" });
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'t/{tenantId}'"), found(code, 'bindingNotInPath', 'tenant', 1)]);
  });
});

/**
 * tsoa serves only the methods a `@Route` class declares itself: @tsoa/cli's ControllerGenerator
 * builds a controller's methods from `node.members`, never from its base classes. An inherited
 * handler is therefore no route of the subclass, and not checked under the subclass's path.
 */
describe('tsoa handlers a controller inherits', () => {
  const BASE_FIND = `
  @Get('{id}')
  public async find(@Path() id: string): Promise<void> {}`;

  it.each([
    ['an abstract base without @Route', `export abstract class CrudController extends Controller {${BASE_FIND}\n}`],
    ['a base without @Route', `export class CrudController extends Controller {${BASE_FIND}\n}`],
    ['a base with a @Route of its own', `@Route('contracts')\nexport class CrudController extends Controller {${BASE_FIND}\n}`],
  ])('does not check %s under the path of the controller that extends it', (_, base) => {
    const code = `${IMPORT}\n${base}\n@Route('tenants/{tenantId}/capsules/{capsuleId}')\nexport class ContractsController extends CrudController {}\n`;
    expect(checkRoutes(code)).toEqual([]);
  });

  it('checks the base where it is declared, once, and a handler the controller redeclares under the controller path', () => {
    const code = `${IMPORT}
@Route('contracts')
export class CrudController extends Controller {
  @Get('{id}')
  public async find(@Path() id: string, @Path() tenantId: string): Promise<void> {}
}
@Route('tenants/{tenantId}')
export class ContractsController extends CrudController {
  @Get('{id}')
  public async find(@Path() id: string): Promise<void> {}
}
@Route('tenants/{tenantId}/archive')
export class ArchiveController extends CrudController {}
`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInPath', 'tenantId', 0), found(code, 'placeholderNotBound', "'tenants/{tenantId}'")]);
    expect(findings[0].message).toContain("Route GET /contracts/{id}: @Path() tenantId names no parameter of the path");
    expect(findings[1].message).toContain("Route GET /tenants/{tenantId}/{id}: path parameter '{tenantId}' is read by nothing");
  });

  it('checks with type information a controller whose base is in another module the same way', () => {
    const code = `${IMPORT}\nimport { CrudController } from './crud';\n@Route('tenants/{tenantId}')\nexport class ContractsController extends CrudController {}\n`;
    expect(checkRoutesTyped(code, { 'crud.ts': `${IMPORT}\nexport abstract class CrudController extends Controller {${BASE_FIND}\n}\n` })).toEqual([]);
  });
});
