import type { Rule, SourceCode } from 'eslint';
import { checkSourceFile, mayHaveFindings, resolveOptions, type CapsuleGuardOptions, type Finding } from '@capsule-guard/engine';
import { checkInputFor } from './source-file';
import { loadTypeScript } from './typescript';

/** The engine's findings for a file, or the error that kept it from producing them. */
export type EngineResult =
  | { readonly ok: true; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly error: string };

/** A rule's validated options and the key under which engine runs with them are shared. */
export interface RuleOptions {
  readonly options: CapsuleGuardOptions;
  readonly key: string;
}

// The key is the options' content, so rules configured alike (or not at all) share one engine run.
const withKey = (options: CapsuleGuardOptions): RuleOptions => ({ options, key: JSON.stringify(options) });
const DEFAULT_RULE_OPTIONS = withKey(resolveOptions(undefined));
const resolvedOptions = new WeakMap<object, RuleOptions>();

/**
 * Validates a rule's configured options (throwing, for ESLint to report, when they are invalid).
 * ESLint creates every rule anew for every file but hands it the same configured object, so
 * each object is validated once rather than once per rule and file.
 */
export function ruleOptionsFor(raw: unknown): RuleOptions {
  if (raw === undefined) return DEFAULT_RULE_OPTIONS;
  if (typeof raw !== 'object' || raw === null) return withKey(resolveOptions(raw));
  let resolved = resolvedOptions.get(raw);
  if (!resolved) resolvedOptions.set(raw, (resolved = withKey(resolveOptions(raw))));
  return resolved;
}

// ESLint creates every rule for one file before the next file: the first rule's answer serves the rest.
let lastFilter: { readonly text: string; readonly key: string; readonly typed: boolean; readonly result: boolean } | undefined;

/**
 * The engine's text pre-filter for a file: false when the file can hold no finding, so a rule
 * needs no listener. Most files of a project are like that.
 */
export function mayHaveFindingsIn(text: string, { options, key }: RuleOptions, typed: boolean): boolean {
  // Usually the very same string: comparing it costs nothing, unlike searching it again.
  if (lastFilter !== undefined && lastFilter.text === text && lastFilter.key === key && lastFilter.typed === typed) return lastFilter.result;
  const result = mayHaveFindings(text, options, typed);
  lastFilter = { text, key, typed, result };
  return result;
}

/**
 * Every rule of the plugin needs the same engine run, so it happens once per lint pass and set of
 * options; each rule then reports its own share. The cache is keyed by ESLint's SourceCode, which
 * is shared by all rules of one pass and replaced on the next, so a re-lint after another file
 * changed (a const imported from it, a base class) never sees stale findings.
 */
const cache = new WeakMap<SourceCode, Map<string, EngineResult>>();

export function engineResultFor(context: Rule.RuleContext, { options, key }: RuleOptions): EngineResult {
  const { sourceCode } = context;
  let byOptions = cache.get(sourceCode);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(sourceCode, byOptions);
  }
  let result = byOptions.get(key);
  if (!result) {
    result = runEngine(context, options);
    byOptions.set(key, result);
  }
  return result;
}

function runEngine(context: Rule.RuleContext, options: CapsuleGuardOptions): EngineResult {
  // ESLint must never crash on our account: a failure becomes a report naming the file.
  try {
    const { ts, sourceFile, checker, projectDirectory } = checkInputFor(context, loadTypeScript());
    return { ok: true, findings: checkSourceFile(ts, sourceFile, { checker, options, projectDirectory }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
