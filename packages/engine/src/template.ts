import type { IdentifierRules } from './identifiers';

/**
 * Key template parser. A template such as `TENANT#{tenantId}#CAPSULE#{context.capsuleId}#ROLE#{id}`
 * is split into delimiter-separated segments, each a sequence of literal text and placeholders.
 * Segment offsets are relative to the template string so callers can point at the exact segment.
 */

export interface TextPart {
  readonly kind: 'text';
  readonly value: string;
}

export interface Placeholder {
  readonly kind: 'placeholder';
  /** `['tenantId']` or, one level nested, `['context', 'capsuleId']`. */
  readonly path: readonly string[];
  /** The placeholder as written, braces included, e.g. `{context.capsuleId}`. */
  readonly source: string;
}

export type TemplatePart = TextPart | Placeholder;

export interface Segment {
  readonly parts: readonly TemplatePart[];
  readonly start: number;
  readonly end: number;
}

export interface ParsedTemplate {
  readonly source: string;
  readonly segments: readonly Segment[];
  readonly placeholders: readonly Placeholder[];
}

export interface TemplateSyntaxError {
  readonly problem: string;
}

export type TemplateParseResult =
  | { readonly ok: true; readonly template: ParsedTemplate }
  | { readonly ok: false; readonly error: TemplateSyntaxError };

const NO_PARTS: readonly TemplatePart[] = Object.freeze([]);
/** `{field}` or `{context.field}`: one nesting level at most. */
const MAX_PATH_LENGTH = 2;

/** Parses `source`; field names follow `identifiers`, TypeScript's rules for the file's language version. */
export function parseKeyTemplate(source: string, delimiter: string, identifiers: IdentifierRules): TemplateParseResult {
  const segments: Segment[] = [];
  const placeholders: Placeholder[] = [];
  // Most segments hold one part. An array literal is allocated at its size, while pushing onto an
  // empty array reserves room for 17 elements; a template is parsed for every key of every entity.
  let parts: TemplatePart[] | undefined;
  const addPart = (part: TemplatePart): void => {
    if (parts) parts.push(part);
    else parts = [part];
  };
  let segmentStart = 0;
  let textStart = 0;

  const delimiterStart = delimiter[0];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === delimiterStart && source.startsWith(delimiter, i)) {
      if (i > textStart) addPart(textPart(source, textStart, i));
      segments.push({ parts: parts ?? NO_PARTS, start: segmentStart, end: i });
      parts = undefined;
      i += delimiter.length;
      segmentStart = textStart = i;
      continue;
    }
    if (ch === '}') return fail(`'}' at position ${i + 1} has no matching '{'`);
    if (ch === '$' && source[i + 1] === '{') {
      const close = source.indexOf('}', i);
      const end = close < 0 ? source.length : close + 1;
      return fail(
        `'${source.slice(i, end)}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{${source.slice(i + 2, end - 1) || 'field'}}'`,
      );
    }
    if (ch !== '{') {
      i += 1;
      continue;
    }
    if (source[i + 1] === '{') {
      const close = source.indexOf('}}', i);
      const end = close < 0 ? source.length : close + 2;
      return fail(
        `'${source.slice(i, end)}' uses double braces; a placeholder takes single braces, e.g. '{${source.slice(i + 2, close < 0 ? end : close) || 'field'}}'`,
      );
    }
    const close = findClose(source, i + 1);
    if (close.kind === 'unclosed') return fail(`'{' at position ${i + 1} is never closed`);
    if (close.kind === 'nested') {
      return fail(`'{' at position ${close.at + 1} opens inside another placeholder; placeholders do not nest`);
    }
    const inner = source.slice(i + 1, close.at);
    const end = close.at + 1;
    const placeholderSource = source.slice(i, end);
    if (inner.length === 0) return fail(`'{}' is an empty placeholder; name a field, e.g. '{id}'`);
    // Most placeholders name a field directly; split only a nested path.
    const path = inner.includes('.') ? inner.split('.') : [inner];
    if (path.length > MAX_PATH_LENGTH) {
      return fail(
        `'${placeholderSource}' nests ${path.length - 1} levels deep; at most one level is allowed, e.g. '{${path.slice(-2).join('.')}}'`,
      );
    }
    const bad = path.find((name) => !identifiers.isName(name));
    if (bad !== undefined) {
      return fail(
        bad === ''
          ? `'${placeholderSource}' has an empty field name`
          : `'${placeholderSource}' is not a field reference ('${bad}' is not an identifier)`,
      );
    }
    if (i > textStart) addPart(textPart(source, textStart, i));
    const placeholder: Placeholder = { kind: 'placeholder', path, source: placeholderSource };
    addPart(placeholder);
    placeholders.push(placeholder);
    i = textStart = end;
  }
  if (source.length > textStart) addPart(textPart(source, textStart, source.length));
  segments.push({ parts: parts ?? NO_PARTS, start: segmentStart, end: source.length });
  return { ok: true, template: { source, segments, placeholders } };
}

function textPart(source: string, start: number, end: number): TextPart {
  return { kind: 'text', value: source.slice(start, end) };
}

function fail(problem: string): TemplateParseResult {
  return { ok: false, error: { problem } };
}

function findClose(
  source: string,
  from: number,
): { kind: 'closed'; at: number } | { kind: 'unclosed' } | { kind: 'nested'; at: number } {
  for (let j = from; j < source.length; j += 1) {
    if (source[j] === '}') return { kind: 'closed', at: j };
    if (source[j] === '{') return { kind: 'nested', at: j };
  }
  return { kind: 'unclosed' };
}

/** A segment that is exactly the literal `text`, e.g. `TENANT`. */
export function isLiteralSegment(segment: Segment, text: string): boolean {
  return segment.parts.length === 1 && segment.parts[0].kind === 'text' && segment.parts[0].value === text;
}

/** The placeholder a segment consists of, if the segment is exactly one placeholder. */
export function soloPlaceholder(segment: Segment): Placeholder | undefined {
  const [only] = segment.parts;
  return segment.parts.length === 1 && only.kind === 'placeholder' ? only : undefined;
}

export function pathText(path: readonly string[]): string {
  return path.join('.');
}

/** The literal text a template begins with, up to its first placeholder (all of it when it has none). */
export function literalPrefix(template: ParsedTemplate, delimiter: string): string {
  let prefix = '';
  for (const [index, segment] of template.segments.entries()) {
    if (index > 0) prefix += delimiter;
    for (const part of segment.parts) {
      if (part.kind === 'placeholder') return prefix;
      prefix += part.value;
    }
  }
  return prefix;
}
