import type * as ts from 'typescript';
import { formatMessage, RULES, ruleId, type MessageId, type RuleId, type RuleName } from './catalog';

/** The TypeScript module the engine runs under; it is always injected, never required. */
export type TS = typeof ts;

/** A text edit in the checked file: replace [start, end) with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * For an insertion that other insertions at the same place may follow (elements appended to an
   * empty list): what goes between its text and theirs when "fix all" makes them together.
   */
  readonly join?: string;
}

/** A fix a user may choose to apply (ESLint suggestion, tsserver quick fix); never automatic. */
export interface Suggestion {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/**
 * One problem found by the engine. Positions are offsets into the checked file's text, so every
 * front end reports the same place: ESLint via getLocFromIndex, TypeScript via start/length.
 */
export interface Finding {
  readonly ruleId: RuleId;
  readonly rule: RuleName;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly message: string;
  readonly fileName: string;
  readonly start: number;
  readonly end: number;
  readonly suggestions: readonly Suggestion[];
}

export function createFinding<R extends RuleName>(
  rule: R,
  messageId: MessageId<R>,
  data: Record<string, string>,
  sourceFile: ts.SourceFile,
  range: { start: number; end: number },
  suggestions: readonly Suggestion[] = [],
): Finding {
  return ruleFinding(rule, messageId, data, sourceFile, range, suggestions);
}

/**
 * `createFinding` for a message id a rule's check reported: the check's report function only
 * takes its own rule's message ids, which the engine no longer knows by type when it runs it.
 */
export function ruleFinding(
  rule: RuleName,
  messageId: string,
  data: Record<string, string>,
  sourceFile: ts.SourceFile,
  range: { start: number; end: number },
  suggestions: readonly Suggestion[] = [],
): Finding {
  return new EngineFinding(rule, messageId, data, sourceFile.fileName, range.start, range.end, suggestions);
}

/**
 * A class rather than an object literal with a getter, which V8 builds far more slowly: a file
 * checked without type information can hold dozens of fail-closed findings.
 */
class EngineFinding implements Finding {
  readonly ruleId: RuleId;
  #formatted: string | undefined;

  constructor(
    readonly rule: RuleName,
    readonly messageId: string,
    readonly data: Readonly<Record<string, string>>,
    readonly fileName: string,
    readonly start: number,
    readonly end: number,
    readonly suggestions: readonly Suggestion[],
  ) {
    this.ruleId = ruleId(rule);
  }

  // ESLint formats its own text from messageId and data, so the text is made only when read.
  get message(): string {
    const templates: Readonly<Record<string, string>> = RULES[this.rule].messages;
    return (this.#formatted ??= formatMessage(templates[this.messageId], this.data));
  }
}

/** The range a node occupies, without its leading trivia. */
export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): { start: number; end: number } {
  return { start: node.getStart(sourceFile), end: node.getEnd() };
}
