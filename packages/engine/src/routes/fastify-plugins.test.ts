import { describe, expect, it } from 'vitest';
import { checkCode } from '../testing/check-code';
import { checkRoutes, checkRoutesTyped, found, located } from '../testing/check-routes';

const HEAD = `import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
const app = Fastify();
`;

/** A TypeBox params schema with these string properties. */
const params = (...names: string[]) => `{ schema: { params: Type.Object({ ${names.map((n) => `${n}: Type.String()`).join(', ')} }) } }`;

describe('routes of a plugin registered with a prefix in the same file', () => {
  it.each([
    ['an inline plugin', `app.register(async (instance) => {\n  instance.get('/contracts/:contractId', ${params('tenantId', 'contractId')}, async () => null);\n}, { prefix: '/tenants/:tenantId' });`],
    ['a named plugin and a const prefix', `const TENANT = '/tenants/:tenantId';\nasync function contracts(instance: FastifyInstance) {\n  instance.get('/contracts/:contractId', ${params('tenantId', 'contractId')}, async () => null);\n}\napp.register(contracts, { prefix: TENANT });`],
    ['nested plugins, each with a prefix', `app.register(async (tenant) => {\n  tenant.register(async (capsule) => {\n    capsule.get('/contracts', ${params('tenantId', 'capsuleId')}, async () => null);\n  }, { prefix: '/capsules/:capsuleId' });\n}, { prefix: '/tenants/:tenantId' });`],
    ['a const arrow plugin registered without a prefix', `const health = async (instance: FastifyInstance) => {\n  instance.get('/health', async () => 'ok');\n};\napp.register(health);`],
    ['a prefix without parameters', `app.register(async (instance) => {\n  instance.get('/items/:id', ${params('id')}, async () => null);\n}, { prefix: '/v1', logLevel: 'info' });`],
  ])('accepts %s', (_, routes) => {
    expect(checkRoutes(`${HEAD}${routes}\n`)).toEqual([]);
  });

  it('reports a prefix parameter the route does not bind, on the route, with the property to add', () => {
    const code = `${HEAD}app.register(async (instance) => {\n  instance.get('/contracts/:contractId', ${params('contractId')}, async () => null);\n}, { prefix: '/tenants/:tenantId' });\n`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'/contracts/:contractId'")]);
    expect(findings[0].message).toBe(
      "Route GET /tenants/:tenantId/contracts/:contractId: path parameter ':tenantId' is read by nothing, so the handler never receives 'tenantId'. Add tenantId: Type.String() to schema.params.",
    );
    expect(findings[0].suggestions[0].edits[0].text).toBe(', tenantId: Type.String()');
  });

  it('reports, for a plugin registered under two prefixes, a name only one of them has, naming the route', () => {
    const code = `${HEAD}async function contracts(instance: FastifyInstance) {\n  instance.get('/c/:id', ${params('tenantId', 'id')}, async () => null);\n}\napp.register(contracts, { prefix: '/tenants/:tenantId' });\napp.register(contracts, { prefix: '/admin' });\n`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'bindingNotInPath', 'tenantId')]);
    expect(findings[0].message).toContain("Route GET /admin/c/:id: schema.params property 'tenantId' names no parameter of the path '/admin/c/:id'");
  });

  it('reports a nested prefix parameter left unbound, and a route without params under a prefix that has some', () => {
    const code = `${HEAD}app.register(async (tenant) => {
  tenant.register(async (capsule) => {
    capsule.get('/contracts', ${params('tenantId')}, async () => null);
    capsule.get('/health', async () => 'ok');
  }, { prefix: '/capsules/:capsuleId' });
}, { prefix: '/tenants/:tenantId' });
`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "'/contracts'"), found(code, 'missingPathSchema', "'/health'")]);
  });

  it('reports a duplicate of a prefix parameter in the URL', () => {
    const code = `${HEAD}app.register(async (instance) => {\n  instance.get('/items/:tenantId', ${params('tenantId')}, async () => null);\n}, { prefix: '/tenants/:tenantId' });\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'duplicatePlaceholder', "'/items/:tenantId'")]);
  });

  it('reports a prefix that cannot be read on the prefix, and then leaves names the prefix may hold unreported', () => {
    const code = `${HEAD}let prefix = '/tenants/:tenantId';\napp.register(async (instance) => {\n  instance.get('/c/:id', ${params('tenantId', 'id')}, async () => null);\n  instance.get('/d/:id', async () => null);\n}, { prefix });\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'missingPathSchema', "'/d/:id'"), found(code, 'unverifiableRoutePart', 'prefix', 1)]);
  });
});

