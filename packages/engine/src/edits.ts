/**
 * Text edits that the checks offer as suggestions (ESLint) and quick fixes (tsserver). They are
 * computed once, here in the engine, on the syntax tree as written, so both front ends apply the
 * very same change. An edit is offered only where the code to change is written literally at the
 * finding (an array or object literal in the decorator): a const defined elsewhere is left alone.
 */
import type * as ts from 'typescript';
import type { Suggestion, TextEdit, TS } from './finding';

/** One suggestion made of the given edits, or none when an edit cannot be made. */
export function suggestion(description: string, edits: readonly (TextEdit | undefined)[]): Suggestion[] {
  return edits.every((edit): edit is TextEdit => edit !== undefined) && edits.length > 0 ? [{ description, edits }] : [];
}

/** `'name'`, quoted like the first string already written in the list (single quotes otherwise). */
function quoted(ts: TS, list: ts.ArrayLiteralExpression, sourceFile: ts.SourceFile, name: string): string {
  const first = list.elements.find((e) => ts.isStringLiteral(e));
  const quote = first ? sourceFile.text[first.getStart(sourceFile)] : "'";
  return `${quote}${name}${quote}`;
}

/** Appends a string to an array literal: `['a']` becomes `['a', 'b']`, `[]` becomes `['b']`. */
export function appendToList(
  ts: TS,
  sourceFile: ts.SourceFile,
  list: ts.ArrayLiteralExpression,
  name: string,
): TextEdit {
  const text = quoted(ts, list, sourceFile, name);
  const last = list.elements[list.elements.length - 1];
  if (!last) {
    const at = list.getStart(sourceFile) + 1;
    return { start: at, end: at, text, join: ', ' };
  }
  return { start: last.end, end: last.end, text: `, ${text}` };
}

/** Removes one element of an array literal with its separating comma. */
export function removeFromList(sourceFile: ts.SourceFile, list: ts.ArrayLiteralExpression, element: ts.Node): TextEdit | undefined {
  const elements = list.elements;
  const index = elements.indexOf(element as ts.Expression);
  if (index < 0) return undefined;
  const next = elements[index + 1];
  if (next) return { start: element.getStart(sourceFile), end: next.getStart(sourceFile), text: '' };
  const previous = elements[index - 1];
  if (previous) return { start: previous.end, end: element.end, text: '' };
  // The only element: `['a',]` becomes `[]`.
  return { start: element.getStart(sourceFile), end: list.end - 1, text: '' };
}

/** Replaces a string literal's text, keeping its quotes. */
export function replaceString(sourceFile: ts.SourceFile, literal: ts.Node, value: string): TextEdit {
  const start = literal.getStart(sourceFile);
  const quote = sourceFile.text[start];
  return { start, end: literal.end, text: `${quote}${value}${quote}` };
}

/**
 * Adds `property` (e.g. `pathParams: ['id']`) as the last property of an object literal, on its
 * own line with the indentation of the others when the literal is written over several lines.
 */
export function addProperty(sourceFile: ts.SourceFile, object: ts.ObjectLiteralExpression, property: string): TextEdit {
  const properties = object.properties;
  const last = properties[properties.length - 1];
  if (!last) {
    const at = object.getStart(sourceFile) + 1;
    return { start: at, end: at, text: ` ${property} ` };
  }
  const text = sourceFile.text;
  const lastStart = last.getStart(sourceFile);
  const multiline = text.slice(object.getStart(sourceFile), lastStart).includes('\n');
  const lineStart = text.lastIndexOf('\n', lastStart) + 1;
  const separator = multiline ? `\n${text.slice(lineStart, lastStart)}` : ' ';
  if (properties.hasTrailingComma) {
    const comma = text.indexOf(',', last.end) + 1;
    return { start: comma, end: comma, text: `${separator}${property},` };
  }
  return { start: last.end, end: last.end, text: `,${separator}${property}` };
}

/**
 * Removes the whole line(s) `[start, end)` stands on, line break included, when nothing else is
 * written there; otherwise just the range.
 */
export function removeLines(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = text.indexOf('\n', end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  if (alone) return { start: lineStart, end: lineEnd, text: '' };
  // Beside other code: the blanks between it and the code that follows go too, or those before it at the end of a line.
  const after = /^[ \t]*/u.exec(text.slice(end))?.[0].length ?? 0;
  const before = /[ \t]*$/u.exec(text.slice(lineStart, start))?.[0].length ?? 0;
  const atLineEnd = /^[ \t]*(?:\r?\n|$)/u.test(text.slice(end));
  return atLineEnd ? { start: start - before, end, text: '' } : { start, end: end + after, text: '' };
}

/** Inserts `line` as a new line before the line holding `position`, with that line's indentation. */
export function insertLineBefore(text: string, position: number, line: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const indent = /^[ \t]*/u.exec(text.slice(lineStart, position))?.[0] ?? '';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, text: `${indent}${line}${newline}` };
}
