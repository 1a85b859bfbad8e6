import { code, testRule } from '../testing/rule-tester';
import { errorAt as error } from '../testing/locate';

/** Routes declared with NestJS (`@nestjs/common`), one case per message id the rule reports on them. */

const IMPORT = "import { Body, Controller, Delete, Get, HostParam, Param, Post, Query, RequestMapping, RequestMethod, Version } from '@nestjs/common';";

/** A controller with one handler, its class path, verb decorator and parameter list as given. */
const controller = (path: string, verb: string, parameters: string, after = '') => code`
  ${IMPORT}
  @Controller(${path})
  export class ContractsController {
    @${verb}
    find(${parameters}) {}
  }
  ${after}
`;


const UNBOUND = controller("'tenants/:tenantId'", "Get('contracts/:contractId')", "@Param('tenantId') tenantId: string");
const NEAR_MISS = controller("'tenants/:tenantId'", "Get(':contractId')", "@Param('tenantId') tenantId: string, @Param('contractID') contractId: string");
const FROM_QUERY = controller("'tenants/:tenantId'", 'Get()', "@Param('tenantId') tenantId: string, @Param('page') page: string");
const TWICE = controller("'tenants/:tenantId'", 'Get()', "@Param('tenantId') tenantId: string, @Param('tenantId') again: string, @Query('q') q: string, @Query() filter: { q: string; page: number }");
const PATH_AND_QUERY = controller("'tenants/:tenantId'", 'Get()', "@Param('tenantId') tenantId: string, @Query('tenantId') other: string");
const UNSOURCED = controller("'tenants/:tenantId'", "Delete(':id')", "@Param('tenantId') tenantId: string, id: string, force: boolean");
const DUPLICATE_PLACEHOLDER = controller("'items/:id'", "Get('parts/:id')", "@Param('id') id: string");
const COMPUTED = controller('basePath()', 'Get()', "@Param('tenantId') tenantId: string", 'declare function basePath(): string;');
const MALFORMED = controller("'files{/:folder'", 'Get()', "@Param('folder') folder: string");
const IMPORTED_TYPE = code`
  ${IMPORT}
  import type { ContractPath } from './routes';
  @Controller('tenants/:tenantId')
  export class ContractsController {
    @Get('contracts/:contractId')
    find(@Param() path: ContractPath) {}
  }
`;
const IMPORTED_PATH = code`
  ${IMPORT}
  import { TENANT_PATH } from './routes';
  @Controller(TENANT_PATH)
  export class ContractsController {
    @Get(':id')
    find(@Param('tenantId') tenantId: string, @Param('id') id: string) {}
  }
`;
const ROUTE = 'GET /tenants/:tenantId';
const MAPPING = controller("'tenants/:tenantId'", "RequestMapping({ path: ':id', method: RequestMethod.DELETE })", "@Param('tenantId') tenantId: string");
const HOST = controller("{ path: 'contracts', host: ':account.example.com', version: '2' }", "Get(':id')\n  @Version('3')", "@HostParam('acount') account: string, @Param('id') id: string");
const BASE = code`
  export abstract class CrudController {
    @Get(':id')
    find(@Param('tenantId') tenantId: string, @Param('id') id: string) {}
  }
`;
const INHERITED = `${IMPORT}\n${BASE}@Controller('tenants/:tenantId/capsules/:capsuleId/items')\nexport class ItemsController extends CrudController {}\n@Controller('contracts')\nexport class ContractsController extends CrudController {}\n`;
const IMPORTED_BASE = code`
  ${IMPORT}
  import { CrudController } from './routes';
  @Controller('tenants/:tenantId/contracts')
  export class ContractsController extends CrudController {}
`;

