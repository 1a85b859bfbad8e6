import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules } from './identifiers';
import { parseRoutePath } from './route-path';
import { checkBothModes, where } from './testing/both-modes';

const IDENTIFIERS = identifierRules(ts, ts.ScriptTarget.Latest);

describe('parseRoutePath: Unicode parameter names', () => {
  it('reads {name} and :name placeholders named with Unicode and astral letters', () => {
    const result = parseRoutePath('/users/{naïve}/:名前/{𝑥}', IDENTIFIERS);
    expect(result).toEqual({
      ok: true,
      placeholders: [
        { name: 'naïve', source: '{naïve}', start: 7, end: 14 },
        { name: '名前', source: ':名前', start: 15, end: 18 },
        { name: '𝑥', source: '{𝑥}', start: 19, end: 23 },
      ],
    });
  });

  it('rejects a name that is no identifier', () => {
    expect(parseRoutePath('/users/{a€}', IDENTIFIERS)).toEqual({
      ok: false,
      error: { problem: "'{a€}' is not a parameter name ('a€' is not an identifier)", start: 7, end: 11 },
    });
    expect(parseRoutePath('/users/:名前€', IDENTIFIERS)).toEqual({
      ok: false,
      error: { problem: "':名前€' — a ':name' placeholder must fill its whole path segment", start: 7, end: 11 },
    });
  });
});

describe('explicit-route-params with Unicode parameter names', () => {
  const route = (path: string, pathParams: string, parameters: string) => `import { apiEndpoint } from '@capsule-guard/core';
class Users {
  @apiEndpoint({ path: '${path}', method: 'GET', permission: 'users.read', pathParams: [${pathParams}], queryParams: [] })
  async show(${parameters}) {}
}
`;

  it('accepts a route whose placeholders and parameters are Unicode identifiers, in either mode', () => {
    expect(checkBothModes(route('/users/{naïve}/:名前', "'naïve', '名前'", 'naïve: string, 名前: string'))).toEqual([]);
  });

  it('reports a malformed Unicode placeholder on the path, in either mode', () => {
    const findings = checkBothModes(route('/users/{naïve€}', "'naïve€'", 'naïve: string'));
    expect(where(findings).slice(0, 1)).toEqual([['capsule-guard/explicit-route-params', 'malformedPath', 3, 24, "'/users/{naïve€}'"]]);
  });
});
