import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, resolveOptions } from '../../options';
import { checkBothModes, summary, where } from '../../testing/both-modes';
import { checkCode, type CheckOptions } from '../../testing/check-code';

const RULE = 'capsule-guard/explicit-route-params';
const IMPORT = "import { apiEndpoint } from '@capsule-guard/core';";
const OPTIONS_COLUMN = 16;
const PARAMS_COLUMN = 10;
const METHOD = 'AccountController.handle';

/**
 * A controller whose `@apiEndpoint(<options>)` options start on line 5, column 16, and whose
 * method parameters start on line 6, column 10. `before` goes on line 3 (a const, a type).
 */
const route = (options: string, params = 'accountId: string, query: Query', before = '') => `${IMPORT}
interface Query { page: number }
${before}
class AccountController {
  @apiEndpoint(${options})
  handle(${params}) {}
}
`;

/** Where `needle` (its `nth` occurrence) is in the options on line 5: [line, column, text]. */
const inOptions = (options: string, needle: string, nth = 0): [number, number, string] => {
  let index = -1;
  for (let i = 0; i <= nth; i += 1) index = options.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`'${needle}' is not in ${options}`);
  return [5, OPTIONS_COLUMN + index, needle];
};
/** Where `needle` is in the parameter list on line 6. */
const inParams = (params: string, needle: string): [number, number, string] => [6, PARAMS_COLUMN + params.indexOf(needle), needle];

/**
 * Runs the engine untyped, typed with TC39 decorators and typed with experimentalDecorators,
 * asserts all three agree, and returns the findings.
 */
function checkRoute(code: string, settings: Omit<CheckOptions, 'typed' | 'experimentalDecorators'> = {}) {
  const findings = checkBothModes(code, settings);
  const experimental = checkCode(code, { ...settings, typed: true, experimentalDecorators: true });
  expect(experimental.map(summary)).toEqual(findings.map(summary));
  return findings;
}

const finding = (messageId: string, [line, column, text]: [number, number, string]) => [RULE, messageId, line, column, text];

describe('valid routes', () => {
  it.each([
    ['the SPEC example', "{ path: '/accounts/{accountId}', method: 'GET', permission: 'crm.read', pathParams: ['accountId'], queryParams: ['query'] }"],
    [':name path syntax', "{ path: '/accounts/:accountId', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }"],
    ['a trailing slash', "{ path: '/accounts/{accountId}/', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }"],
    ['a path held in a const and concatenated', "{ path: BASE + '/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }"],
    ['lists held in as-const consts and spread', "{ path: '/accounts/{accountId}', method: 'GET', pathParams: PATH_PARAMS, queryParams: [...QUERY_PARAMS] }"],
    ['options in an as-const const', 'OPTIONS'],
  ])('accepts %s', (_, options) => {
    const before = `const BASE = '/accounts';
const PATH_PARAMS = ['accountId'] as const;
const QUERY_PARAMS = ['query'] as const;
const OPTIONS = { path: '/accounts/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] } as const;`;
    expect(checkRoute(route(options, undefined, before))).toEqual([]);
  });

  it('accepts empty lists, a body, a request context and a this parameter', () => {
    const code = route(
      "{ path: '/accounts', method: 'POST', pathParams: [], queryParams: [], body: 'input' }",
      'this: AccountController, input: Query, context: RequestContext',
      'interface RequestContext { user: string }',
    );
    expect(checkRoute(code)).toEqual([]);
  });

  it('accepts request-context types named by the requestContextTypes option', () => {
    const code = route("{ path: '/health', method: 'GET', pathParams: [], queryParams: [] }", 'context: Http.Context', 'declare namespace Http { interface Context { user: string } }');
    expect(checkRoute(code, { options: resolveOptions({ requestContextTypes: ['Context'] }) })).toEqual([]);
    expect(where(checkRoute(code))).toEqual([finding('undeclaredParameter', [6, PARAMS_COLUMN, 'context'])]);
  });

  it('accepts an aliased and a namespace-imported decorator', () => {
    const code = `import { apiEndpoint as endpoint } from '@capsule-guard/core';
import * as cg from '@capsule-guard/core';
class Routes {
  @endpoint({ path: '/a/{id}', method: 'GET', pathParams: ['id'], queryParams: [] }) one(id: string) {}
  @cg.apiEndpoint({ path: '/b/:id', method: 'GET', pathParams: ['id'], queryParams: [] }) two(id: string) {}
}
`;
    expect(checkRoute(code)).toEqual([]);
  });

  it('does not check methods without our decorator, nor an apiEndpoint from another module', () => {
    const code = `import { apiEndpoint } from 'some-router';
import { entity } from '@capsule-guard/core';
class Routes {
  @apiEndpoint({ path: '/a/{id' }) one(id: string) {}
  plain(id: string) {}
}
`;
    expect(checkRoute(code)).toEqual([]);
  });
});

