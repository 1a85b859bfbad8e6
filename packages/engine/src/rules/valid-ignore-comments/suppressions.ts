import type * as ts from 'typescript';
import { insertLineBefore, removeLines, suggestion } from '../../edits';
import { createFinding, type Finding, type Suggestion, type TS } from '../../finding';
import { RULE_NAMES, RULE_PREFIX, ruleId, type RuleName } from '../../catalog';
import { forEachNodeContaining } from '../../walk';
import type { messages } from '.';

/**
 * `// capsule-guard-ignore <rule-id>[, <rule-id>] -- <reason>` on the line before a finding
 * suppresses it. The engine applies suppressions itself, so every front end honours the same
 * comments. A suppression without a reason or with an unknown rule suppresses nothing and is
 * reported; so is one that matches no finding.
 */
const MARKER = 'capsule-guard-ignore';
const COMMENT = /^\/\/\s*capsule-guard-ignore(?=\s|$)(.*)$/u;

interface Suppression {
  readonly rules: readonly RuleName[];
  readonly start: number;
  readonly end: number;
  used: boolean;
}

const KNOWN = RULE_NAMES.map(ruleId).join(', ');

/** Whether the text may hold a suppression comment at all. */
export function mentionsSuppression(text: string): boolean {
  return text.includes(MARKER);
}

export function applySuppressions(ts: TS, sourceFile: ts.SourceFile, findings: Finding[]): Finding[] {
  if (!mentionsSuppression(sourceFile.text)) return findings;
  const problems: Finding[] = [];
  // By the line (0-based) whose findings each suppresses: the line after the comment. A line holds
  // at most one line comment, so that line identifies the suppression.
  const suppressions = new Map<number, Suppression>();
  for (const comment of lineComments(ts, sourceFile)) {
    const parsed = parseComment(comment.text);
    if (!parsed) continue;
    const range = { start: comment.start, end: comment.end };
    const report = (messageId: keyof typeof messages, data: Record<string, string>) =>
      problems.push(createFinding('valid-ignore-comments', messageId, data, sourceFile, range));
    if (parsed.ids.length === 0) {
      report('missingRuleId', { known: KNOWN });
      continue;
    }
    const unknown = parsed.ids.filter((id) => toRuleName(id) === undefined);
    for (const rule of unknown) report('unknownRule', { rule, known: KNOWN });
    if (unknown.length > 0) continue;
    if (parsed.reason.length === 0) {
      report('missingReason', { rules: parsed.ids.join(', ') });
      continue;
    }
    const line = sourceFile.getLineAndCharacterOfPosition(comment.start).line + 1;
    suppressions.set(line, { rules: parsed.ids.map((id) => toRuleName(id) as RuleName), start: comment.start, end: comment.end, used: false });
  }
  const kept = findings.filter((finding) => {
    const line = sourceFile.getLineAndCharacterOfPosition(finding.start).line;
    const suppression = suppressions.get(line);
    if (!suppression?.rules.includes(finding.rule)) return true;
    suppression.used = true;
    return false;
  });
  for (const suppression of suppressions.values()) {
    if (suppression.used) continue;
    const rule = suppression.rules.map(ruleId).join(' or ');
    const remove = suggestion('Remove this capsule-guard-ignore comment', [removeLines(sourceFile.text, suppression.start, suppression.end)]);
    problems.push(createFinding('valid-ignore-comments', 'unusedSuppression', { rule }, sourceFile, suppression, remove));
  }
  return [...kept, ...problems];
}

/**
 * An editor action that writes a capsule-guard-ignore comment on the line before a finding. The
 * reason is left for the user to write after `--`: until it is written the comment suppresses
 * nothing and is itself reported, so an ignore can never be added without a reason by accident.
 * None is offered for a finding about an ignore comment or an internal error.
 */
export function ignoreSuggestion(text: string, finding: Finding): Suggestion | undefined {
  if (finding.rule === 'valid-ignore-comments' || finding.messageId === 'internalError') return undefined;
  return {
    description: `Ignore this ${finding.ruleId} finding with a capsule-guard-ignore comment (then write the reason after '--')`,
    edits: [insertLineBefore(text, finding.start, `// ${MARKER} ${finding.ruleId} --`)],
  };
}

/** Accepts the full id (`capsule-guard/isolated-key-templates`) or the bare rule name. */
function toRuleName(id: string): RuleName | undefined {
  const name = id.startsWith(`${RULE_PREFIX}/`) ? id.slice(RULE_PREFIX.length + 1) : id;
  return (RULE_NAMES as readonly string[]).includes(name) ? (name as RuleName) : undefined;
}

function parseComment(text: string): { ids: string[]; reason: string } | undefined {
  const match = COMMENT.exec(text);
  if (!match) return undefined;
  const body = match[1];
  const separator = body.indexOf('--');
  const idsText = separator < 0 ? body : body.slice(0, separator);
  const reason = separator < 0 ? '' : body.slice(separator + 2).trim();
  const ids = idsText.split(/[\s,]+/u).filter(Boolean);
  return { ids, reason };
}

interface LineComment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Single-line comments that hold the marker, taken from the syntax tree's trivia so strings and
 * templates are never mistaken for them: the comments leading each node, and those after a node's
 * last child, which lead its closing token (`}`, `)`, `]`: tokens are not nodes). A node and its
 * first child start at the same position and so share their leading comments: each comment is
 * kept once, by its start.
 */
function lineComments(ts: TS, sourceFile: ts.SourceFile): LineComment[] {
  const { text } = sourceFile;
  const comments = new Map<number, LineComment>();
  const collect = (position: number): void => {
    for (const range of ts.getLeadingCommentRanges(text, position) ?? []) {
      if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia || comments.has(range.pos)) continue;
      const comment = text.slice(range.pos, range.end);
      if (comment.includes(MARKER)) comments.set(range.pos, { text: comment, start: range.pos, end: range.end });
    }
  };
  // The end-of-file token is a child of the file, so comments after the last statement are seen too.
  forEachNodeContaining(ts, sourceFile, MARKER, (node) => {
    collect(node.pos);
    let lastChildEnd: number | undefined;
    ts.forEachChild(
      node,
      (child) => void (lastChildEnd = child.end),
      (children) => void (lastChildEnd = children.end),
    );
    if (lastChildEnd !== undefined && lastChildEnd < node.end) collect(lastChildEnd);
  });
  return [...comments.values()];
}