testRule('explicit-route-params', {
  valid: [
    { name: 'NestJS: the contract route, every placeholder bound once', code: controller("'tenants/:tenantId/capsules/:capsuleId'", "Get('contracts/:contractId')", "@Param('tenantId') tenantId: string, @Param('capsuleId') capsuleId: string, @Param('contractId') contractId: string") },
    { name: 'NestJS: a whole-object @Param() of a type in this file', code: controller("'tenants/:tenantId'", "Get(':id')", '@Param() path: { tenantId: string; id: string }') },
    { name: 'NestJS: query keys, a body and Express 5 optional groups', code: controller("'files'", "Post('{:folder/}*path')", "@Param('folder') folder: string, @Param('path') path: string[], @Query('dryRun') dryRun: string, @Body() body: unknown") },
    { name: 'NestJS: @RequestMapping with a path list', code: controller("'tenants/:tenantId'", "RequestMapping({ path: [':id', 'by-id/:id'], method: RequestMethod.GET })", "@Param('tenantId') tenantId: string, @Param('id') id: string") },
    { name: 'NestJS: a host parameter read with @HostParam, a version on the controller and the handler', code: controller("{ path: 'contracts', host: ':account.example.com', version: '2' }", "Get(':id')\n  @Version('3')", "@HostParam('account') account: string, @Param('id') id: string") },
    { name: 'NestJS: a handler inherited by a controller whose path holds what it reads', code: `${IMPORT}\n${BASE}@Controller('tenants/:tenantId/contracts')\nexport class ContractsController extends CrudController {}\n` },
    { name: 'NestJS: look-alike decorators from another module', code: "import { Controller, Get, Param } from './my-router';\n@Controller('t/:tenantId')\nclass C { @Get(':id') find(@Param('x') x: string, loose: string) {} }\n" },
  ],
  invalid: [
    {
      name: 'NestJS placeholderNotBound: on the path that holds the placeholder, suggesting the parameter',
      code: UNBOUND,
      errors: [
        error(UNBOUND, 'placeholderNotBound', "'contracts/:contractId'", {
          route: 'GET /tenants/:tenantId/contracts/:contractId',
          name: 'contractId',
          placeholder: ':contractId',
          edit: "Add a handler parameter @Param('contractId') contractId: string",
        }, {
          suggestions: [{ desc: "Add @Param('contractId') contractId: string", output: UNBOUND.replace("tenantId: string)", "tenantId: string, @Param('contractId') contractId: string)") }],
        }),
      ],
    },
    {
      name: 'NestJS bindingNotInPath: a near miss, renamed by the suggestion',
      code: NEAR_MISS,
      errors: [
        error(NEAR_MISS, 'placeholderNotBound', "':contractId'", {
          route: 'GET /tenants/:tenantId/:contractId',
          name: 'contractId',
          placeholder: ':contractId',
          edit: "Add a handler parameter @Param('contractId') contractId: string",
        }, {
          suggestions: [{ desc: "Add @Param('contractId') contractId: string", output: NEAR_MISS.replace('contractId: string)', "contractId: string, @Param('contractId') contractId: string)") }],
        }),
        error(NEAR_MISS, 'bindingNotInPath', "'contractID'", {
          route: 'GET /tenants/:tenantId/:contractId',
          binding: "@Param('contractID')",
          path: "'/tenants/:tenantId/:contractId'",
          hint: "Did you mean 'contractId'? Names are compared exactly.",
        }, {
          suggestions: [{ desc: "Rename 'contractID' to 'contractId'", output: NEAR_MISS.replace("'contractID'", "'contractId'") }],
        }),
      ],
    },
    {
      name: 'NestJS bindingNotInPath: a name the path lacks, with the query string as the alternative',
      code: FROM_QUERY,
      errors: [
        error(FROM_QUERY, 'bindingNotInPath', "'page'", {
          route: ROUTE,
          binding: "@Param('page')",
          path: "'/tenants/:tenantId'",
          hint: "If it comes from the query string, read it with @Query('page'); otherwise add ':page' to the path.",
        }),
      ],
    },
    {
      name: 'NestJS duplicateBinding: @Param twice, and a @Query key a @Query() object also reads',
      code: TWICE,
      errors: [
        error(TWICE, 'duplicateBinding', "'tenantId'", { route: ROUTE, name: 'tenantId', binding: "@Param('tenantId')", first: "@Param('tenantId')" }, {}, 1),
        error(TWICE, 'duplicateBinding', 'filter', { route: ROUTE, name: 'q', binding: "'q' of @Query() filter: { q: string; page: number }", first: "@Query('q')" }),
      ],
    },
    {
      name: 'NestJS pathAndQuery: one name read from the path and from the query string',
      code: PATH_AND_QUERY,
      errors: [
        error(PATH_AND_QUERY, 'pathAndQuery', "'tenantId'", { route: ROUTE, name: 'tenantId', pathBinding: "@Param('tenantId')", queryBinding: "@Query('tenantId')" }, {}, 1),
      ],
    },
    {
      name: 'NestJS unsourcedParameter: @Param suggested for a placeholder name, @Query otherwise',
      code: UNSOURCED,
      errors: [
        error(UNSOURCED, 'placeholderNotBound', "':id'", { route: 'DELETE /tenants/:tenantId/:id', name: 'id', placeholder: ':id', edit: "Add a handler parameter @Param('id') id: string" }, {
          suggestions: [{ desc: "Add @Param('id') id: string", output: UNSOURCED.replace('force: boolean', "force: boolean, @Param('id') id: string") }],
        }),
        error(UNSOURCED, 'unsourcedParameter', 'id', { method: 'ContractsController.find', name: 'id', consequence: 'NestJS passes undefined for it at run time', edit: "@Param('id') or another parameter decorator" }, {
          suggestions: [{ desc: "Add @Param('id')", output: UNSOURCED.replace(', id: string', ", @Param('id') id: string") }],
        }, 1),
        error(UNSOURCED, 'unsourcedParameter', 'force', { method: 'ContractsController.find', name: 'force', consequence: 'NestJS passes undefined for it at run time', edit: "@Query('force'), @Body() or another parameter decorator" }, {
          suggestions: [{ desc: "Add @Query('force')", output: UNSOURCED.replace('force: boolean', "@Query('force') force: boolean") }],
        }),
      ],
    },
    {
      name: 'NestJS duplicatePlaceholder: one name in the controller path and the method path',
      code: DUPLICATE_PLACEHOLDER,
      errors: [error(DUPLICATE_PLACEHOLDER, 'duplicatePlaceholder', "'parts/:id'", { route: 'GET /items/:id/parts/:id', name: 'id', path: 'parts/:id' })],
    },
    {
      name: 'NestJS unverifiableRoutePart: a controller path computed at run time',
      code: COMPUTED,
      errors: [
        error(COMPUTED, 'unverifiableRoutePart', 'basePath()', {
          route: 'ContractsController',
          subject: 'the path of @Controller',
          reason: "'basePath()' is a function call, whose result is only known at run time",
          fix: 'Write a string literal, a const, or a concatenation of those.',
        }),
      ],
    },
    {
      name: 'NestJS malformedPath: an optional group never closed',
      code: MALFORMED,
      errors: [error(MALFORMED, 'malformedPath', "'files{/:folder'", { route: 'ContractsController', path: 'files{/:folder', problem: "'{' at position 6 opens an optional group that is never closed" })],
    },
    {
      name: 'NestJS @RequestMapping: its path and method read like a verb decorator\'s',
      code: MAPPING,
      errors: [
        error(MAPPING, 'placeholderNotBound', "':id'", { route: 'DELETE /tenants/:tenantId/:id', name: 'id', placeholder: ':id', edit: "Add a handler parameter @Param('id') id: string" }, {
          suggestions: [{ desc: "Add @Param('id') id: string", output: MAPPING.replace('tenantId: string)', "tenantId: string, @Param('id') id: string)") }],
        }),
      ],
    },
    {
      name: 'NestJS bindingNotInHost: @HostParam naming no placeholder of the host',
      code: HOST,
      errors: [
        error(HOST, 'bindingNotInHost', "'acount'", {
          route: 'GET /contracts/:id',
          binding: "@HostParam('acount')",
          host: "':account.example.com'",
          hint: "Add ':acount' to the host in @Controller({ host }), or read it with @Param('acount') if it comes from the path.",
        }),
      ],
    },
    {
      name: 'NestJS inherited handlers: what each controller path lacks or adds, on that path',
      code: INHERITED,
      errors: [
        error(INHERITED, 'placeholderNotBound', "'tenants/:tenantId/capsules/:capsuleId/items'", {
          route: 'GET /tenants/:tenantId/capsules/:capsuleId/items/:id (CrudController.find, inherited by ItemsController)',
          name: 'capsuleId',
          placeholder: ':capsuleId',
          edit: "Add a handler parameter @Param('capsuleId') capsuleId: string",
        }),
        error(INHERITED, 'bindingNotInPath', "'contracts'", {
          route: 'GET /contracts/:id (CrudController.find, inherited by ContractsController)',
          binding: "@Param('tenantId')",
          path: "'/contracts/:id'",
          hint: "If it comes from the query string, read it with @Query('tenantId'); otherwise add ':tenantId' to the path.",
        }),
      ],
    },
  ],
  typedOnly: {
    valid: [
      { name: 'NestJS: a whole-object @Param() whose type is imported', code: IMPORTED_TYPE },
      { name: 'NestJS: a controller path imported from another module', code: IMPORTED_PATH },
    ],
    invalid: [
      {
        name: 'NestJS with type information: a handler inherited from a base class in another module, checked on the controller path',
        code: IMPORTED_BASE,
        errors: [
          error(IMPORTED_BASE, 'placeholderNotBound', "'tenants/:tenantId/contracts'", {
            route: 'GET /tenants/:tenantId/contracts/:contractId (CrudController.find, inherited by ContractsController)',
            name: 'tenantId',
            placeholder: ':tenantId',
            edit: "Add a handler parameter @Param('tenantId') tenantId: string",
          }),
        ],
      },
    ],
  },
  untypedOnly: {
    invalid: [
      {
        name: 'NestJS needsTypeInformation: a controller extending a class imported from another module',
        code: IMPORTED_BASE,
        errors: [
          error(IMPORTED_BASE, 'needsTypeInformation', 'CrudController', {
            route: 'ContractsController',
            subject: "handlers ContractsController inherits from 'CrudController'",
            reason: "'CrudController' is imported from './routes', and resolving it across files needs type information",
          }, {}, 1),
        ],
      },
      {
        name: 'NestJS needsTypeInformation: a whole-object @Param() whose type is imported',
        code: IMPORTED_TYPE,
        errors: [
          error(IMPORTED_TYPE, 'needsTypeInformation', 'path', {
            route: 'ContractsController.find',
            subject: 'names that @Param() path: ContractPath reads',
            reason: "its type 'ContractPath' is not declared in this file as an interface, class or type literal",
          }),
        ],
      },
      {
        name: 'NestJS needsTypeInformation: a controller path imported from another module',
        code: IMPORTED_PATH,
        errors: [
          error(IMPORTED_PATH, 'needsTypeInformation', 'TENANT_PATH', {
            route: 'ContractsController',
            subject: 'path of @Controller',
            reason: "'TENANT_PATH' is imported from './routes', and resolving it across files needs type information",
          }, {}, 1),
        ],
      },
    ],
  },
});
