/**
 * Reads the snippets of the documentation, so that the install tests run what a reader copies
 * rather than a copy of it that could drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../cli/harness';

export interface CodeBlock {
  /** The fence's info string: `sh`, `jsonc`, `ts`, … */
  readonly lang: string;
  /** The block's lines, without the indentation of its fence. */
  readonly code: string;
}

export function readDoc(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

/** A section, from its heading to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const levels = headingLevels(lines);
  const start = lines.findIndex((line, index) => levels[index] !== undefined && line.replace(/^#+ /u, '') === heading);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = lines.findIndex((_, index) => index > start && (levels[index] ?? Infinity) <= levels[start]!);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Each line's heading level, or undefined; a `#` comment inside a code block is no heading. */
function headingLevels(lines: readonly string[]): (number | undefined)[] {
  let inFence = false;
  return lines.map((line) => {
    if (/^\s*```/u.test(line)) inFence = !inFence;
    return inFence ? undefined : /^(#+) /u.exec(line)?.[1].length;
  });
}

/** The fenced code blocks of a text, in order; fences may be indented (in a list item). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { indent: string; lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^(\s*)```(\S*)\s*$/u.exec(line);
    if (open && fence) {
      blocks.push({ lang: open.lang, code: open.lines.join('\n') });
      open = undefined;
    } else if (open) {
      open.lines.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line.trimStart());
    } else if (fence) {
      open = { indent: fence[1], lang: fence[2], lines: [] };
    }
  }
  return blocks;
}

/** The one code block of a section whose first line is the given comment (`// eslint.config.mjs`). */
export function blockTitled(markdown: string, title: string): string {
  const found = codeBlocks(markdown).filter((block) => block.code.split('\n')[0].trim() === title);
  if (found.length !== 1) throw new Error(`expected one code block titled "${title}", found ${found.length}`);
  return found[0].code;
}

/** The commands of a shell block, without comments. */
export function shellCommands(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/u, '').trim())
    .filter((line) => line !== '');
}

/**
 * A JSON-with-comments snippet as a value: comments, `…` elisions and trailing commas removed,
 * and a bare property list (`"scripts": { … }`) read as an object.
 */
export function parseJsonc(code: string): Record<string, unknown> {
  const json = code
    .split('\n')
    .map(withoutComment)
    .filter((line) => line.trim() !== '…')
    .join('\n')
    .replace(/,(\s*[}\]])/gu, '$1')
    .trim();
  return JSON.parse(json.startsWith('{') ? json : `{${json}}`) as Record<string, unknown>;
}

/** A line without its `//` comment; `//` inside a string (a URL) is kept. */
function withoutComment(line: string): string {
  let inString = false;
  for (let index = 0; index < line.length; index += 1) {
    if (line[index] === '"' && line[index - 1] !== '\\') inString = !inString;
    else if (!inString && line.startsWith('//', index)) return line.slice(0, index);
  }
  return line;
}
