import type { IdentifierRules } from '../identifiers';
import type { ParsedTemplate, Placeholder, Segment, TemplateParseResult, TemplatePart } from '../template';

/**
 * How a modelling library writes a placeholder in its key templates: ElectroDB `${attr}`,
 * OneTable `${field}` or `${field:size:pad}`, TypeDORM `{{field}}`. Templates are parsed into the
 * engine's own segments and placeholders, so the isolation check reads them as it reads ours.
 */
export interface PlaceholderSyntax {
  readonly open: string;
  readonly close: string;
  /** OneTable's `${field:size:pad}`: a width and a pad character may follow the name. */
  readonly formatted: boolean;
}

export const DOLLAR_BRACES: PlaceholderSyntax = { open: '${', close: '}', formatted: false };
export const FORMATTED_DOLLAR_BRACES: PlaceholderSyntax = { open: '${', close: '}', formatted: true };
export const DOUBLE_BRACES: PlaceholderSyntax = { open: '{{', close: '}}', formatted: false };
/** Our own `@entity` templates' `{field}`, for keys corrected in the syntax they are written in. */
export const SINGLE_BRACES: PlaceholderSyntax = { open: '{', close: '}', formatted: false };

/** A placeholder for `name` in the library's syntax, for messages and corrected templates. */
export function placeholderFor(syntax: PlaceholderSyntax, name: string): string {
  return `${syntax.open}${name}${syntax.close}`;
}

/** Parses a library key template into delimiter-separated segments of text and placeholders. */
export function parseLibraryTemplate(
  source: string,
  delimiter: string,
  syntax: PlaceholderSyntax,
  identifiers: IdentifierRules,
): TemplateParseResult {
  const segments: Segment[] = [];
  const placeholders: Placeholder[] = [];
  let parts: TemplatePart[] = [];
  let segmentStart = 0;
  let textStart = 0;
  const closeText = (at: number) => {
    if (at > textStart) parts.push({ kind: 'text', value: source.slice(textStart, at) });
  };
  let i = 0;
  while (i < source.length) {
    if (source.startsWith(syntax.open, i)) {
      const inner = i + syntax.open.length;
      const close = source.indexOf(syntax.close, inner);
      if (close < 0) return fail(`'${syntax.open}' at position ${i + 1} is never closed`);
      const end = close + syntax.close.length;
      const written = source.slice(i, end);
      const reopened = source.indexOf(syntax.open, inner);
      if (reopened >= 0 && reopened < close) return fail(`'${written}' opens a placeholder inside another; placeholders do not nest`);
      const name = placeholderName(source.slice(inner, close), syntax);
      if (name === undefined || !identifiers.isName(name)) {
        const example = placeholderFor(syntax, 'attribute');
        return fail(`'${written}' does not name an attribute (write e.g. '${example}')`);
      }
      closeText(i);
      const placeholder: Placeholder = { kind: 'placeholder', path: [name], source: written };
      parts.push(placeholder);
      placeholders.push(placeholder);
      i = textStart = end;
      continue;
    }
    if (source.startsWith(delimiter, i)) {
      closeText(i);
      segments.push({ parts, start: segmentStart, end: i });
      parts = [];
      i += delimiter.length;
      segmentStart = textStart = i;
      continue;
    }
    i += 1;
  }
  closeText(source.length);
  segments.push({ parts, start: segmentStart, end: source.length });
  const template: ParsedTemplate = { source, segments, placeholders };
  return { ok: true, template };
}

/** The attribute a placeholder's inside names: all of it, or for OneTable the part before `:size:pad`. */
function placeholderName(inner: string, syntax: PlaceholderSyntax): string | undefined {
  if (!syntax.formatted) return inner;
  const [name, size, pad, ...rest] = inner.split(':');
  const validSize = size === undefined || /^\d+$/u.test(size);
  const validPad = pad === undefined || pad.length === 1;
  return validSize && validPad && rest.length === 0 ? name : undefined;
}

function fail(problem: string): TemplateParseResult {
  return { ok: false, error: { problem } };
}