describe('plugins registered where this file cannot see', () => {
  const PLUGIN = `import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
export async function contracts(instance: FastifyInstance) {
  instance.get('/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String(), extra: Type.String() }) } }, async () => null);
  instance.get('/items/:itemId', { schema: { params: Type.Object({ contractId: Type.String() }) } }, async () => null);
}
`;

  it('does not report, at an exported plugin, a params name its prefix may hold, but does report its own placeholders', () => {
    expect(located(checkRoutes(PLUGIN))).toEqual([found(PLUGIN, 'placeholderNotBound', "'/items/:itemId'")]);
  });

  it('checks, with type information, an imported plugin against the prefix it is registered with, on the prefix', () => {
    const code = `${HEAD}import { contracts } from './contracts';\napp.register(contracts, { prefix: '/tenants/:tenantId' });\n`;
    const findings = checkRoutesTyped(code, { 'contracts.ts': PLUGIN });
    expect(located(findings)).toEqual([
      found(code, 'bindingNotInPath', "'/tenants/:tenantId'"),
      found(code, 'placeholderNotBound', "'/tenants/:tenantId'"),
      found(code, 'bindingNotInPath', "'/tenants/:tenantId'"),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "Route GET /tenants/:tenantId/contracts/:contractId: schema.params property 'extra' names no parameter of the path '/tenants/:tenantId/contracts/:contractId', so it is always undefined. If it comes from the query string, move it to schema.querystring; otherwise add ':extra' to the URL.",
      "Route GET /tenants/:tenantId/items/:itemId: path parameter ':tenantId' is read by nothing, so the handler never receives 'tenantId'. Add tenantId: Type.String() to schema.params.",
      "Route GET /tenants/:tenantId/items/:itemId: schema.params property 'contractId' names no parameter of the path '/tenants/:tenantId/items/:itemId', so it is always undefined. If it comes from the query string, move it to schema.querystring; otherwise add ':contractId' to the URL.",
    ]);
    expect(findings.every((f) => f.suggestions.length === 0)).toBe(true);
  });

  it('needs type information to read an imported plugin registered under a prefix with parameters', () => {
    const code = `${HEAD}import { contracts } from './contracts';\napp.register(contracts, { prefix: '/tenants/:tenantId' });\napp.register(contracts, { prefix: '/v1' });\n`;
    const findings = checkCode(code);
    expect(located(findings)).toEqual([found(code, 'needsTypeInformation', "'/tenants/:tenantId'")]);
    expect(findings[0].message).toContain("the routes of plugin 'contracts' was not checked, because 'contracts' is imported from './contracts'");
  });

  it('recognises, without type information too, an exported plugin typed FastifyPluginAsync or FastifyPluginCallback', () => {
    const code = `import type { FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
export const contracts: FastifyPluginAsync = async (instance) => {
  instance.get('/c/:id', async () => null);
};
export const items: FastifyPluginCallback = (instance, options, done) => {
  instance.get('/i/:id', async () => null);
  done();
};
`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'missingPathSchema', "'/c/:id'"), found(code, 'missingPathSchema', "'/i/:id'")]);
  });

  it('reports an exported plugin registered in its own file on the prefix', () => {
    const code = `${HEAD}export async function contracts(instance: FastifyInstance) {\n  instance.get('/c/:id', ${params('id')}, async () => null);\n}\napp.register(contracts, { prefix: '/tenants/:tenantId' });\n`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'placeholderNotBound', "'/tenants/:tenantId'")]);
  });

  it('reports a plugin that is not a function of the program when its prefix has parameters, and only then', () => {
    const code = `${HEAD}declare function wrap(plugin: unknown): (instance: FastifyInstance) => Promise<void>;\nasync function inner(instance: FastifyInstance) {}\napp.register(wrap(inner), { prefix: '/tenants/:tenantId' });\napp.register(wrap(inner), { prefix: '/static' });\n`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'unverifiableRoutePart', "'/tenants/:tenantId'")]);
    expect(findings[0].message).toBe(
      "Route register(wrap(inner)): the routes of plugin 'wrap(inner)' cannot be resolved statically ('wrap(inner)' is not the name of a function declared in the program), so its parameters cannot be checked. Register a plugin function declared in this project, so that its routes can be checked against the prefix.",
    );
  });
});

