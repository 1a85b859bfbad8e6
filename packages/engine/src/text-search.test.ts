import { describe, expect, it } from 'vitest';
import { containsAnyOf } from './text-search';

describe('containsAnyOf', () => {
  it.each([
    ["import { Entity } from '@typedorm/common';", true],
    ['a.b', true],
    ['axb', false],
    ['x+y', true],
    ['xxy', false],
    ['(c)', true],
    ['c', false],
  ])('finds any of the needles, written with characters a pattern reads otherwise: %s', (text, expected) => {
    expect(containsAnyOf(['@typedorm/common', 'a.b', 'x+y', '(c)'])(text)).toBe(expected);
  });

  it('answers each text for itself when asked about the same text twice and then another', () => {
    const contains = containsAnyOf(['electrodb']);
    expect(contains("import 'electrodb';")).toBe(true);
    expect(contains("import 'electrodb';")).toBe(true);
    expect(contains("import 'electro';")).toBe(false);
    expect(contains("import 'electrodb';")).toBe(true);
  });
});
