import { describe, expect, it } from 'vitest';
import { applicationsOf, conjunctionTerms, ExpressionSyntaxError, parseCondition, parseUpdate, type Operand } from './expressions';

const path = (...names: string[]): Operand => ({ kind: 'path', elements: names.map((text) => ({ kind: 'name', text })) });
const value = (placeholder: string): Operand => ({ kind: 'value', placeholder });

describe('parseCondition', () => {
  it('parses a comparison with placeholders and plain names', () => {
    expect(parseCondition('#pk = :pk')).toEqual({ kind: 'compare', comparator: '=', left: path('#pk'), right: value(':pk') });
    expect(parseCondition('pk<>:v')).toEqual({ kind: 'compare', comparator: '<>', left: path('pk'), right: value(':v') });
  });

  it('binds AND tighter than OR, NOT tightest, keywords in any case', () => {
    const parsed = parseCondition('a = :a or not b = :b AND c = :c');
    expect(parsed).toMatchObject({
      kind: 'or',
      left: { kind: 'compare', left: path('a') },
      right: { kind: 'and', left: { kind: 'not', condition: { kind: 'compare', left: path('b') } }, right: { kind: 'compare', left: path('c') } },
    });
  });

  it('parses BETWEEN, IN, functions, nested paths and list indexes', () => {
    expect(parseCondition('sk BETWEEN :lo AND :hi')).toEqual({ kind: 'between', subject: path('sk'), low: value(':lo'), high: value(':hi') });
    expect(parseCondition('pk IN (:a, :b)')).toEqual({ kind: 'in', subject: path('pk'), list: [value(':a'), value(':b')] });
    expect(parseCondition('Begins_With(sk, :p)')).toEqual({ kind: 'function', call: { kind: 'call', name: 'begins_with', args: [path('sk'), value(':p')] } });
    expect(parseCondition('size(a.#b[2]) > :n')).toEqual({
      kind: 'compare',
      comparator: '>',
      left: { kind: 'call', name: 'size', args: [{ kind: 'path', elements: [{ kind: 'name', text: 'a' }, { kind: 'name', text: '#b' }, { kind: 'index', index: 2 }] }] },
      right: value(':n'),
    });
  });

  it.each([
    ['pk =', /expected an attribute name at the end/],
    ['pk = :v AND', /expected an attribute name at the end/],
    ['(pk = :v', /expected '\)' at the end/],
    ['pk = :v)', /unexpected text at "\)"/],
    ['pk', /expected a comparison, BETWEEN, IN or a function at the end/],
    ['pk = : v', /':' at offset 5 names nothing/],
    ['pk = "x"', /unexpected "\\"" at offset 5/],
    ['pk BETWEEN :a :b', /expected AND at ":b"/],
  ])('refuses %j', (expression, message) => {
    expect(() => parseCondition(expression)).toThrow(ExpressionSyntaxError);
    expect(() => parseCondition(expression)).toThrow(message);
  });
});

describe('parsed expressions are kept', () => {
  it('returns the same tree for the same text, and parses a broken one again each time', () => {
    expect(parseCondition('cached = :c')).toBe(parseCondition('cached = :c'));
    expect(parseUpdate('SET cached = :c')).toBe(parseUpdate('SET cached = :c'));
    expect(() => parseCondition('cached =')).toThrow(ExpressionSyntaxError);
    expect(() => parseCondition('cached =')).toThrow(ExpressionSyntaxError);
  });
});

describe('applicationsOf', () => {
  it('lists every comparison and call with its direct operands, nested calls included', () => {
    const found = applicationsOf(parseCondition('(pk = :a OR attribute_exists(x)) AND NOT size(pk) IN (:n) AND sk BETWEEN :l AND :h'));
    expect(found.map((a) => [a.name, a.operands.length])).toEqual([
      ['=', 2],
      ['attribute_exists', 1],
      ['IN', 2],
      ['size', 1],
      ['BETWEEN', 3],
    ]);
  });
});

describe('conjunctionTerms', () => {
  it('flattens ANDs through parentheses', () => {
    expect(conjunctionTerms(parseCondition('(pk = :p) AND (begins_with(sk, :s) AND x = :x)'))).toHaveLength(3);
  });

  it('is undefined when OR or NOT occurs anywhere', () => {
    expect(conjunctionTerms(parseCondition('pk = :a AND (sk = :b OR sk = :c)'))).toBeUndefined();
    expect(conjunctionTerms(parseCondition('NOT pk = :a'))).toBeUndefined();
  });
});

describe('parseUpdate', () => {
  it('parses every clause, in any order, with arithmetic and functions', () => {
    expect(parseUpdate('remove a, b.c  SET #g = :g, n = n + :one, l = list_append(l, :l) add s :s delete t :t')).toEqual([
      { clause: 'REMOVE', path: path('a') },
      { clause: 'REMOVE', path: path('b', 'c') },
      { clause: 'SET', path: path('#g'), value: [value(':g')], arithmetic: false },
      { clause: 'SET', path: path('n'), value: [path('n'), value(':one')], arithmetic: true },
      { clause: 'SET', path: path('l'), value: [{ kind: 'call', name: 'list_append', args: [path('l'), value(':l')] }], arithmetic: false },
      { clause: 'ADD', path: path('s'), value: value(':s') },
      { clause: 'DELETE', path: path('t'), value: value(':t') },
    ]);
  });

  it.each([
    ['SET a = :a SET b = :b', /SET appears twice/],
    ['UPDATE a = :a', /expected SET, REMOVE, ADD or DELETE/],
    ['SET a :a', /expected '='/],
    ['', /expected SET, REMOVE, ADD or DELETE at the end/],
  ])('refuses %j', (expression, message) => {
    expect(() => parseUpdate(expression)).toThrow(message);
  });
});