describe('unverifiableOptions', () => {
  it.each([
    ['no options', '()', "the decorator is given no options", [5, 4, 'apiEndpoint()']],
    ['the bare decorator', '', "the decorator is given no options", [5, 4, 'apiEndpoint']],
    ['options from a call', '(makeOptions())', "'makeOptions()' is not an object literal", [5, 16, 'makeOptions()']],
    ['options in a let', '(options)', "'options' is declared with let or var, so its value can change", [5, 16, 'options']],
  ] as const)('reports %s', (_, call, reason, location) => {
    const code = `${IMPORT}
declare function makeOptions(): object;
let options = {};
class AccountController {
  @apiEndpoint${call}
  handle(accountId: string) {}
}
`;
    const findings = checkRoute(code);
    expect(where(findings)).toEqual([finding('unverifiableOptions', [...location])]);
    expect(findings[0].data).toEqual({ route: METHOD, reason });
  });

  it('names the route and says what to write', () => {
    const [found] = checkRoute(route('makeOptions()', undefined, 'declare function makeOptions(): object;'));
    expect(found.message).toBe(
      "Route AccountController.handle: the @apiEndpoint options are not a statically known object literal ('makeOptions()' is not an object literal). Write them as an object literal in the decorator.",
    );
  });
});

describe('missingPath and missingList', () => {
  it('reports a missing path on the options object, naming the method', () => {
    const options = "{ method: 'GET', pathParams: [], queryParams: ['query'] }";
    const findings = checkRoute(route(options, 'query: Query'));
    expect(where(findings)).toEqual([finding('missingPath', inOptions(options, options))]);
    expect(findings[0].message).toBe("Route AccountController.handle has no 'path'. Add path: '/resource/{id}'.");
  });

  it('reports each missing list on the options object with what it would contain', () => {
    const options = "{ path: '/accounts/{accountId}', method: 'GET' }";
    const findings = checkRoute(route(options));
    expect(where(findings)).toEqual([finding('missingList', inOptions(options, options)), finding('missingList', inOptions(options, options))]);
    expect(findings.map((f) => f.data)).toEqual([
      { route: 'GET /accounts/{accountId}', list: 'pathParams', names: "'accountId'" },
      { route: 'GET /accounts/{accountId}', list: 'queryParams', names: "'query'" },
    ]);
    expect(findings[1].message).toBe(
      "Route GET /accounts/{accountId} does not declare 'queryParams'. Nothing is inferred: add queryParams: ['query'] (an empty array if there are none).",
    );
    const afterMethod = route(options).indexOf("'GET'") + "'GET'".length;
    expect(findings[0].suggestions).toEqual([
      { description: "Declare pathParams: ['accountId']", edits: [{ start: afterMethod, end: afterMethod, text: ", pathParams: ['accountId']" }] },
    ]);
  });

  it('reports a missing queryParams with an empty suggestion when every parameter is in the path', () => {
    const options = "{ path: '/accounts/:accountId', method: 'DELETE', pathParams: ['accountId'] }";
    const findings = checkRoute(route(options, 'accountId: string'));
    expect(where(findings)).toEqual([finding('missingList', inOptions(options, options))]);
    expect(findings[0].data).toEqual({ route: 'DELETE /accounts/:accountId', list: 'queryParams', names: '' });
  });
});

