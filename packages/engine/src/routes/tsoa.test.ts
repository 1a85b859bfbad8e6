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
