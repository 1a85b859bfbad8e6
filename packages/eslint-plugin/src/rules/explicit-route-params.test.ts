import { testRule, type InvalidCase } from '../testing/rule-tester';

const IMPORT = "import { apiEndpoint } from '@capsule-guard/core';";
const PATH = "'/accounts/{accountId}/contacts/{contactId}/activities'";
const PARAMS = 'accountId: string, contactId: string, query: ActivityQuery';
const ROUTE = 'GET /accounts/{accountId}/contacts/{contactId}/activities';
const METHOD = 'ActivityController.listContactActivities';

interface RouteShape {
  /** The @apiEndpoint options as written; they start on line 3, column 16. */
  readonly options: string;
  /** The method's parameters; they start on line 4, column 31. */
  readonly params?: string;
  readonly after?: readonly string[];
  readonly importLine?: string;
}

function routeCode({ options, params = PARAMS, after = [], importLine = IMPORT }: RouteShape): string {
  return [
    importLine,
    'class ActivityController {',
    `  @apiEndpoint(${options})`,
    `  async listContactActivities(${params}) {}`,
    '}',
    ...after,
    '',
  ].join('\n');
}

/** Options `{ path: <path>, method: 'GET', <rest> }`. */
const withLists = (rest: string, path = PATH) => `{ path: ${path}, method: 'GET', ${rest} }`;

/** Where `text` is, given the column it starts at on `line`. */
const at = (line: number, column: number, text: string) => ({ line, column, endLine: line, endColumn: column + text.length });
/** Where `needle` is within the options on line 3. */
const inOptions = (options: string, needle: string, nth = 0) => {
  let index = -1;
  for (let i = 0; i <= nth; i += 1) index = options.indexOf(needle, index + 1);
  return at(3, 16 + index, needle);
};
/** Where `needle` is within the parameter list on line 4. */
const inParams = (params: string, needle: string) => at(4, 31 + params.indexOf(needle), needle);

/** A suggestion and the code once it is applied: the route with the options (and parameters) given. */
const fixedTo = (desc: string, options: string, params?: string) => ({ desc, output: routeCode({ options, params }) });

function invalid(name: string, shape: RouteShape, errors: InvalidCase['errors'], extra: Partial<InvalidCase> = {}): InvalidCase {
  return { name, code: routeCode(shape), errors, ...extra };
}

const MISSING_QUERY = withLists("pathParams: ['accountId', 'contactId']");
const DUPLICATE = withLists("pathParams: ['accountId', 'contactId', 'accountId'], queryParams: ['query']");
const BOTH = withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query', 'accountId']");
const UNDECLARED_PLACEHOLDER = withLists("pathParams: ['accountId'], queryParams: ['query']");
const EXTRA_PATH_PARAM = withLists("pathParams: ['accountId', 'contactId', 'extra'], queryParams: ['query']");
const EXTRA_QUERY_PARAM = withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query', 'page']");
const UNDECLARED_QUERY = withLists("pathParams: ['accountId', 'contactId'], queryParams: []");

