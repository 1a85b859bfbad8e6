import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules } from './identifiers';
import {
  isLiteralSegment,
  parseKeyTemplate,
  pathText,
  soloPlaceholder,
  type ParsedTemplate,
  type TemplateSyntaxError,
} from './template';

const IDENTIFIERS = identifierRules(ts, ts.ScriptTarget.Latest);

function parsed(source: string, delimiter = '#'): ParsedTemplate {
  const result = parseKeyTemplate(source, delimiter, IDENTIFIERS);
  if (!result.ok) throw new Error(`expected '${source}' to parse, got: ${result.error.problem}`);
  return result.template;
}

function syntaxError(source: string, delimiter = '#'): TemplateSyntaxError {
  const result = parseKeyTemplate(source, delimiter, IDENTIFIERS);
  if (result.ok) throw new Error(`expected '${source}' to be rejected`);
  return result.error;
}

/** Each segment as the text it covers, so offsets are checked against the source itself. */
const segmentTexts = (template: ParsedTemplate) =>
  template.segments.map((segment) => template.source.slice(segment.start, segment.end));

describe('parseKeyTemplate: well-formed templates', () => {
  it('splits a partition key into delimiter-separated segments with their offsets', () => {
    const template = parsed('TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}');
    expect(template.segments.map(({ start, end }) => [start, end])).toEqual([
      [0, 6],
      [7, 17],
      [18, 25],
      [26, 37],
      [38, 42],
      [43, 47],
    ]);
    expect(segmentTexts(template)).toEqual(['TENANT', '{tenantId}', 'CAPSULE', '{capsuleId}', 'ROLE', '{id}']);
  });

  it('records every placeholder with its path, source and offsets', () => {
    const template = parsed('TENANT#{tenantId}#CAPSULE#{context.capsuleId}');
    expect(template.placeholders).toEqual([
      { kind: 'placeholder', path: ['tenantId'], source: '{tenantId}', start: 7, end: 17 },
      { kind: 'placeholder', path: ['context', 'capsuleId'], source: '{context.capsuleId}', start: 26, end: 45 },
    ]);
  });

  it('keeps literal text and placeholders that share a segment as separate parts', () => {
    const template = parsed('METADATA#v{version}-{id}');
    expect(template.segments[1].parts).toEqual([
      { kind: 'text', value: 'v', start: 9, end: 10 },
      { kind: 'placeholder', path: ['version'], source: '{version}', start: 10, end: 19 },
      { kind: 'text', value: '-', start: 19, end: 20 },
      { kind: 'placeholder', path: ['id'], source: '{id}', start: 20, end: 24 },
    ]);
  });

  it('parses a template without placeholders as literal segments', () => {
    const template = parsed('PLATFORM#REGISTRY');
    expect(template.placeholders).toEqual([]);
    expect(template.segments.map((s) => s.parts)).toEqual([
      [{ kind: 'text', value: 'PLATFORM', start: 0, end: 8 }],
      [{ kind: 'text', value: 'REGISTRY', start: 9, end: 17 }],
    ]);
  });

  it('keeps empty segments, so a doubled delimiter does not merge its neighbours', () => {
    const template = parsed('TENANT##{tenantId}');
    expect(segmentTexts(template)).toEqual(['TENANT', '', '{tenantId}']);
    expect(template.segments[1].parts).toEqual([]);
  });

  it('treats a lone "$" as literal text', () => {
    expect(parsed('PRICE#$#{id}').segments[1].parts).toEqual([{ kind: 'text', value: '$', start: 6, end: 7 }]);
  });

  it('accepts identifiers with "$" and "_" as field names', () => {
    expect(parsed('{$meta._id}').placeholders[0].path).toEqual(['$meta', '_id']);
  });

  it('splits on a custom single-character delimiter', () => {
    const template = parsed('ORG|{orgId}|ENV|{envId}', '|');
    expect(segmentTexts(template)).toEqual(['ORG', '{orgId}', 'ENV', '{envId}']);
  });

  it('splits on a multi-character delimiter and reports offsets after it', () => {
    const template = parsed('TENANT::{tenantId}::CAPSULE::{capsuleId}', '::');
    expect(template.segments.map(({ start, end }) => [start, end])).toEqual([
      [0, 6],
      [8, 18],
      [20, 27],
      [29, 40],
    ]);
    expect(template.placeholders.map((p) => [p.source, p.start, p.end])).toEqual([
      ['{tenantId}', 8, 18],
      ['{capsuleId}', 29, 40],
    ]);
  });

  it.each([
    ['naïve', ['naïve']],
    ['名前', ['名前']],
    ['méta.propriétaire', ['méta', 'propriétaire']],
    ['$id', ['$id']],
    ['_id', ['_id']],
    ['ünïcode_$9', ['ünïcode_$9']],
    ['a\u200Cb', ['a\u200Cb']],
    // Astral letters are two UTF-16 units each: 𝑥 (mathematical italic x) and 𠀀 (a CJK extension B ideograph).
    ['𝑥', ['𝑥']],
    ['ctx.𠀀𠀀', ['ctx', '𠀀𠀀']],
  ])('accepts the Unicode identifier {%s}, as TypeScript does', (name, path) => {
    const template = parsed(`TENANT#{tenantId}#X#{${name}}`);
    expect(template.placeholders[1]).toMatchObject({ path, source: `{${name}}`, start: 20, end: 22 + name.length });
  });

  it('does not split on "#" when another delimiter is configured', () => {
    expect(segmentTexts(parsed('TENANT#{tenantId}|X', '|'))).toEqual(['TENANT#{tenantId}', 'X']);
  });
});

