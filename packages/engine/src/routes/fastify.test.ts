import { describe, expect, it } from 'vitest';
import { checkRoutes, checkRoutesTyped, found, located } from '../testing/check-routes';

const HEAD = `import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
const app = Fastify({ logger: false });
`;

describe('Fastify routes whose schema.params matches the URL', () => {
  it.each([
    ['TypeBox params', "app.get('/tenants/:tenantId/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) } }, async () => ({}));"],
    ['JSON-schema params and a querystring', "app.get('/tenants/:tenantId/contracts', { schema: { params: { type: 'object', properties: { tenantId: { type: 'string' } } }, querystring: Type.Object({ q: Type.String() }) } }, async () => []);"],
    ['app.route', "app.route({ method: 'DELETE', url: '/contracts/:contractId', schema: { params: Type.Object({ contractId: Type.String() }) }, handler: async () => null });"],
    ['a params schema held in a const', "const ContractParams = Type.Object({ contractId: Type.String() });\napp.put('/contracts/:contractId', { schema: { params: ContractParams } }, async () => null);"],
    ['a URL without parameters', "app.post('/contracts', async () => null);"],
    ['a wildcard', "app.get('/static/*', async () => null);"],
    ['an optional parameter', "app.get('/files/:name?', { schema: { params: Type.Object({ name: Type.Optional(Type.String()) }) } }, async () => null);"],
  ])('accepts %s', (_, route) => {
    expect(checkRoutes(`${HEAD}${route}\n`)).toEqual([]);
  });

  it('does not check a look-alike app', () => {
    const code = "import express from 'express';\nconst app = express();\napp.get('/x/:id', () => null);\n";
    expect(checkRoutes(code, { 'node_modules/express/index.d.ts': 'declare const e: () => any; export default e;' })).toEqual([]);
  });
});

describe('Fastify in a CommonJS module', () => {
  it.each([
    ['an application made by the required module in place', "const app = require('fastify')({ logger: false });"],
    ['an application made by a required factory', "const Fastify = require('fastify');\nconst app = Fastify();"],
    ['an application made by a factory taken from the required module', "const { fastify } = require('fastify');\nconst app = fastify();"],
  ])('checks the routes of %s, in both modes', (_, made) => {
    const code = `${made}\napp.get('/contracts/:contractId', async () => null);\n`;
    expect(located(checkRoutes(code, {}, 'server.cjs'))).toEqual([found(code, 'missingPathSchema', "'/contracts/:contractId'")]);
  });

  it("reads a TypeBox schema whose Type is required, in both modes", () => {
    const code = [
      "const app = require('fastify')();",
      "const { Type } = require('@sinclair/typebox');",
      "app.get('/contracts/:contractId', { schema: { params: Type.Object({ id: Type.String() }) } }, async () => null);",
      '',
    ].join('\n');
    expect(located(checkRoutes(code, {}, 'server.cjs'))).toEqual([
      found(code, 'placeholderNotBound', "'/contracts/:contractId'"),
      found(code, 'bindingNotInPath', 'id'),
    ]);
  });

  it('does not check an application of another framework, or a local function named fastify', () => {
    expect(checkRoutes("const app = require('express')();\napp.get('/x/:id', () => null);\n", {}, 'server.cjs')).toEqual([]);
    expect(checkRoutes("function fastify() { return { get() {} }; }\nconst app = fastify();\napp.get('/x/:id', () => null);\n", {}, 'server.cjs')).toEqual([]);
  });
});

describe('missingPathSchema', () => {
  it('reports a URL with parameters and no schema.params, with the schema to add', () => {
    const code = `${HEAD}app.get('/tenants/:tenantId/contracts/:contractId', async () => ({}));\n`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'missingPathSchema', "'/tenants/:tenantId/contracts/:contractId'")]);
    expect(findings[0].message).toBe(
      "Route GET /tenants/:tenantId/contracts/:contractId: the URL has path parameters 'tenantId', 'contractId' but the route declares no schema.params, so they are neither validated nor typed. Add schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) }.",
    );
    expect(findings[0].suggestions[0].edits[0].text).toBe('{ schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) } }, ');
  });

  it('adds params to a schema that has only a querystring', () => {
    const code = `${HEAD}app.route({ method: 'GET', url: '/contracts/:id', schema: { querystring: Type.Object({ q: Type.String() }) }, handler: async () => null });\n`;
    const [finding] = checkRoutes(code);
    expect(located([finding])).toEqual([found(code, 'missingPathSchema', "'/contracts/:id'")]);
    expect(finding.suggestions[0].edits[0].text).toBe(', params: Type.Object({ id: Type.String() })');
  });

  it('offers a JSON schema where the file does not use TypeBox', () => {
    const code = "import fastify from 'fastify';\nconst server = fastify();\nserver.delete('/items/:itemId', { logLevel: 'info' }, async () => null);\n";
    const [finding] = checkRoutes(code);
    expect(finding.message).toContain("Add schema: { params: { type: 'object', properties: { itemId: { type: 'string' } }, required: ['itemId'] } }.");
    expect(finding.suggestions[0].edits[0].text).toContain('schema: { params:');
  });
});

