import { describe, expect, it } from 'vitest';
import { parseKeyTemplate } from './key-template';

describe('parseKeyTemplate', () => {
  it('splits a template into text and field placeholders', () => {
    expect(parseKeyTemplate('TENANT#{tenantId}#CAPSULE#{context.capsuleId}#v{version}')).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'TENANT#' },
        { kind: 'field', path: ['tenantId'], name: 'tenantId' },
        { kind: 'text', text: '#CAPSULE#' },
        { kind: 'field', path: ['context', 'capsuleId'], name: 'context.capsuleId' },
        { kind: 'text', text: '#v' },
        { kind: 'field', path: ['version'], name: 'version' },
      ],
    });
  });

  it('accepts a template without placeholders, and identifiers with $ and _', () => {
    expect(parseKeyTemplate('PLATFORM#CONFIG$')).toEqual({ ok: true, parts: [{ kind: 'text', text: 'PLATFORM#CONFIG$' }] });
    expect(parseKeyTemplate('{$a}{_b.c1}')).toEqual({
      ok: true,
      parts: [
        { kind: 'field', path: ['$a'], name: '$a' },
        { kind: 'field', path: ['_b', 'c1'], name: '_b.c1' },
      ],
    });
  });

  it('accepts Unicode field names, astral letters included, as the build-time checks do', () => {
    expect(parseKeyTemplate('{naïve}#{名前}#{méta.propriétaire}#{𝑥}')).toEqual({
      ok: true,
      parts: [
        { kind: 'field', path: ['naïve'], name: 'naïve' },
        { kind: 'text', text: '#' },
        { kind: 'field', path: ['名前'], name: '名前' },
        { kind: 'text', text: '#' },
        { kind: 'field', path: ['méta', 'propriétaire'], name: 'méta.propriétaire' },
        { kind: 'text', text: '#' },
        { kind: 'field', path: ['𝑥'], name: '𝑥' },
      ],
    });
  });

  it.each([
    ['ROLE#{id', "'{' at offset 5 is never closed"],
    ['ROLE#id}', "'}' at offset 7 closes no placeholder"],
    ['ROLE#{}', "'{}' is an empty placeholder"],
    ['ROLE#${id}', "'${' at offset 5 is template-literal syntax, not a placeholder"],
    ['ROLE#{{id}}', "'{{id}' opens a placeholder inside a placeholder"],
    ['ROLE#{a.b.c}', "'{a.b.c}' nests more than one level"],
    ['ROLE#{1id}', "'{1id}' does not name a field"],
    ['ROLE#{a..b}', "'{a..b}' does not name a field"],
    ['ROLE#{ id }', "'{ id }' does not name a field"],
    ['ROLE#{a€}', "'{a€}' does not name a field"],
    ['ROLE#{😀}', "'{😀}' does not name a field"],
  ])('rejects the malformed template %s', (template, problem) => {
    expect(parseKeyTemplate(template)).toEqual({ ok: false, problem });
  });
});