describe('unverifiablePath and malformedPath', () => {
  it.each([
    ['a function call', 'buildPath()', ": 'buildPath()' is a function call, whose result is only known at run time"],
    ['a let', 'mutablePath', ": 'mutablePath' is declared with let or var, so its value can change"],
    ['a parameter-free template with a call', '`/a/${buildPath()}`', ": 'buildPath()' is a function call, whose result is only known at run time"],
  ])('reports a path from %s on the path, naming the method', (_, path, reason) => {
    const options = `{ path: ${path}, method: 'GET', pathParams: [], queryParams: [] }`;
    const findings = checkRoute(route(options, '', "declare function buildPath(): string; let mutablePath = '/a';"));
    expect(where(findings)).toEqual([finding('unverifiablePath', [5, OPTIONS_COLUMN + options.indexOf(path), path])]);
    expect(findings[0].data).toEqual({ route: METHOD, reason });
  });

  it.each([
    ['/accounts/{accountId', "'{' at position 11 is never closed"],
    ['/accounts/{}', "'{}' is an empty placeholder; name the parameter, e.g. '{id}'"],
    ['/accounts/{account-id}', "'{account-id}' is not a parameter name ('account-id' is not an identifier)"],
    ['/accounts/:', "':' at position 11 is not followed by a parameter name"],
    ['/accounts/:a:b', "':a:' — a ':name' placeholder must fill its whole path segment"],
    ['/accounts/{a}{b}', "'{a}' is directly followed by another placeholder, so where one value ends is unknown; separate them, e.g. with '/'"],
  ])('reports the malformed path %j on the path', (path, problem) => {
    const options = `{ path: '${path}', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }`;
    const findings = checkRoute(route(options));
    expect(where(findings)).toEqual([finding('malformedPath', inOptions(options, `'${path}'`))]);
    expect(findings[0].data).toEqual({ route: `GET ${path}`, path, problem });
    expect(findings[0].message).toBe(`Route GET ${path}: the path '${path}' is malformed: ${problem}.`);
  });

  it('reports a path from a const on the const\'s name in the decorator', () => {
    const options = "{ path: PATH, method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }";
    const findings = checkRoute(route(options, undefined, "const PATH = '/accounts/{accountId';"));
    expect(where(findings)).toEqual([finding('malformedPath', inOptions(options, 'PATH'))]);
  });
});

describe('duplicatePlaceholder', () => {
  it.each([
    ['/a/{id}/b/{id}'],
    ['/a/:id/b/:id'],
    ['/a/{id}/b/:id'],
    ['/a/{id}/b/{id}/c/{id}'],
  ])('reports a placeholder repeated in %j once, on the path', (path) => {
    const options = `{ path: '${path}', method: 'GET', pathParams: ['id'], queryParams: [] }`;
    const findings = checkRoute(route(options, 'id: string'));
    expect(where(findings)).toEqual([finding('duplicatePlaceholder', inOptions(options, `'${path}'`))]);
    expect(findings[0].data).toEqual({ route: `GET ${path}`, name: 'id', path });
  });
});

describe('unverifiableList', () => {
  it.each([
    ['a function call', 'pathParams', 'names()', ": 'names()' is not an array literal"],
    ['a let', 'queryParams', 'mutableList', ": 'mutableList' is declared with let or var, so its value can change"],
    ['a non-string element', 'queryParams', "['query', 42]", ": '42' is a number, not a string"],
  ])('reports a list from %s on the list', (_, list, value, reason) => {
    const options = `{ path: '/accounts', method: 'GET', pathParams: [], queryParams: [], ${list}: ${value} }`.replace(`${list}: [], `, '');
    const findings = checkRoute(route(options, 'query: Query', "declare function names(): string[]; let mutableList = ['query'];"));
    expect(where(findings)).toEqual([finding('unverifiableList', inOptions(options, value))]);
    expect(findings[0].data).toEqual({ route: 'GET /accounts', list, reason });
  });
});