testRule('explicit-route-params', {
  valid: [
    { name: 'the SPEC example', code: routeCode({ options: withLists("permission: 'crm.activity.read', pathParams: ['accountId', 'contactId'], queryParams: ['query']") }) },
    {
      name: 'Unicode placeholders and parameters',
      code: routeCode({
        options: withLists("pathParams: ['naïve', '名前'], queryParams: ['query']", "'/users/{naïve}/:名前'"),
        params: 'naïve: string, 名前: string, query: ActivityQuery',
      }),
    },
    {
      name: ':name path syntax',
      code: routeCode({ options: withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']", "'/accounts/:accountId/contacts/:contactId/activities'") }),
    },
    {
      name: 'empty lists, a body and a request-context parameter',
      code: routeCode({
        options: "{ path: '/accounts', method: 'POST', pathParams: [], queryParams: [], body: 'input' }",
        params: 'input: CreateAccount, context: RequestContext',
      }),
    },
    {
      name: 'request-context types named by the requestContextTypes option',
      code: routeCode({ options: "{ path: '/health', method: 'GET', pathParams: [], queryParams: [] }", params: 'context: HttpContext' }),
      options: [{ requestContextTypes: ['HttpContext'] }],
    },
    {
      name: 'lists held in consts',
      code: routeCode({ options: withLists('pathParams: PATH_PARAMS, queryParams: QUERY_PARAMS'), after: ["const PATH_PARAMS = ['accountId', 'contactId'] as const;", "const QUERY_PARAMS: readonly string[] = ['query'];"] }),
    },
    {
      name: 'an @apiEndpoint decorator from another module is not ours',
      code: routeCode({ options: "{ path: '/accounts/{id}' }", importLine: "import { apiEndpoint } from 'some-router';" }),
    },
  ],
  invalid: [
    invalid(
      'a list pushed to before it is read',
      { options: withLists('pathParams: PATH_PARAMS, queryParams: []'), after: ["const PATH_PARAMS = ['accountId', 'contactId'];", "PATH_PARAMS.push('extra');"] },
      [
        {
          messageId: 'mutableValue',
          data: { route: ROUTE, subject: "'pathParams' list", reason: "'PATH_PARAMS' is declared without 'as const' or a readonly type, so its contents can change" },
          ...inOptions(withLists('pathParams: PATH_PARAMS, queryParams: []'), 'PATH_PARAMS'),
        },
      ],
    ),
    invalid('queryParams missing, reported on the options object', { options: MISSING_QUERY }, [
      {
        messageId: 'missingList',
        data: { route: ROUTE, list: 'queryParams', names: "'query'" },
        ...at(3, 16, MISSING_QUERY),
        suggestions: [
          {
            desc: "Declare queryParams: ['query']",
            output: routeCode({ options: withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']") }),
          },
        ],
      },
    ]),
    invalid('a name twice in one list', { options: DUPLICATE }, [
      {
        messageId: 'duplicateInList',
        data: { route: ROUTE, name: 'accountId', list: 'pathParams' },
        ...inOptions(DUPLICATE, "'accountId'", 1),
        suggestions: [fixedTo("Remove the duplicate 'accountId' from pathParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']"))],
      },
    ]),
    invalid('a name in both lists', { options: BOTH }, [
      {
        messageId: 'inBothLists',
        data: { route: ROUTE, name: 'accountId', keepIn: 'pathParams' },
        ...inOptions(BOTH, "'accountId'", 1),
        suggestions: [fixedTo("Keep 'accountId' only in pathParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']"))],
      },
    ]),
    invalid('a placeholder twice in the path', { options: "{ path: '/a/{id}/b/{id}', method: 'GET', pathParams: ['id'], queryParams: [] }", params: 'id: string' }, [
      { messageId: 'duplicatePlaceholder', data: { route: 'GET /a/{id}/b/{id}', name: 'id', path: '/a/{id}/b/{id}' }, ...at(3, 24, "'/a/{id}/b/{id}'") },
    ]),
    invalid(
      'a path placeholder not in pathParams, and its parameter undeclared',
      { options: UNDECLARED_PLACEHOLDER },
      [
        {
          messageId: 'placeholderNotDeclared',
          data: { route: ROUTE, name: 'contactId' },
          ...inOptions(UNDECLARED_PLACEHOLDER, PATH),
          suggestions: [fixedTo("Add 'contactId' to pathParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']"))],
        },
        {
          messageId: 'undeclaredParameter',
          data: { route: ROUTE, name: 'contactId', method: METHOD, list: 'pathParams' },
          ...inParams(PARAMS, 'contactId'),
          suggestions: [
            fixedTo("Add 'contactId' to pathParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']")),
            fixedTo("Declare body: 'contactId'", withLists("pathParams: ['accountId'], queryParams: ['query'], body: 'contactId'")),
          ],
        },
      ],
    ),
    invalid('a pathParams name that is neither in the path nor a parameter', { options: EXTRA_PATH_PARAM }, [
      {
        messageId: 'notInPath',
        data: {
          route: ROUTE,
          name: 'extra',
          path: '/accounts/{accountId}/contacts/{contactId}/activities',
          hint: 'If it comes from the query string, move it to queryParams; otherwise add it to the path.',
        },
        ...inOptions(EXTRA_PATH_PARAM, "'extra'"),
        suggestions: [fixedTo("Move 'extra' to queryParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query', 'extra']"))],
      },
      {
        messageId: 'notAMethodParameter',
        data: { route: ROUTE, list: 'pathParams', name: 'extra', method: METHOD },
        ...inOptions(EXTRA_PATH_PARAM, "'extra'"),
        suggestions: [fixedTo("Remove 'extra' from pathParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']"))],
      },
    ]),
    invalid('a queryParams name that is not a parameter', { options: EXTRA_QUERY_PARAM }, [
      {
        messageId: 'notAMethodParameter',
        data: { route: ROUTE, list: 'queryParams', name: 'page', method: METHOD },
        ...inOptions(EXTRA_QUERY_PARAM, "'page'"),
        suggestions: [fixedTo("Remove 'page' from queryParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']"))],
      },
    ]),
    invalid('a method parameter declared nowhere, reported on the parameter', { options: UNDECLARED_QUERY }, [
      {
        messageId: 'undeclaredParameter',
        data: { route: ROUTE, name: 'query', method: METHOD, list: 'queryParams' },
        ...inParams(PARAMS, 'query'),
        suggestions: [
          fixedTo("Add 'query' to queryParams", withLists("pathParams: ['accountId', 'contactId'], queryParams: ['query']")),
          fixedTo("Declare body: 'query'", withLists("pathParams: ['accountId', 'contactId'], queryParams: [], body: 'query'")),
        ],
      },
    ]),
    invalid(
      'the force parameter of a POST, with a body declared: only the list is suggested',
      {
        options: "{ path: '/accounts/{accountId}', method: \"POST\", pathParams: [\"accountId\"], queryParams: [\"dryRun\",], body: 'input' }",
        params: 'accountId: string, input: Input, dryRun: boolean, force: boolean',
      },
      [
        {
          messageId: 'undeclaredParameter',
          data: { route: 'POST /accounts/{accountId}', name: 'force', method: METHOD, list: 'queryParams' },
          ...inParams('accountId: string, input: Input, dryRun: boolean, force: boolean', 'force'),
          suggestions: [
            fixedTo(
              "Add 'force' to queryParams",
              "{ path: '/accounts/{accountId}', method: \"POST\", pathParams: [\"accountId\"], queryParams: [\"dryRun\", \"force\",], body: 'input' }",
              'accountId: string, input: Input, dryRun: boolean, force: boolean',
            ),
          ],
        },
      ],
    ),
    invalid(
      'a pathParams name differing from a placeholder in case only: renamed, and the query param moved',
      { options: withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: []"), params: 'accountId: string, contactId: string, query: string' },
      [
        {
          messageId: 'placeholderNotDeclared',
          data: { route: ROUTE, name: 'accountId' },
          ...inOptions(withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: []"), PATH),
          suggestions: [
            fixedTo(
              "Rename 'accountid' to 'accountId' in pathParams",
              withLists("pathParams: ['accountId', 'contactId', 'query'], queryParams: []"),
              'accountId: string, contactId: string, query: string',
            ),
          ],
        },
        {
          messageId: 'notInPath',
          data: {
            route: ROUTE,
            name: 'accountid',
            path: '/accounts/{accountId}/contacts/{contactId}/activities',
            hint: "Did you mean 'accountId'? Names are compared exactly.",
          },
          ...inOptions(withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: []"), "'accountid'"),
          suggestions: [
            fixedTo(
              "Rename 'accountid' to 'accountId' in pathParams",
              withLists("pathParams: ['accountId', 'contactId', 'query'], queryParams: []"),
              'accountId: string, contactId: string, query: string',
            ),
          ],
        },
        {
          messageId: 'notAMethodParameter',
          data: { route: ROUTE, list: 'pathParams', name: 'accountid', method: METHOD },
          ...inOptions(withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: []"), "'accountid'"),
          suggestions: [
            fixedTo(
              "Remove 'accountid' from pathParams",
              withLists("pathParams: ['contactId', 'query'], queryParams: []"),
              'accountId: string, contactId: string, query: string',
            ),
          ],
        },
        {
          messageId: 'notInPath',
          data: {
            route: ROUTE,
            name: 'query',
            path: '/accounts/{accountId}/contacts/{contactId}/activities',
            hint: 'If it comes from the query string, move it to queryParams; otherwise add it to the path.',
          },
          ...inOptions(withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: []"), "'query'"),
          suggestions: [
            fixedTo(
              "Move 'query' to queryParams",
              withLists("pathParams: ['accountid', 'contactId'], queryParams: ['query']"),
              'accountId: string, contactId: string, query: string',
            ),
          ],
        },
        {
          messageId: 'undeclaredParameter',
          data: { route: ROUTE, name: 'accountId', method: METHOD, list: 'pathParams' },
          ...inParams('accountId: string, contactId: string, query: string', 'accountId'),
          suggestions: [
            fixedTo(
              "Rename 'accountid' to 'accountId' in pathParams",
              withLists("pathParams: ['accountId', 'contactId', 'query'], queryParams: []"),
              'accountId: string, contactId: string, query: string',
            ),
            fixedTo(
              "Declare body: 'accountId'",
              withLists("pathParams: ['accountid', 'contactId', 'query'], queryParams: [], body: 'accountId'"),
              'accountId: string, contactId: string, query: string',
            ),
          ],
        },
      ],
    ),
    invalid('a malformed path', { options: "{ path: '/accounts/{accountId', method: 'GET', pathParams: ['accountId'], queryParams: [] }", params: 'accountId: string' }, [
      {
        messageId: 'malformedPath',
        data: { route: 'GET /accounts/{accountId', path: '/accounts/{accountId', problem: "'{' at position 11 is never closed" },
        ...at(3, 24, "'/accounts/{accountId'"),
      },
    ]),
    invalid('a path computed at run time fails closed', { options: "{ path: buildPath(), method: 'GET', pathParams: [], queryParams: [] }", params: '', after: ["function buildPath(): string { return '/'; }"] }, [
      {
        messageId: 'unverifiablePath',
        data: { route: METHOD, reason: ": 'buildPath()' is a function call, whose result is only known at run time" },
        ...at(3, 24, 'buildPath()'),
      },
    ]),
  ],
});
