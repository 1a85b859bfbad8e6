import type { Finding, TextEdit } from './finding';

/**
 * The edits of "fix all in file" for some findings: the first suggestion of each, as one list of
 * non-overlapping edits in file order. Identical edits (two findings fixed by one change, such as
 * a key template missing both segments) are made once; insertions at one place (two parameters
 * added to one list) are joined in finding order, with the first one's `join` between them; an edit that overlaps one already taken is left
 * for the next run, where its finding is reported again if it still applies.
 */
export function combinedEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const [first] = finding.suggestions;
    if (!first || first.edits.some((edit) => conflicts(edit, taken))) continue;
    for (const edit of first.edits) add(edit, taken);
  }
  return taken.sort((a, b) => a.start - b.start);
}

const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.text === b.text;
const isInsertion = (edit: TextEdit) => edit.start === edit.end;

/** Ranges overlap; an insertion conflicts only with a range it falls strictly inside. */
function conflicts(edit: TextEdit, taken: readonly TextEdit[]): boolean {
  return taken.some((other) => !same(edit, other) && edit.start < other.end && other.start < edit.end);
}

function add(edit: TextEdit, taken: TextEdit[]): void {
  if (taken.some((other) => same(edit, other))) return;
  const atSamePlace = isInsertion(edit) ? taken.findIndex((other) => isInsertion(other) && other.start === edit.start) : -1;
  if (atSamePlace < 0) taken.push(edit);
  else {
    const first = taken[atSamePlace];
    taken[atSamePlace] = { ...first, text: first.text + (first.join ?? '') + edit.text };
  }
}
