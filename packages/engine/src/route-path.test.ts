import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules } from './identifiers';
import { parseRoutePath } from './route-path';

const IDENTIFIERS = identifierRules(ts, ts.ScriptTarget.Latest);

/** The placeholders of a path that parses: name, text as written, and offsets. */
function placeholdersOf(path: string) {
  const result = parseRoutePath(path, IDENTIFIERS);
  if (!result.ok) throw new Error(`expected '${path}' to parse: ${result.error.problem}`);
  return result.placeholders.map((p) => [p.name, p.source, p.start, p.end]);
}

/** The syntax error of a path that does not parse, with the text its offsets cover. */
function errorOf(path: string) {
  const result = parseRoutePath(path, IDENTIFIERS);
  if (result.ok) throw new Error(`expected '${path}' to be malformed`);
  const { problem, start, end } = result.error;
  return { problem, at: path.slice(start, end) };
}

describe('parseRoutePath: paths that parse', () => {
  it.each([
    ['/', []],
    ['', []],
    ['/accounts/list', []],
    ['//a//', []],
    ['/accounts/{accountId}', [['accountId', '{accountId}', 10, 21]]],
    ['/accounts/:accountId', [['accountId', ':accountId', 10, 20]]],
    ['/accounts/{accountId}/', [['accountId', '{accountId}', 10, 21]]],
    ['/accounts/:accountId/', [['accountId', ':accountId', 10, 20]]],
    [':id', [['id', ':id', 0, 3]]],
    ['{id}', [['id', '{id}', 0, 4]]],
    ['/a/{$id}/{_x1}', [['$id', '{$id}', 3, 8], ['_x1', '{_x1}', 9, 14]]],
    ['/{a}/:b', [['a', '{a}', 1, 4], ['b', ':b', 5, 7]]],
    ['/:a/:b', [['a', ':a', 1, 3], ['b', ':b', 4, 6]]],
    ['/files/{id}.json', [['id', '{id}', 7, 11]]],
    ['/files/v{version}', [['version', '{version}', 8, 17]]],
    ['/{a}.{b}', [['a', '{a}', 1, 4], ['b', '{b}', 5, 8]]],
  ])('%j', (path, expected) => {
    expect(placeholdersOf(path)).toEqual(expected);
  });

  it('keeps a repeated name twice: duplicates are the check\'s to report, with the route', () => {
    expect(placeholdersOf('/a/{id}/b/{id}')).toEqual([['id', '{id}', 3, 7], ['id', '{id}', 10, 14]]);
    expect(placeholdersOf('/a/{id}/:id')).toEqual([['id', '{id}', 3, 7], ['id', ':id', 8, 11]]);
  });

  it("reads a ':' that does not start a segment as text", () => {
    expect(placeholdersOf('/items:batchGet')).toEqual([]);
    expect(placeholdersOf('/a/b:c/{id}')).toEqual([['id', '{id}', 7, 11]]);
  });
});

describe('parseRoutePath: malformed paths', () => {
  it.each([
    ['an unclosed brace', '/a/{id', "'{' at position 4 is never closed", '{id'],
    ['a brace closed after the segment', '/a/{id/b}', "'{' at position 4 is never closed", '{id'],
    ['a stray closing brace', '/a/id}', "'}' at position 6 has no matching '{'", '}'],
    ['a closing brace before an opening one', '/a/}{id}', "'}' at position 4 has no matching '{'", '}'],
    ['an empty placeholder', '/a/{}', "'{}' is an empty placeholder; name the parameter, e.g. '{id}'", '{}'],
    ['a name that starts with a digit', '/a/{1x}', "'{1x}' is not a parameter name ('1x' is not an identifier)", '{1x}'],
    ['a name with a hyphen', '/a/{a-b}', "'{a-b}' is not a parameter name ('a-b' is not an identifier)", '{a-b}'],
    ['a dotted name', '/a/{a.b}', "'{a.b}' is not a parameter name ('a.b' is not an identifier)", '{a.b}'],
    ['spaces around the name', '/a/{ id }', "'{ id }' is not a parameter name (' id ' is not an identifier)", '{ id }'],
    ['doubled braces', '/a/{{id}}', "'{' at position 5 opens a placeholder inside another; placeholders do not nest", '{{'],
    ['a nested placeholder', '/a/{i{d}}', "'{' at position 6 opens a placeholder inside another; placeholders do not nest", '{i{'],
    [
      'two placeholders with nothing between them',
      '/{a}{b}',
      "'{a}' is directly followed by another placeholder, so where one value ends is unknown; separate them, e.g. with '/'",
      '{a}',
    ],
    ["a ':' without a name", '/a/:', "':' at position 4 is not followed by a parameter name", ':'],
    ["a ':' before a slash", '/a/:/b', "':' at position 4 is not followed by a parameter name", ':'],
    ["a ':name' that starts with a digit", '/a/:1x', "':1x' is not a parameter name ('1x' is not an identifier)", ':1x'],
    ["two ':name' in one segment", '/:a:b', "':a:' — a ':name' placeholder must fill its whole path segment", ':a:'],
    ["':name' placeholders joined by a hyphen", '/:a-:b', "':a-' — a ':name' placeholder must fill its whole path segment", ':a-'],
    ["a ':name' followed by an extension", '/a/:id.json', "':id.' — a ':name' placeholder must fill its whole path segment", ':id.'],
    ["an optional ':name?'", '/a/:id?', "':id?' — a ':name' placeholder must fill its whole path segment", ':id?'],
    ["a ':name' followed by a placeholder", '/:a{b}', "':a{' — a ':name' placeholder must fill its whole path segment", ':a{'],
  ])('%s: %j', (_, path, problem, at) => {
    expect(errorOf(path)).toEqual({ problem, at });
  });

  it('reports the first problem of a path with several', () => {
    expect(errorOf('/{}/{1x}/}')).toEqual({ problem: "'{}' is an empty placeholder; name the parameter, e.g. '{id}'", at: '{}' });
  });
});
