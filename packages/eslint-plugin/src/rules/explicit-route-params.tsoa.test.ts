import { code, testRule } from '../testing/rule-tester';
import { errorAt as error } from '../testing/locate';

/** Routes declared with tsoa, one case per message id the rule reports on them. */

const IMPORT = "import { Body, Controller, Get, Path, Post, Queries, Query, Route } from 'tsoa';";

/** A controller with one handler: its route path, verb decorator and parameter list as given. */
const controller = (path: string, verb: string, parameters: string, after = '') => code`
  ${IMPORT}
  @Route(${path})
  export class ContractsController extends Controller {
    @${verb}
    public async find(${parameters}): Promise<void> {}
  }
  ${after}
`;


const METHOD = 'ContractsController.find';
const UNBOUND = controller("'tenants/{tenantId}'", "Get('contracts/{contractId}')", '@Path() tenantId: string');
const NOT_IN_PATH = controller("'tenants/{tenantId}'", 'Get()', "@Path() tenantId: string, @Path('tenantID') other: string, @Path() page: number");
const TWICE = controller("'tenants/{tenantId}'", 'Get()', "@Path() tenantId: string, @Path('tenantId') again: string, @Query() q: string, @Queries() filter: { q: string }");
const PATH_AND_QUERY = controller("'tenants/{tenantId}'", 'Get()', "@Path() tenantId: string, @Query('tenantId') fromQuery: string");
const UNSOURCED = controller("'tenants/{tenantId}'", 'Post()', 'tenantId: string, @Body() body: unknown, dryRun: boolean');
const DESTRUCTURED = controller("'items/{id}'", 'Get()', '@Path() { id }: { id: string }');
const DUPLICATE_PLACEHOLDER = controller("'items/{id}'", "Get('{id}')", '@Path() id: string');
const MALFORMED = controller("'items/{id'", 'Get()', '@Path() id: string');
const UNRESOLVED = controller('base', 'Get()', '@Path() tenantId: string', "let base = 'tenants/{tenantId}';");
const IMPORTED_PATH = code`
  ${IMPORT}
  import { TENANT_PATH } from './routes';
  @Route(TENANT_PATH)
  export class ContractsController extends Controller {
    @Get()
    public async find(@Path() tenantId: string): Promise<void> {}
  }
`;

/** tsoa serves only the methods a @Route class declares itself: an inherited handler is checked where it is declared, never under the subclass's path. */
const INHERITED = code`
  ${IMPORT}
  @Route('contracts')
  export class CrudController extends Controller {
    @Get('{id}')
    public async find(@Path() id: string, @Path() tenantId: string): Promise<void> {}
  }
  @Route('tenants/{tenantId}/capsules/{capsuleId}')
  export class ContractsController extends CrudController {}
`;