describe('duplicateInList and inBothLists', () => {
  it('reports a name twice in one list on its second occurrence', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId', 'accountId'], queryParams: ['query', 'query'] }";
    const findings = checkRoute(route(options));
    expect(where(findings)).toEqual([
      finding('duplicateInList', inOptions(options, "'accountId'", 1)),
      finding('duplicateInList', inOptions(options, "'query'", 1)),
    ]);
    expect(findings.map((f) => f.data)).toEqual([
      { route: 'GET /a/{accountId}', name: 'accountId', list: 'pathParams' },
      { route: 'GET /a/{accountId}', name: 'query', list: 'queryParams' },
    ]);
  });

  it('reports a duplicate in a const list on the const in the decorator', () => {
    const options = "{ path: '/a', method: 'GET', pathParams: [], queryParams: QUERY }";
    const findings = checkRoute(route(options, 'query: Query', "const QUERY = ['query', 'query'] as const;"));
    expect(where(findings)).toEqual([finding('duplicateInList', inOptions(options, 'QUERY'))]);
  });

  it('reports a name in both lists on the queryParams element, saying which list keeps it', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: ['query', 'accountId'] }";
    const findings = checkRoute(route(options));
    expect(where(findings)).toEqual([finding('inBothLists', inOptions(options, "'accountId'", 1))]);
    expect(findings[0].data).toEqual({ route: 'GET /a/{accountId}', name: 'accountId', keepIn: 'pathParams' });
  });

  it('keeps a name that is not a path placeholder in queryParams', () => {
    const options = "{ path: '/a', method: 'GET', pathParams: ['query'], queryParams: ['query'] }";
    const findings = checkRoute(route(options, 'query: Query'));
    expect(where(findings)).toEqual([finding('notInPath', inOptions(options, "'query'")), finding('inBothLists', inOptions(options, "'query'", 1))]);
    expect(findings[1].data.keepIn).toBe('queryParams');
  });
});

describe('placeholderNotDeclared and notInPath', () => {
  it('reports a placeholder missing from pathParams on the path, and its parameter on the parameter', () => {
    const options = "{ path: '/a/{accountId}/b/:contactId', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }";
    const params = 'accountId: string, contactId: string, query: Query';
    const findings = checkRoute(route(options, params));
    expect(where(findings)).toEqual([
      finding('placeholderNotDeclared', inOptions(options, "'/a/{accountId}/b/:contactId'")),
      finding('undeclaredParameter', inParams(params, 'contactId')),
    ]);
    expect(findings[0].data).toEqual({ route: 'GET /a/{accountId}/b/:contactId', name: 'contactId' });
    expect(findings[1].data).toEqual({ route: 'GET /a/{accountId}/b/:contactId', name: 'contactId', method: METHOD, list: 'pathParams' });
  });

  it('reports a pathParams name without a placeholder on the element, suggesting the placeholder that differs in case', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountid'], queryParams: ['query'] }";
    const findings = checkRoute(route(options, 'accountid: string, query: Query'));
    expect(where(findings)).toEqual([
      finding('placeholderNotDeclared', inOptions(options, "'/a/{accountId}'")),
      finding('notInPath', inOptions(options, "'accountid'")),
    ]);
    expect(findings[1].data).toEqual({ route: 'GET /a/{accountId}', name: 'accountid', path: '/a/{accountId}', hint: "Did you mean 'accountId'? Names are compared exactly." });
  });

  it('reports a pathParams name that should be a query parameter', () => {
    const options = "{ path: '/accounts', method: 'GET', pathParams: ['query'], queryParams: [] }";
    const findings = checkRoute(route(options, 'query: Query'));
    expect(where(findings)).toEqual([finding('notInPath', inOptions(options, "'query'"))]);
    expect(findings[0].message).toBe(
      "Route GET /accounts: pathParams declares 'query' but the path '/accounts' has no such placeholder. If it comes from the query string, move it to queryParams; otherwise add it to the path.",
    );
  });
});