describe('functions that declare routes on an instance they are given', () => {
  it('checks an exported helper that cannot be a plugin (not async, no done callback) as served as written', () => {
    const code = `${HEAD}export function contractRoutes(instance: FastifyInstance): void {
  instance.get('/c/:id', ${params('tenantId', 'id')}, async () => null);
}
contractRoutes(app);
`;
    expect(located(checkRoutes(code))).toEqual([found(code, 'bindingNotInPath', 'tenantId')]);
  });

  it('gives a helper called inside a prefixed plugin that plugin\'s prefix', () => {
    const code = `${HEAD}function contractRoutes(instance: FastifyInstance) {
  instance.get('/c/:id', ${params('id')}, async () => null);
}
app.register(async (tenant) => {
  contractRoutes(tenant);
}, { prefix: '/tenants/:tenantId' });
contractRoutes(app);
`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'/c/:id'")]);
    expect(findings[0].message).toContain('Route GET /tenants/:tenantId/c/:id:');
  });

  it('leaves open an exported function that can be a plugin: declared to return a Promise, or taking done', () => {
    const code = `${HEAD}export function a(instance: FastifyInstance): Promise<void> {
  instance.get('/c/:id', ${params('tenantId', 'id')}, async () => null);
  return Promise.resolve();
}
export function b(instance: FastifyInstance, options: object, done: () => void) {
  instance.get('/d/:id', ${params('tenantId', 'id')}, async () => null);
  done();
}
`;
    expect(checkRoutes(code)).toEqual([]);
  });
});

describe('a file that only registers a plugin', () => {
  it('is checked with type information although it names no framework', () => {
    const code = "import { app } from './server';\nimport { contracts } from './contracts';\napp.register(contracts, { prefix: '/tenants/:tenantId' });\n";
    const files = {
      'server.ts': "import fastify from 'fastify';\nexport const app = fastify();",
      'contracts.ts': "import type { FastifyInstance } from 'fastify';\nexport async function contracts(instance: FastifyInstance) {\n  instance.get('/c', async () => null);\n}\n",
    };
    expect(located(checkRoutesTyped(code, files))).toEqual([found(code, 'missingPathSchema', "'/tenants/:tenantId'")]);
  });
});

