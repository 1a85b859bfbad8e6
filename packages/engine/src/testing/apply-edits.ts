import type { TextEdit } from '../finding';

/** The text once `edits` (non-overlapping, as front ends receive them) are applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}