describe('placeholderNotBound, bindingNotInPath and pathAndQuery', () => {
  it('reports each direction and a name in both params and querystring', () => {
    const code = `${HEAD}app.get('/tenants/:tenantId/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String(), contractID: Type.String() }), querystring: Type.Object({ tenantId: Type.String() }) } }, async () => ({}));\n`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([
      found(code, 'placeholderNotBound', "'/tenants/:tenantId/contracts/:contractId'"),
      found(code, 'bindingNotInPath', 'contractID'),
      found(code, 'pathAndQuery', 'tenantId', 2),
    ]);
    expect(findings[0].message).toContain('Add contractId: Type.String() to schema.params.');
    expect(findings[0].suggestions[0].edits[0].text).toBe(', contractId: Type.String()');
    expect(findings[1].message).toContain("schema.params property 'contractID' names no parameter of the path '/tenants/:tenantId/contracts/:contractId'");
    expect(findings[2].message).toContain("'tenantId' is read both from the path (schema.params property 'tenantId') and from the query string (schema.querystring property 'tenantId')");
  });

  it('reports a JSON-schema property missing from a const params schema on the URL', () => {
    const code = `${HEAD}const params = { type: 'object', properties: { id: { type: 'string' } } } as const;\napp.patch('/a/:id/b/:bId', { schema: { params } }, async () => null);\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "'/a/:id/b/:bId'")]);
  });

  it('reports a mutable schema const instead of reading it', () => {
    const code = `${HEAD}const schema = { params: { type: 'object', properties: { id: { type: 'string' } } } };\napp.get('/a/:id', { schema }, async () => null);\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'mutableValue', 'schema', 1)]);
  });

  it('reports a URL that cannot be resolved and one that is malformed', () => {
    const code = `${HEAD}declare const url: string;\napp.get(url, async () => null);\napp.get('/a/{:id', async () => null);\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'unverifiableRoutePart', 'url', 1), found(code, 'malformedPath', "'/a/{:id'")]);
  });
});

describe('Fastify instances recognised by type', () => {
  it.each([
    ['a parameter typed with a type-only import', "import Fastify, { type FastifyInstance } from 'fastify';", 'server: FastifyInstance'],
    ['a parameter typed through import type', "import type { FastifyInstance } from 'fastify';", 'server: FastifyInstance'],
    ['a const made by a named fastify()', "import { fastify as make } from 'fastify';", 'server = make()'],
    ['a const made through a namespace import', "import * as f from 'fastify';", 'server = f.fastify()'],
  ])('checks %s', (_, imports, declaration) => {
    const code = `${imports}
export function routes(${declaration.includes('=') ? '' : declaration}) {
  ${declaration.includes('=') ? `const ${declaration};` : ''}
  server.get('/x/:id', async () => null);
}
`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'missingPathSchema', "'/x/:id'")]);
  });


  it('checks an instance imported from another module and one from withTypeProvider', () => {
    const code = `import { app } from './server';
import { Type } from '@sinclair/typebox';
app.get('/x/:id', { schema: { params: Type.Object({ other: Type.String() }) } }, async () => null);
`;
    const files = { 'server.ts': "import fastify from 'fastify';\nexport const app = fastify().withTypeProvider<unknown>();" };
    expect(located(checkRoutesTyped(code, files))).toEqual([found(code, 'placeholderNotBound', "'/x/:id'"), found(code, 'bindingNotInPath', 'other')]);
  });

  it('checks a route call with type arguments on an instance imported from a module that made it', () => {
    const code = `import { app } from './server';
app.get<{ Params: { id: string } }>('/x/:id', async () => null);
`;
    const files = { 'server.ts': "import fastify from 'fastify';\nexport const app = fastify();" };
    expect(located(checkRoutesTyped(code, files))).toEqual([found(code, 'missingPathSchema', "'/x/:id'")]);
  });
});
