/**
 * A deliberately tiny parser for key templates such as 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}'.
 * The build-time engine has its own, richer parser; this one exists because the runtime package
 * must stay dependency-free. It accepts the same grammar: `{field}` or one nesting level
 * `{context.field}`, anything else between braces is malformed.
 */

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly path: readonly string[]; readonly name: string };

export type ParsedTemplate =
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly problem: string };

/**
 * ECMAScript's IdentifierName: Unicode ID_Start / ID_Continue letters, `$`, `_` and the zero-width
 * joiners, so `{naïve}` and `{名前}` are field names here as they are for the build-time checks.
 */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

function placeholderProblem(name: string): string | undefined {
  if (name === '') return "'{}' is an empty placeholder";
  if (name.includes('{')) return `'{${name}}' opens a placeholder inside a placeholder`;
  const path = name.split('.');
  if (!path.every((segment) => IDENTIFIER.test(segment))) return `'{${name}}' does not name a field`;
  return path.length > 2 ? `'{${name}}' nests more than one level` : undefined;
}

export function parseKeyTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (char === '}') return { ok: false, problem: `'}' at offset ${index} closes no placeholder` };
    if (char !== '{') {
      text += char;
      index += 1;
      continue;
    }
    if (template[index - 1] === '$') {
      return { ok: false, problem: `'\${' at offset ${index - 1} is template-literal syntax, not a placeholder` };
    }
    const close = template.indexOf('}', index);
    if (close === -1) return { ok: false, problem: `'{' at offset ${index} is never closed` };
    const name = template.slice(index + 1, close);
    const problem = placeholderProblem(name);
    if (problem) return { ok: false, problem };
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'field', path: name.split('.'), name });
    index = close + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}
