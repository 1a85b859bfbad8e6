import { describe, expect, it } from 'vitest';
import { parseUrlPath } from './url-path';

const names = (path: string) => {
  const parsed = parseUrlPath(path);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.placeholders.map((p) => [p.name, p.source, p.optional, p.anonymous]);
};

describe('parseUrlPath', () => {
  it.each([
    ['/tenants/:tenantId/contracts/:contractId', [['tenantId', ':tenantId', false, false], ['contractId', ':contractId', false, false]]],
    ['/files/:name?', [['name', ':name?', true, false]]],
    ['/items/:id(\\d+)', [['id', ':id(\\d+)', false, false]]],
    ['/items/:id(^\\d+(?:x)?$)/more', [['id', ':id(^\\d+(?:x)?$)', false, false]]],
    ['/files{/:folder}/*path', [['folder', ':folder', true, false], ['path', '*path', false, false]]],
    ['/near/:lat-:lng', [['lat', ':lat', false, false], ['lng', ':lng', false, false]]],
    ['/static/*', [['*', '*', true, true]]],
    ['/a::b/:c', [['c', ':c', false, false]]],
    ['/a\\:b', []],
    ['/:"order-id"', [['order-id', ':"order-id"', false, false]]],
    ['/contracts/:contract-id', [['contract', ':contract', false, false]]],
  ])('reads %s', (path, expected) => {
    expect(names(path)).toEqual(expected);
  });

  it.each([
    ['/a/:', "':' at position 4 is not followed by a parameter name"],
    ['/a/{:id', "'{' at position 4 opens an optional group that is never closed"],
    ['/a/:id}', "'}' at position 7 closes no '{' group"],
    ['/a/:id(\\d+', "'(' at position 7 opens a pattern that is never closed"],
    ['/a/:"id', `'"' at position 5 opens a quoted parameter name that is never closed`],
  ])('rejects %s', (path, problem) => {
    expect(parseUrlPath(path)).toEqual({ ok: false, problem });
  });
});
