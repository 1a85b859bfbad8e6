const REGEXP_SYNTAX = /[.*+?^${}()|[\]\\/]/gu;

/**
 * A test of whether a text contains any of `needles`, in one pass over it. Each `includes` is a
 * pass of its own, and one that starts with a common letter (`electrodb`) stops at every `e` of
 * the text: a dozen of them cost more than the pattern that looks for all at once. The answer for
 * the last text asked about is kept, as the gates of one file ask one after the other.
 */
export function containsAnyOf(needles: readonly string[]): (text: string) => boolean {
  const pattern = new RegExp(needles.map((needle) => needle.replace(REGEXP_SYNTAX, '\\$&')).join('|'), 'u');
  let lastText: string | undefined;
  let lastAnswer = false;
  return (text) => {
    if (text !== lastText) {
      lastAnswer = pattern.test(text);
      lastText = text;
    }
    return lastAnswer;
  };
}

/** Whether a character code is an ASCII space: a space, a tab, a line or page break. */
export function isAsciiSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Whether a text holds `needle`, looked for from each occurrence of its character at `anchor`. A
 * search for a word stops at each occurrence of its first character, and another of its
 * characters may be many times rarer in code: over the generated bench project's files, `new`
 * looked for from each `w` costs a fifth of `text.includes('new')`.
 */
export function includesFromAnchor(text: string, needle: string, anchor: number): boolean {
  const character = needle[anchor];
  for (let at = text.indexOf(character, anchor); at >= 0; at = text.indexOf(character, at + 1)) {
    if (text.startsWith(needle, at - anchor)) return true;
  }
  return false;
}