describe('plugins registered with a prefix inside an exported plugin', () => {
  /** An exported plugin, whose own prefix is given where this file cannot see, registering `inner` under `prefix`. */
  const api = (inner: string, prefix = '/tenants/:tenantId') => `export default async function api(app: FastifyInstance) {\n  app.register(${inner}, { prefix: '${prefix}' });\n}\n`;
  const contracts = (...names: string[]) => `async function contracts(instance: FastifyInstance) {\n  instance.get('/contracts/:id', ${params(...names)}, async () => null);\n}\n`;

  it.each([
    ['the names of the inner prefix and the URL', contracts('tenantId', 'id')],
    ['a name the unknown outer prefix may hold', contracts('region', 'tenantId', 'id')],
  ])('accepts a route whose schema.params reads %s', (_, plugin) => {
    expect(checkRoutes(`${HEAD}${plugin}${api('contracts')}`)).toEqual([]);
  });

  it('reports a placeholder of the inner prefix that schema.params does not read, on the route', () => {
    const code = `${HEAD}${contracts('id')}${api('contracts')}`;
    const findings = checkRoutes(code);
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'/contracts/:id'")]);
    expect(findings[0].message).toContain("Route GET /tenants/:tenantId/contracts/:id: path parameter ':tenantId' is read by nothing");
  });

  it('reports, for a plugin written in the call and nested two deep, each known prefix parameter and a route without params', () => {
    const code = `${HEAD}export const api = async (app: FastifyInstance) => {
  app.register(async (tenant) => {
    tenant.register(async (capsule) => {
      capsule.get('/contracts/:tenantId', ${params('tenantId', 'region')}, async () => null);
      capsule.get('/health', async () => 'ok');
    }, { prefix: '/capsules/:capsuleId' });
  }, { prefix: '/tenants/:tenantId' });
};
`;
    expect(located(checkRoutes(code))).toEqual([
      found(code, 'duplicatePlaceholder', "'/contracts/:tenantId'"),
      found(code, 'placeholderNotBound', "'/contracts/:tenantId'"),
      found(code, 'missingPathSchema', "'/health'"),
    ]);
  });

  it('checks, with type information, an imported plugin against the inner prefix on the prefix, leaving names the outer one may hold', () => {
    const code = `${HEAD}import { contracts } from './contracts';\n${api('contracts', '/capsules/:capsuleId')}`;
    const plugin = `${HEAD}export async function contracts(instance: FastifyInstance) {\n  instance.get('/c/:id', ${params('tenantId', 'id')}, async () => null);\n  instance.get('/d/:id', ${params('capsuleId', 'id')}, async () => null);\n}\n`;
    const findings = checkRoutesTyped(code, { 'contracts.ts': plugin });
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'/capsules/:capsuleId'")]);
    expect(findings[0].message).toContain("Route GET /capsules/:capsuleId/c/:id: path parameter ':capsuleId' is read by nothing");
  });
});

describe('an exported plugin registered with a prefix in another file', () => {
  /** `api` registers `contracts` under '/tenants/:tenantId', and declares a route of its own. */
  const API = (...names: string[]) => `import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
async function contracts(instance: FastifyInstance) {
  instance.get('/contracts/:id', ${params(...names)}, async () => null);
}
export async function api(instance: FastifyInstance) {
  instance.register(contracts, { prefix: '/tenants/:tenantId' });
  instance.get('/health', ${params('region')}, async () => 'ok');
}
`;
  const code = `${HEAD}import { api } from './api';\napp.register(api, { prefix: '/regions/:region' });\n`;

  it('accepts nested routes that read the outer prefix, the inner one and their URL', () => {
    expect(checkRoutesTyped(code, { 'api.ts': API('region', 'tenantId', 'id') })).toEqual([]);
  });

  it('checks the outer prefix against the routes of the plugins it registers, on the prefix', () => {
    const findings = checkRoutesTyped(code, { 'api.ts': API('tenantId', 'id', 'zone') });
    expect(located(findings)).toEqual([found(code, 'placeholderNotBound', "'/regions/:region'"), found(code, 'bindingNotInPath', "'/regions/:region'")]);
    expect(findings[0].message).toContain("Route GET /regions/:region/tenants/:tenantId/contracts/:id: path parameter ':region' is read by nothing");
    expect(findings[1].message).toContain("Route GET /regions/:region/tenants/:tenantId/contracts/:id: schema.params property 'zone' names no parameter");
  });
});
