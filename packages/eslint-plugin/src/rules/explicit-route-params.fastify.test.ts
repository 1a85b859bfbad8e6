import { code, testRule } from '../testing/rule-tester';
import { errorAt as error } from '../testing/locate';

/** Routes declared with Fastify (schemas in TypeBox or JSON schema), one case per message id the rule reports on them. */

const HEAD = code`
  import Fastify, { type FastifyInstance } from 'fastify';
  import { Type } from '@sinclair/typebox';
  const app = Fastify();
`;
const route = (text: string) => `${HEAD}${text}\n`;


const NO_SCHEMA = route("app.get('/tenants/:tenantId/contracts/:contractId', async () => ({}));");
const NO_PARAMS = route("app.route({ method: 'GET', url: '/contracts/:id', schema: { querystring: Type.Object({ q: Type.String() }) }, handler: async () => null });");
const UNBOUND = route("app.get('/tenants/:tenantId/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String() }) } }, async () => ({}));");
const UNBOUND_JSON = route("app.delete('/items/:itemId', { schema: { params: { type: 'object', properties: {} } } }, async () => null);");
const NOT_IN_PATH = route("app.put('/contracts/:contractId', { schema: { params: Type.Object({ contractId: Type.String(), tenantId: Type.String() }) } }, async () => null);");
const BOTH = route("app.get('/contracts/:contractId', { schema: { params: Type.Object({ contractId: Type.String() }), querystring: Type.Object({ contractId: Type.String() }) } }, async () => null);");
const DUPLICATE_PLACEHOLDER = route("app.get('/a/:id/b/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async () => null);");
const COMPUTED = route("declare function url(): string;\napp.get(url(), async () => null);");
const MUTABLE = route("const params = { type: 'object', properties: { id: { type: 'string' } } };\napp.get('/items/:id', { schema: { params } }, async () => null);");
const MALFORMED = route("app.get('/items/:', async () => null);");
const PREFIX_UNBOUND = route(`app.register(async (instance) => {
  instance.get('/contracts/:contractId', { schema: { params: Type.Object({ contractId: Type.String() }) } }, async () => null);
}, { prefix: '/tenants/:tenantId' });`);
const TWO_PREFIXES = route(`async function items(instance: FastifyInstance) {
  instance.get('/items/:id', { schema: { params: Type.Object({ tenantId: Type.String(), id: Type.String() }) } }, async () => null);
}
app.register(items, { prefix: '/tenants/:tenantId' });
app.register(items, { prefix: '/admin' });`);
/** A plugin registered with a prefix inside an exported plugin, whose own prefix is given in another file. */
const NESTED_IN_EXPORTED = (names: string) => route(`async function contracts(instance: FastifyInstance) {
  instance.get('/contracts/:contractId', { schema: { params: Type.Object({ ${names} }) } }, async () => null);
}
export default async function api(instance: FastifyInstance) {
  instance.register(contracts, { prefix: '/tenants/:tenantId' });
}`);
const NESTED_UNBOUND = NESTED_IN_EXPORTED('contractId: Type.String(), region: Type.String()');
const IMPORTED_PLUGIN = route("import { contractRoutes } from './routes';\napp.register(contractRoutes, { prefix: '/tenants/:tenantId' });");
const NESTED_IMPORTED = route("import { tenantApi } from './routes';\napp.register(tenantApi, { prefix: '/regions/:region' });");
const FACTORY = route("function build() { return Fastify(); }\nconst server = build();\nserver.get('/items/:id', async () => null);");

