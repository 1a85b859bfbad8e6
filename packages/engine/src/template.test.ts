import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules } from './identifiers';
import {
  literalPrefix,
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

  it('records every placeholder with its path and source', () => {
    const template = parsed('TENANT#{tenantId}#CAPSULE#{context.capsuleId}');
    expect(template.placeholders).toEqual([
      { kind: 'placeholder', path: ['tenantId'], source: '{tenantId}' },
      { kind: 'placeholder', path: ['context', 'capsuleId'], source: '{context.capsuleId}' },
    ]);
  });

  it('keeps literal text and placeholders that share a segment as separate parts', () => {
    const template = parsed('METADATA#v{version}-{id}');
    expect(template.segments[1].parts).toEqual([
      { kind: 'text', value: 'v' },
      { kind: 'placeholder', path: ['version'], source: '{version}' },
      { kind: 'text', value: '-' },
      { kind: 'placeholder', path: ['id'], source: '{id}' },
    ]);
  });

  it('parses a template without placeholders as literal segments', () => {
    const template = parsed('PLATFORM#REGISTRY');
    expect(template.placeholders).toEqual([]);
    expect(template.segments.map((s) => s.parts)).toEqual([
      [{ kind: 'text', value: 'PLATFORM' }],
      [{ kind: 'text', value: 'REGISTRY' }],
    ]);
  });

  it('keeps empty segments, so a doubled delimiter does not merge its neighbours', () => {
    const template = parsed('TENANT##{tenantId}');
    expect(segmentTexts(template)).toEqual(['TENANT', '', '{tenantId}']);
    expect(template.segments[1].parts).toEqual([]);
  });

  it('treats a lone "$" as literal text', () => {
    expect(parsed('PRICE#$#{id}').segments[1].parts).toEqual([{ kind: 'text', value: '$' }]);
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
    expect(template.placeholders.map((p) => p.source)).toEqual(['{tenantId}', '{capsuleId}']);
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
    expect(template.placeholders[1]).toEqual({ kind: 'placeholder', path, source: `{${name}}` });
  });

  it('does not split on "#" when another delimiter is configured', () => {
    expect(segmentTexts(parsed('TENANT#{tenantId}|X', '|'))).toEqual(['TENANT#{tenantId}', 'X']);
  });
});

describe('parseKeyTemplate: malformed templates', () => {
  it.each([
    ['TENANT#tenantId}', "'}' at position 16 has no matching '{'"],
    ['TENANT#{tenantId', "'{' at position 8 is never closed"],
    ['TENANT#{tenantId#CAPSULE', "'{' at position 8 is never closed"],
    ['TENANT#{a{b}}', "'{' at position 10 opens inside another placeholder; placeholders do not nest"],
    ['ROLE#{}', "'{}' is an empty placeholder; name a field, e.g. '{id}'"],
    [
      'TENANT#${tenantId}',
      "'${tenantId}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{tenantId}'",
    ],
    ['A#${}', "'${}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{field}'"],
    ['TENANT#{{tenantId}}', "'{{tenantId}}' uses double braces; a placeholder takes single braces, e.g. '{tenantId}'"],
    ['TENANT#{{tenantId', "'{{tenantId' uses double braces; a placeholder takes single braces, e.g. '{tenantId}'"],
    [
      'X#{a.b.c}',
      "'{a.b.c}' nests 2 levels deep; at most one level is allowed, e.g. '{b.c}'",
    ],
    ['X#{a.}', "'{a.}' has an empty field name"],
    ['X#{.a}', "'{.a}' has an empty field name"],
    ['X#{1st}', "'{1st}' is not a field reference ('1st' is not an identifier)"],
    ['X#{tenant id}', "'{tenant id}' is not a field reference ('tenant id' is not an identifier)"],
    ['X#{ctx.tenant-id}', "'{ctx.tenant-id}' is not a field reference ('tenant-id' is not an identifier)"],
    ['X#{·a}', "'{·a}' is not a field reference ('·a' is not an identifier)"],
    ['X#{a€}', "'{a€}' is not a field reference ('a€' is not an identifier)"],
    ['X#{😀}', "'{😀}' is not a field reference ('😀' is not an identifier)"],
    ['X#{٣d}', "'{٣d}' is not a field reference ('٣d' is not an identifier)"],
  ])('rejects %s', (source, problem) => {
    expect(syntaxError(source)).toEqual({ problem });
  });

  it('reports the first problem only', () => {
    expect(syntaxError('X#{}#{a.b.c}').problem).toBe("'{}' is an empty placeholder; name a field, e.g. '{id}'");
  });

  it('rejects braces the same way whatever the delimiter', () => {
    expect(syntaxError('ORG|{orgId', '|')).toEqual({ problem: "'{' at position 5 is never closed" });
  });

  it('does not treat a delimiter inside a placeholder as a segment break', () => {
    expect(syntaxError('X#{a#b}')).toEqual({
      problem: "'{a#b}' is not a field reference ('a#b' is not an identifier)",
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

  it('literalPrefix is the text before the first placeholder, across segments, or the whole text', () => {
    expect(literalPrefix(parsed('PLATFORM#TENANT#{id}#X'), '#')).toBe('PLATFORM#TENANT#');
    expect(literalPrefix(parsed('ORG-{id}'), '#')).toBe('ORG-');
    expect(literalPrefix(parsed('{id}#A'), '#')).toBe('');
    expect(literalPrefix(parsed('CONFIG#GLOBAL'), '#')).toBe('CONFIG#GLOBAL');
  });

  it('pathText joins a nested path with a dot', () => {
    expect(pathText(['tenantId'])).toBe('tenantId');
    expect(pathText(['context', 'capsuleId'])).toBe('context.capsuleId');
  });
});
