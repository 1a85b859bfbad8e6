import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { routeCallSites } from './route-call-sites';

/** The texts from each site found to the end of its line, for `code` as a file of `fileName`. */
function sitesIn(code: string, fileName = 'main.ts'): string[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  return routeCallSites(ts, sourceFile).map((at) => code.slice(at).split('\n')[0]);
}

describe('routeCallSites', () => {
  it('keeps the calls that may declare a route or register a plugin, at their `.`', () => {
    expect(sitesIn("app.get('/x', handler);")).toEqual([".get('/x', handler);"]);
    expect(sitesIn("app . post ('/x', { schema }, handler);")).toEqual([". post ('/x', { schema }, handler);"]);
    expect(sitesIn("app.get<{ Params: P }>('/x', handler);")).toEqual([".get<{ Params: P }>('/x', handler);"]);
    expect(sitesIn("app.route({ method: 'GET', url: '/x', handler });")).toEqual([".route({ method: 'GET', url: '/x', handler });"]);
    expect(sitesIn('app.register(plugin);')).toEqual(['.register(plugin);']);
    expect(sitesIn("app.get(\n  '/x',\n  handler,\n);")).toEqual(['.get(']);
  });

  it('leaves out a verb called with one argument or none: its arguments are read token by token', () => {
    expect(sitesIn('const group = groups.get(k);')).toEqual([]);
    expect(sitesIn("cache.get('a,b'); cache.get(`a,b`); cache.get();")).toEqual([]);
    expect(sitesIn('cache.get(key(a, b)); cache.get([a, b]); cache.get({ a, b }); cache.get(a ? b : c);')).toEqual([]);
    expect(sitesIn('cache.get(/* , */ key); cache.get(key // ,\n);')).toEqual([]);
    expect(sitesIn('headers.get(name).split(",")')).toEqual([]);
  });

  it('keeps a call whose arguments it cannot read without the parser', () => {
    // `/` may start a regular expression, `}` may continue a template, JSX text is not tokens.
    expect(sitesIn('cache.get(/,/);')).toEqual(['.get(/,/);']);
    expect(sitesIn('cache.get(a / b, c);')).toEqual(['.get(a / b, c);']);
    expect(sitesIn('cache.get(`${a}`);')).toEqual(['.get(`${a}`);']);
    expect(sitesIn("cache.get('unterminated);")).toEqual([".get('unterminated);"]);
    expect(sitesIn('cache.get(key', 'main.ts')).toEqual(['.get(key']);
    expect(sitesIn("cache.get(<a>'</a>, handler);", 'main.tsx')).toEqual([".get(<a>'</a>, handler);"]);
    expect(sitesIn('cache.get(a]);')).toEqual(['.get(a]);']);
  });
});