describe('parseKeyTemplate: malformed templates', () => {
  it.each([
    ['TENANT#tenantId}', "'}' at position 16 has no matching '{'", 15, 16],
    ['TENANT#{tenantId', "'{' at position 8 is never closed", 7, 16],
    ['TENANT#{tenantId#CAPSULE', "'{' at position 8 is never closed", 7, 24],
    ['TENANT#{a{b}}', "'{' at position 10 opens inside another placeholder; placeholders do not nest", 9, 10],
    ['ROLE#{}', "'{}' is an empty placeholder; name a field, e.g. '{id}'", 5, 7],
    [
      'TENANT#${tenantId}',
      "'${tenantId}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{tenantId}'",
      7,
      18,
    ],
    ['A#${}', "'${}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{field}'", 2, 5],
    ['TENANT#{{tenantId}}', "'{{tenantId}}' uses double braces; a placeholder takes single braces, e.g. '{tenantId}'", 7, 19],
    ['TENANT#{{tenantId', "'{{tenantId' uses double braces; a placeholder takes single braces, e.g. '{tenantId}'", 7, 17],
    [
      'X#{a.b.c}',
      "'{a.b.c}' nests 2 levels deep; at most one level is allowed, e.g. '{b.c}'",
      2,
      9,
    ],
    ['X#{a.}', "'{a.}' has an empty field name", 2, 6],
    ['X#{.a}', "'{.a}' has an empty field name", 2, 6],
    ['X#{1st}', "'{1st}' is not a field reference ('1st' is not an identifier)", 2, 7],
    ['X#{tenant id}', "'{tenant id}' is not a field reference ('tenant id' is not an identifier)", 2, 13],
    ['X#{ctx.tenant-id}', "'{ctx.tenant-id}' is not a field reference ('tenant-id' is not an identifier)", 2, 17],
    ['X#{·a}', "'{·a}' is not a field reference ('·a' is not an identifier)", 2, 6],
    ['X#{a€}', "'{a€}' is not a field reference ('a€' is not an identifier)", 2, 6],
    ['X#{😀}', "'{😀}' is not a field reference ('😀' is not an identifier)", 2, 6],
    ['X#{٣d}', "'{٣d}' is not a field reference ('٣d' is not an identifier)", 2, 6],
  ])('rejects %s', (source, problem, start, end) => {
    expect(syntaxError(source)).toEqual({ problem, start, end });
  });

  it('reports the first problem only', () => {
    expect(syntaxError('X#{}#{a.b.c}').problem).toBe("'{}' is an empty placeholder; name a field, e.g. '{id}'");
  });

  it('rejects braces the same way whatever the delimiter', () => {
    expect(syntaxError('ORG|{orgId', '|')).toEqual({ problem: "'{' at position 5 is never closed", start: 4, end: 10 });
  });

  it('does not treat a delimiter inside a placeholder as a segment break', () => {
    expect(syntaxError('X#{a#b}')).toEqual({
      problem: "'{a#b}' is not a field reference ('a#b' is not an identifier)",
      start: 2,
      end: 7,
    });
  });
});

describe('segment helpers', () => {
  const template = parsed('TENANT#{tenantId}#CAPSULE#v{version}');
  const [tenant, tenantValue, capsule, version] = template.segments;

  it('isLiteralSegment matches a segment that is exactly the given text', () => {
    expect(isLiteralSegment(tenant, 'TENANT')).toBe(true);
    expect(isLiteralSegment(capsule, 'CAPSULE')).toBe(true);
    expect(isLiteralSegment(tenant, 'TENAN')).toBe(false);
    expect(isLiteralSegment(parsed('XTENANT#{id}').segments[0], 'TENANT')).toBe(false);
    expect(isLiteralSegment(tenantValue, 'TENANT')).toBe(false);
  });

  it('soloPlaceholder returns the placeholder only when it is the whole segment', () => {
    expect(soloPlaceholder(tenantValue)?.source).toBe('{tenantId}');
    expect(soloPlaceholder(version)).toBeUndefined();
    expect(soloPlaceholder(tenant)).toBeUndefined();
    expect(soloPlaceholder(parsed('A##B').segments[1])).toBeUndefined();
  });

  it('pathText joins a nested path with a dot', () => {
    expect(pathText(['tenantId'])).toBe('tenantId');
    expect(pathText(['context', 'capsuleId'])).toBe('context.capsuleId');
  });
});
