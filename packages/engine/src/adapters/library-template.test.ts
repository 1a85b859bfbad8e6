import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { identifierRules } from '../identifiers';
import { DOLLAR_BRACES, DOUBLE_BRACES, FORMATTED_DOLLAR_BRACES, parseLibraryTemplate, placeholderFor, type PlaceholderSyntax } from './library-template';

const identifiers = identifierRules(ts, ts.ScriptTarget.Latest);
const parse = (source: string, syntax: PlaceholderSyntax) => parseLibraryTemplate(source, '#', syntax, identifiers);

/** Each segment as its parts: text as written, placeholders as their attribute name in angle brackets. */
function segments(source: string, syntax: PlaceholderSyntax): string[][] {
  const result = parse(source, syntax);
  if (!result.ok) throw new Error(result.error.problem);
  return result.template.segments.map((segment) => segment.parts.map((part) => (part.kind === 'text' ? part.value : `<${part.path[0]}>`)));
}

describe('parseLibraryTemplate', () => {
  it('reads ElectroDB ${attr} placeholders into segments', () => {
    expect(segments('TENANT#${tenantId}#CAPSULE#${capsuleId}#X${id}', DOLLAR_BRACES)).toEqual([
      ['TENANT'], ['<tenantId>'], ['CAPSULE'], ['<capsuleId>'], ['X', '<id>'],
    ]);
  });

  it('reads OneTable ${field:size:pad} as the field, and ${_type}', () => {
    expect(segments('${_type}#${id:8:0}#${n:4}', FORMATTED_DOLLAR_BRACES)).toEqual([['<_type>'], ['<id>'], ['<n>']]);
  });

  it('reads TypeDORM {{field}} placeholders, and leaves ${x} and single braces as text there', () => {
    expect(segments('ORG#{{id}}#${x}#{y}', DOUBLE_BRACES)).toEqual([['ORG'], ['<id>'], ['${x}'], ['{y}']]);
  });

  it('keeps the source of each placeholder as written', () => {
    const result = parse('A#${id:8:0}', FORMATTED_DOLLAR_BRACES);
    expect(result.ok && result.template.placeholders).toEqual([{ kind: 'placeholder', path: ['id'], source: '${id:8:0}' }]);
  });

  it.each([
    ['TENANT#${tenantId', DOLLAR_BRACES, "'${' at position 8 is never closed"],
    ['TENANT#${}', DOLLAR_BRACES, "'${}' does not name an attribute (write e.g. '${attribute}')"],
    ['A#${a-b}', DOLLAR_BRACES, "'${a-b}' does not name an attribute (write e.g. '${attribute}')"],
    ['A#${id:8:0}', DOLLAR_BRACES, "'${id:8:0}' does not name an attribute (write e.g. '${attribute}')"],
    ['A#${id:x}', FORMATTED_DOLLAR_BRACES, "'${id:x}' does not name an attribute (write e.g. '${attribute}')"],
    ['A#${id:8:00}', FORMATTED_DOLLAR_BRACES, "'${id:8:00}' does not name an attribute (write e.g. '${attribute}')"],
    ['A#{{a{{b}}', DOUBLE_BRACES, "'{{a{{b}}' opens a placeholder inside another; placeholders do not nest"],
    ['A#{{ id }}', DOUBLE_BRACES, "'{{ id }}' does not name an attribute (write e.g. '{{attribute}}')"],
  ])('reports %s as malformed', (source, syntax, problem) => {
    const result = parse(source, syntax);
    expect(result.ok ? 'parsed' : result.error.problem).toBe(problem);
  });

  it('writes a placeholder in each syntax', () => {
    expect([DOLLAR_BRACES, FORMATTED_DOLLAR_BRACES, DOUBLE_BRACES].map((syntax) => placeholderFor(syntax, 'id'))).toEqual(['${id}', '${id}', '{{id}}']);
  });
});
