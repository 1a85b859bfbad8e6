import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { routeCallSites, routeCallTexts, writesRouteCall } from './route-call-sites';

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
    expect(sitesIn('map.get( this.id ); map.get($key_1); map.get(\n  a.b.c\n); map.get(k!);')).toEqual([]);
  });

  it('keeps a call of two arguments written with names only', () => {
    expect(sitesIn('app.get(path, handler);')).toEqual(['.get(path, handler);']);
    expect(sitesIn('app.get(routes.x,routes.y);')).toEqual(['.get(routes.x,routes.y);']);
    expect(sitesIn('app.get(path /* , */, handler);')).toEqual(['.get(path /* , */, handler);']);
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

describe('routeCallTexts', () => {
  it('finds each `.method(` and `.method<` written with any of JavaScript\'s spaces, and nothing longer', () => {
    const text = 'a.get(x); b . post\u00a0<T>(y); c.\u2028register (p); d.getter(z); e.gets(z); f.get ; g..all(h)';
    expect(routeCallTexts(text).map(({ dot, method, opener }) => [text.slice(dot).split(';')[0], method, opener])).toEqual([
      ['.get(x)', 'get', '('],
      ['. post\u00a0<T>(y)', 'post', '<'],
      ['.\u2028register (p)', 'register', '('],
      ['.all(h)', 'all', '('],
    ]);
    expect(writesRouteCall('const x = a.b.c;')).toBe(false);
    expect(writesRouteCall('x.delete\t(k)')).toBe(true);
    expect(writesRouteCall('x.get')).toBe(false);
  });

  it('finds what the regular expression `\\.\\s*(?:method)\\s*[(<]` finds, on texts made of its parts', () => {
    const pattern = /\.\s*(?:get|post|put|patch|delete|head|options|all|route|register)\s*[(<]/gu;
    // Every character `\s` matches, and characters it does not.
    const spaces = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u180e', 'x'];
    const names = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route', 'register', 'ge', 'gets', 'routes', 'x', '.', ''];
    const ends = ['(', '<', ';', 'x', '.', ''];
    let seed = 7;
    const pick = <T>(items: readonly T[]): T => items[(seed = (seed * 1103515245 + 12345) % 2147483648) % items.length];
    const run = (items: readonly string[]) => Array.from({ length: Number(pick(['0', '1', '2'])) }, () => pick(items)).join('');
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + Number(pick(['0', '1', '2'])) }, () => `${pick(['', 'a', 'a.b'])}.${run(spaces)}${pick(names)}${run(spaces)}${pick(ends)}`).join('');
      const expected = [...text.matchAll(pattern)].map((match) => [match.index, match.index + match[0].length]);
      expect(routeCallTexts(text).map(({ dot, end }) => [dot, end]), JSON.stringify(text)).toEqual(expected);
    }
  });
});