describe('notAMethodParameter, undeclaredParameter and unnamedParameter', () => {
  it('reports a declared name the method does not have, on the element', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: ['query', 'page'] }";
    const findings = checkRoute(route(options));
    expect(where(findings)).toEqual([finding('notAMethodParameter', inOptions(options, "'page'"))]);
    expect(findings[0].data).toEqual({ route: 'GET /a/{accountId}', list: 'queryParams', name: 'page', method: METHOD });
  });

  it('reports a parameter declared nowhere on its name, pointing to queryParams', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: [] }";
    const params = 'accountId: string, query?: Query, ...rest: string[]';
    const findings = checkRoute(route(options, params));
    expect(where(findings)).toEqual([finding('undeclaredParameter', inParams(params, 'query')), finding('undeclaredParameter', inParams(params, 'rest'))]);
    expect(findings[0].message).toBe(
      "Route GET /a/{accountId}: parameter 'query' of method 'AccountController.handle' is not declared. Add 'query' to queryParams, or write body: 'query' if it is the request body.",
    );
  });

  it('reports a destructured parameter on the whole parameter', () => {
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: [] }";
    const params = 'accountId: string, { page }: Query';
    const findings = checkRoute(route(options, params));
    expect(where(findings)).toEqual([finding('unnamedParameter', inParams(params, '{ page }: Query'))]);
    expect(findings[0].data).toEqual({ route: 'GET /a/{accountId}', method: METHOD });
  });
});

describe('invalidBody', () => {
  it.each([
    ['a name that is not a parameter', "'payload'", "'payload'", 'payload', "is not a parameter of method 'AccountController.handle'"],
    ['a body computed at run time', 'bodyName()', 'bodyName()', 'bodyName()', "cannot be resolved statically: 'bodyName()' is a function call, whose result is only known at run time"],
  ])('reports %s on the body', (_, body, text, name, problem) => {
    const options = `{ path: '/a', method: 'POST', pathParams: [], queryParams: ['query'], body: ${body} }`;
    const findings = checkRoute(route(options, 'query: Query', 'declare function bodyName(): string;'));
    expect(where(findings)).toEqual([finding('invalidBody', inOptions(options, text))]);
    expect(findings[0].data).toEqual({ route: 'POST /a', name, problem });
  });

  it('reports a body also declared in a list on the list element', () => {
    const options = "{ path: '/a', method: 'POST', pathParams: [], queryParams: ['query'], body: 'query' }";
    const findings = checkRoute(route(options, 'query: Query'));
    expect(where(findings)).toEqual([finding('invalidBody', inOptions(options, "'query'"))]);
    expect(findings[0].data).toEqual({ route: 'POST /a', name: 'query', problem: 'is also declared in queryParams' });
  });
});

describe('internalError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('turns a failure inside the check into a finding on the method name', () => {
    const failing = new Proxy(DEFAULT_OPTIONS, {
      get(target, key, receiver) {
        if (key === 'requestContextTypes') throw new Error('boom');
        return Reflect.get(target, key, receiver);
      },
    });
    const options = "{ path: '/a/{accountId}', method: 'GET', pathParams: ['accountId'], queryParams: ['query'] }";
    const findings = checkRoute(route(options), { options: failing });
    expect(where(findings)).toEqual([finding('internalError', [6, 3, 'handle'])]);
    expect(findings[0].data).toEqual({ fileName: '/project/entity.ts', ruleId: RULE, error: 'boom' });
  });
});