testRule('explicit-route-params', {
  valid: [
    { name: 'tsoa: the contract route', code: controller("'tenants/{tenantId}/capsules/{capsuleId}'", "Get('contracts/{contractId}')", '@Path() tenantId: string, @Path() capsuleId: string, @Path() contractId: string') },
    { name: 'tsoa: :name syntax, a named @Path, queries and a body', code: controller("'tenants/:tenantId'", "Post('{id}')", "@Path('tenantId') tenant: string, @Path() id: string, @Query() dryRun: boolean, @Queries() options: { force?: boolean }, @Body() body: unknown") },
    { name: 'tsoa: a handler inherited from an abstract base is no route of the controller, so its path parameters are not required of it', code: code`
  ${IMPORT}
  export abstract class CrudController extends Controller {
    @Get('{id}')
    public async find(@Path() id: string): Promise<void> {}
  }
  @Route('tenants/{tenantId}')
  export class ContractsController extends CrudController {}
` },
    { name: 'tsoa: look-alike decorators from another module', code: "import { Route, Get, Path } from './my-router';\n@Route('t/{tenantId}')\nclass C { @Get('{id}') find(@Path() x: string, loose: string) {} }\n" },
  ],
  invalid: [
    {
      name: 'tsoa placeholderNotBound: on the method path, suggesting @Path',
      code: UNBOUND,
      errors: [
        error(UNBOUND, 'placeholderNotBound', "'contracts/{contractId}'", {
          route: 'GET /tenants/{tenantId}/contracts/{contractId}',
          name: 'contractId',
          placeholder: '{contractId}',
          edit: 'Add a handler parameter @Path() contractId: string',
        }, {
          suggestions: [{ desc: "Add @Path('contractId') contractId: string", output: UNBOUND.replace('tenantId: string)', "tenantId: string, @Path('contractId') contractId: string)") }],
        }),
      ],
    },
    {
      name: 'tsoa bindingNotInPath: a near miss renamed, and a parameter name the path lacks',
      code: NOT_IN_PATH,
      errors: [
        error(NOT_IN_PATH, 'bindingNotInPath', "'tenantID'", {
          route: 'GET /tenants/{tenantId}',
          binding: "@Path('tenantID')",
          path: "'/tenants/{tenantId}'",
          hint: "Did you mean 'tenantId'? Names are compared exactly.",
        }, {
          suggestions: [{ desc: "Rename 'tenantID' to 'tenantId'", output: NOT_IN_PATH.replace("'tenantID'", "'tenantId'") }],
        }),
        error(NOT_IN_PATH, 'bindingNotInPath', 'page', {
          route: 'GET /tenants/{tenantId}',
          binding: '@Path() page',
          path: "'/tenants/{tenantId}'",
          hint: "If it comes from the query string, use @Query('page'); otherwise add '{page}' to the path.",
        }),
      ],
    },
    {
      name: 'tsoa duplicateBinding: @Path of one name twice, and a @Query key @Queries() also reads',
      code: TWICE,
      errors: [
        error(TWICE, 'duplicateBinding', "'tenantId'", { route: 'GET /tenants/{tenantId}', name: 'tenantId', binding: "@Path('tenantId')", first: '@Path() tenantId' }),
        error(TWICE, 'duplicateBinding', 'filter', { route: 'GET /tenants/{tenantId}', name: 'q', binding: "'q' of @Queries() filter", first: '@Query() q' }),
      ],
    },
    {
      name: 'tsoa inherited handler: reported once, on the base that declares it, not on the controller that extends it',
      code: INHERITED,
      errors: [
        error(INHERITED, 'bindingNotInPath', 'tenantId', {
          route: 'GET /contracts/{id}',
          binding: '@Path() tenantId',
          path: "'/contracts/{id}'",
          hint: "If it comes from the query string, use @Query('tenantId'); otherwise add '{tenantId}' to the path.",
        }),
      ],
    },
    {
      name: 'tsoa pathAndQuery: one name from the path and the query string',
      code: PATH_AND_QUERY,
      errors: [
        error(PATH_AND_QUERY, 'pathAndQuery', "'tenantId'", { route: 'GET /tenants/{tenantId}', name: 'tenantId', pathBinding: '@Path() tenantId', queryBinding: "@Query('tenantId')" }),
      ],
    },
    {
      name: 'tsoa unsourcedParameter: what tsoa would infer, with @Path or @Query suggested',
      code: UNSOURCED,
      errors: [
        error(UNSOURCED, 'placeholderNotBound', "'tenants/{tenantId}'", {
          route: 'POST /tenants/{tenantId}',
          name: 'tenantId',
          placeholder: '{tenantId}',
          edit: 'Add a handler parameter @Path() tenantId: string',
        }, {
          suggestions: [{ desc: "Add @Path('tenantId') tenantId: string", output: UNSOURCED.replace('dryRun: boolean', "dryRun: boolean, @Path('tenantId') tenantId: string") }],
        }),
        error(UNSOURCED, 'unsourcedParameter', 'tenantId', {
          method: METHOD,
          name: 'tenantId',
          consequence: "tsoa infers where it comes from (the path if the route has '{tenantId}', else the query string)",
          edit: '@Path() or another parameter decorator',
        }, {
          suggestions: [{ desc: 'Add @Path()', output: UNSOURCED.replace('(tenantId: string', '(@Path() tenantId: string') }],
        }, 1),
        error(UNSOURCED, 'unsourcedParameter', 'dryRun', {
          method: METHOD,
          name: 'dryRun',
          consequence: "tsoa infers where it comes from (the path if the route has '{dryRun}', else the query string)",
          edit: '@Query(), @Body() or another parameter decorator',
        }, {
          suggestions: [{ desc: 'Add @Query()', output: UNSOURCED.replace('dryRun: boolean', '@Query() dryRun: boolean') }],
        }),
      ],
    },
    {
      name: 'tsoa unnamedParameter: a destructured @Path() has no name to match, so the placeholder it may read is not reported',
      code: DESTRUCTURED,
      errors: [
        error(DESTRUCTURED, 'unnamedParameter', '{ id }', { route: METHOD, method: METHOD }),
      ],
    },
    {
      name: 'tsoa duplicatePlaceholder: one name in the route path and the method path',
      code: DUPLICATE_PLACEHOLDER,
      errors: [error(DUPLICATE_PLACEHOLDER, 'duplicatePlaceholder', "'{id}'", { route: 'GET /items/{id}/{id}', name: 'id', path: '{id}' })],
    },
    {
      name: 'tsoa malformedPath: a placeholder never closed',
      code: MALFORMED,
      errors: [error(MALFORMED, 'malformedPath', "'items/{id'", { route: 'ContractsController', path: 'items/{id', problem: "'{' at position 7 is never closed" })],
    },
    {
      name: 'tsoa unverifiableRoutePart: a route path held in a let',
      code: UNRESOLVED,
      errors: [
        error(UNRESOLVED, 'unverifiableRoutePart', 'base', {
          route: 'ContractsController',
          subject: 'the path of @Route',
          reason: "'base' is declared with let or var, so its value can change",
          fix: 'Write a string literal, a const, or a concatenation of those.',
        }),
      ],
    },
  ],
  typedOnly: { valid: [{ name: 'tsoa: a route path imported from another module', code: IMPORTED_PATH }] },
  untypedOnly: {
    invalid: [
      {
        name: 'tsoa needsTypeInformation: a route path imported from another module',
        code: IMPORTED_PATH,
        errors: [
          error(IMPORTED_PATH, 'needsTypeInformation', 'TENANT_PATH', {
            route: 'ContractsController',
            subject: 'path of @Route',
            reason: "'TENANT_PATH' is imported from './routes', and resolving it across files needs type information",
          }, {}, 1),
        ],
      },
    ],
  },
});
