import { describe, expect, it } from 'vitest';
import { containsAnyOf, includesFromAnchor } from './text-search';

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

describe('includesFromAnchor', () => {
  it.each([
    ['new Entity()', true],
    ['const x = 1;\nreturn new X();', true],
    ['renewal', true],
    ['new', true],
    ['ew', false],
    ['w new', true],
    ['ne w', false],
    ['newt', true],
    ['show the nest', false],
    ['', false],
  ])('answers as includes does, whatever comes before the anchor: %s', (text, expected) => {
    expect(includesFromAnchor(text, 'new', 2)).toBe(expected);
    expect(text.includes('new')).toBe(expected);
  });

  it('finds a needle anchored at its first or last character', () => {
    expect(includesFromAnchor('a models b', 'models', 0)).toBe(true);
    expect(includesFromAnchor('a models b', 'models', 5)).toBe(true);
    expect(includesFromAnchor('a model b', 'models', 5)).toBe(false);
  });
});