testRule('explicit-route-params', {
  valid: [
    { name: 'Fastify: TypeBox params matching the URL', code: route("app.get('/tenants/:tenantId/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) } }, async () => ({}));") },
    { name: 'Fastify: JSON-schema params and a querystring, in app.route', code: route("app.route({ method: 'GET', url: '/items/:itemId', schema: { params: { type: 'object', properties: { itemId: { type: 'string' } } }, querystring: Type.Object({ q: Type.String() }) }, handler: async () => null });") },
    { name: 'Fastify: a plugin receiving the instance as a FastifyInstance parameter', code: route("export async function routes(instance: FastifyInstance) {\n  instance.get('/items/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async () => null);\n}") },
    { name: 'Fastify: a plugin nested in an exported plugin, reading its inner prefix and a name the outer prefix may hold', code: NESTED_IN_EXPORTED('region: Type.String(), tenantId: Type.String(), contractId: Type.String()') },
    { name: 'Fastify: an inline plugin whose params hold its prefix parameter', code: route("app.register(async (instance) => {\n  instance.get('/contracts/:contractId', { schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) } }, async () => null);\n}, { prefix: '/tenants/:tenantId' });") },
    { name: 'Fastify: an exported plugin whose params may hold a prefix parameter', code: route("export async function items(instance: FastifyInstance) {\n  instance.get('/items/:id', { schema: { params: Type.Object({ tenantId: Type.String(), id: Type.String() }) } }, async () => null);\n}") },
    { name: 'Fastify: an app of another library', code: "import express from 'express';\nconst app = express();\napp.get('/items/:id', () => null);\n" },
  ],
  invalid: [
    {
      name: 'Fastify missingPathSchema: no schema at all, the whole schema suggested',
      code: NO_SCHEMA,
      errors: [
        error(NO_SCHEMA, 'missingPathSchema', "'/tenants/:tenantId/contracts/:contractId'", {
          route: 'GET /tenants/:tenantId/contracts/:contractId',
          names: "'tenantId', 'contractId'",
          edit: 'schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) }',
        }, {
          suggestions: [{
            desc: "Declare schema.params for 'tenantId', 'contractId'",
            output: NO_SCHEMA.replace('async () =>', '{ schema: { params: Type.Object({ tenantId: Type.String(), contractId: Type.String() }) } }, async () =>'),
          }],
        }),
      ],
    },
    {
      name: 'Fastify missingPathSchema: app.route with a querystring only, params added to its schema',
      code: NO_PARAMS,
      errors: [
        error(NO_PARAMS, 'missingPathSchema', "'/contracts/:id'", { route: 'GET /contracts/:id', names: "'id'", edit: 'schema: { params: Type.Object({ id: Type.String() }) }' }, {
          suggestions: [{ desc: "Declare schema.params for 'id'", output: NO_PARAMS.replace('Type.String() }) }', 'Type.String() }), params: Type.Object({ id: Type.String() }) }') }],
        }),
      ],
    },
    {
      name: 'Fastify placeholderNotBound: a TypeBox params object without the name, the property suggested',
      code: UNBOUND,
      errors: [
        error(UNBOUND, 'placeholderNotBound', "'/tenants/:tenantId/contracts/:contractId'", {
          route: 'GET /tenants/:tenantId/contracts/:contractId',
          name: 'contractId',
          placeholder: ':contractId',
          edit: 'Add contractId: Type.String() to schema.params',
        }, {
          suggestions: [{ desc: "Add 'contractId' to schema.params", output: UNBOUND.replace('tenantId: Type.String() })', 'tenantId: Type.String(), contractId: Type.String() })') }],
        }),
      ],
    },
    {
      name: 'Fastify placeholderNotBound: a JSON-schema params object without the name',
      code: UNBOUND_JSON,
      errors: [
        error(UNBOUND_JSON, 'placeholderNotBound', "'/items/:itemId'", {
          route: 'DELETE /items/:itemId',
          name: 'itemId',
          placeholder: ':itemId',
          edit: "Add itemId: { type: 'string' } to schema.params (its properties, and its required list)",
        }, {
          suggestions: [{ desc: "Add 'itemId' to schema.params", output: UNBOUND_JSON.replace('properties: {}', "properties: { itemId: { type: 'string' } }") }],
        }),
      ],
    },
    {
      name: 'Fastify bindingNotInPath: a params property naming no placeholder',
      code: NOT_IN_PATH,
      errors: [
        error(NOT_IN_PATH, 'bindingNotInPath', 'tenantId', {
          route: 'PUT /contracts/:contractId',
          binding: "schema.params property 'tenantId'",
          path: "'/contracts/:contractId'",
          hint: "If it comes from the query string, move it to schema.querystring; otherwise add ':tenantId' to the URL.",
        }),
      ],
    },
    {
      name: 'Fastify pathAndQuery: a name in both schema.params and schema.querystring',
      code: BOTH,
      errors: [
        error(BOTH, 'pathAndQuery', 'contractId', {
          route: 'GET /contracts/:contractId',
          name: 'contractId',
          pathBinding: "schema.params property 'contractId'",
          queryBinding: "schema.querystring property 'contractId'",
        }, {}, 2),
      ],
    },
    {
      name: 'Fastify duplicatePlaceholder: one name twice in the URL',
      code: DUPLICATE_PLACEHOLDER,
      errors: [error(DUPLICATE_PLACEHOLDER, 'duplicatePlaceholder', "'/a/:id/b/:id'", { route: 'GET /a/:id/b/:id', name: 'id', path: '/a/:id/b/:id' })],
    },
    {
      name: 'Fastify unverifiableRoutePart: a URL computed at run time',
      code: COMPUTED,
      errors: [
        error(COMPUTED, 'unverifiableRoutePart', 'url()', {
          route: 'GET route',
          subject: 'the URL',
          reason: "'url()' is a function call, whose result is only known at run time",
          fix: 'Write a string literal, a const, or a concatenation of those.',
        }, {}, 1),
      ],
    },
    {
      name: 'Fastify mutableValue: a JSON schema held in a const that can change',
      code: MUTABLE,
      errors: [
        error(MUTABLE, 'mutableValue', 'params', {
          route: 'GET /items/:id',
          subject: 'schema.params',
          reason: "'params' is declared without 'as const' or a readonly type, so its contents can change",
        }, {}, 1),
      ],
    },
    {
      name: 'Fastify placeholderNotBound: a prefix parameter a plugin route does not bind, on the route',
      code: PREFIX_UNBOUND,
      errors: [
        error(PREFIX_UNBOUND, 'placeholderNotBound', "'/contracts/:contractId'", {
          route: 'GET /tenants/:tenantId/contracts/:contractId',
          name: 'tenantId',
          placeholder: ':tenantId',
          edit: 'Add tenantId: Type.String() to schema.params',
        }, {
          suggestions: [{ desc: "Add 'tenantId' to schema.params", output: PREFIX_UNBOUND.replace('contractId: Type.String() })', 'contractId: Type.String(), tenantId: Type.String() })') }],
        }),
      ],
    },
    {
      name: 'Fastify placeholderNotBound: the inner prefix of a plugin nested in an exported plugin, on the route; a name the outer prefix may hold is left',
      code: NESTED_UNBOUND,
      errors: [
        error(NESTED_UNBOUND, 'placeholderNotBound', "'/contracts/:contractId'", {
          route: 'GET /tenants/:tenantId/contracts/:contractId',
          name: 'tenantId',
          placeholder: ':tenantId',
          edit: 'Add tenantId: Type.String() to schema.params',
        }, {
          suggestions: [{ desc: "Add 'tenantId' to schema.params", output: NESTED_UNBOUND.replace('region: Type.String() })', 'region: Type.String(), tenantId: Type.String() })') }],
        }),
      ],
    },
    {
      name: 'Fastify bindingNotInPath: a plugin registered under two prefixes, one without the name',
      code: TWO_PREFIXES,
      errors: [
        error(TWO_PREFIXES, 'bindingNotInPath', 'tenantId', {
          route: 'GET /admin/items/:id',
          binding: "schema.params property 'tenantId'",
          path: "'/admin/items/:id'",
          hint: "If it comes from the query string, move it to schema.querystring; otherwise add ':tenantId' to the URL.",
        }),
      ],
    },
    {
      name: 'Fastify malformedPath: a colon without a name',
      code: MALFORMED,
      errors: [error(MALFORMED, 'malformedPath', "'/items/:'", { route: 'GET route', path: '/items/:', problem: "':' at position 8 is not followed by a parameter name" })],
    },
  ],
  typedOnly: {
    invalid: [
      {
        name: 'Fastify with type information: an imported plugin checked against its prefix, on the prefix',
        code: IMPORTED_PLUGIN,
        errors: [
          error(IMPORTED_PLUGIN, 'placeholderNotBound', "'/tenants/:tenantId'", {
            route: 'GET /tenants/:tenantId/contracts/:contractId',
            name: 'tenantId',
            placeholder: ':tenantId',
            edit: 'Add tenantId: Type.String() to schema.params',
          }),
        ],
      },
      {
        name: 'Fastify with type information: a prefix checked against the routes of the plugins an imported plugin registers, on the prefix',
        code: NESTED_IMPORTED,
        errors: [
          error(NESTED_IMPORTED, 'placeholderNotBound', "'/regions/:region'", {
            route: 'GET /regions/:region/tenants/:tenantId/contracts/:contractId',
            name: 'region',
            placeholder: ':region',
            edit: 'Add region: Type.String() to schema.params',
          }),
        ],
      },
      {
        name: 'Fastify with type information: an instance returned by a function is known by its type',
        code: FACTORY,
        errors: [
          error(FACTORY, 'missingPathSchema', "'/items/:id'", { route: 'GET /items/:id', names: "'id'", edit: 'schema: { params: Type.Object({ id: Type.String() }) }' }, {
            suggestions: [{ desc: "Declare schema.params for 'id'", output: FACTORY.replace('async () =>', '{ schema: { params: Type.Object({ id: Type.String() }) } }, async () =>') }],
          }),
        ],
      },
    ],
  },
  untypedOnly: {
    // Without type information only an instance made or declared in view is known to be Fastify's.
    valid: [{ name: 'Fastify without type information: an instance returned by a function is not recognised', code: FACTORY }],
    invalid: [
      {
        name: 'Fastify needsTypeInformation: an imported plugin registered under a prefix with parameters',
        code: IMPORTED_PLUGIN,
        errors: [
          error(IMPORTED_PLUGIN, 'needsTypeInformation', "'/tenants/:tenantId'", {
            route: 'register(contractRoutes)',
            subject: "routes of plugin 'contractRoutes'",
            reason: "'contractRoutes' is imported from './routes', and resolving it across files needs type information",
          }),
        ],
      },
    ],
  },
});
