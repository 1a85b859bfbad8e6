import type { Rule, SourceCode } from 'eslint';
import {
  checkSourceFile,
  differingOption,
  mayHaveFindings,
  OptionsError,
  RULE_NAMES,
  RULE_PREFIX,
  resolveOptions,
  ruleId,
  type CapsuleGuardOptions,
  type Finding,
  type RuleName,
} from '@capsule-guard/engine';
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

/** Where a flat config writes the options every rule of the plugin shares: `settings['capsule-guard']`. */
export const SETTINGS_KEY = RULE_PREFIX;

// The key is the options' content, so rules configured alike (or not at all) share one engine run.
const withKey = (options: CapsuleGuardOptions): RuleOptions => ({ options, key: JSON.stringify(options) });
const NOT_SET = {};
const resolvedOptions = new WeakMap<object, WeakMap<object, RuleOptions>>();

/**
 * A rule's options: the shared ones from `settings['capsule-guard']`, with any the rule itself is
 * given (the older way, still accepted) written over them. Invalid options throw, for ESLint to
 * report. ESLint creates every rule anew for every file but hands it the same configured
 * objects, so each pair is validated once rather than once per rule and file.
 */
export function ruleOptionsFor(shared: unknown, own: unknown): RuleOptions {
  const sharedKey = cacheKey(shared);
  const ownKey = cacheKey(own);
  // A primitive is invalid: it is rejected every time, never cached.
  if (!sharedKey || !ownKey) return resolveRuleOptions(shared, own);
  let byOwn = resolvedOptions.get(sharedKey);
  if (!byOwn) resolvedOptions.set(sharedKey, (byOwn = new WeakMap()));
  let resolved = byOwn.get(ownKey);
  if (!resolved) byOwn.set(ownKey, (resolved = resolveRuleOptions(shared, own)));
  return resolved;
}

const cacheKey = (value: unknown): object | undefined =>
  value === undefined ? NOT_SET : typeof value === 'object' && value !== null ? value : undefined;

function resolveRuleOptions(shared: unknown, own: unknown): RuleOptions {
  const sharedRaw = sharedOptions(shared);
  const raw = own === undefined ? sharedRaw : typeof own === 'object' && own !== null ? { ...sharedRaw, ...own } : own;
  return withKey(resolveOptions(raw));
}

/** The shared options as written, validated on their own so that an error says where they are. */
function sharedOptions(shared: unknown): object | undefined {
  if (shared === undefined) return undefined;
  try {
    resolveOptions(shared);
  } catch (error) {
    if (error instanceof OptionsError) throw new OptionsError(`${error.message.replace(/^capsule-guard: invalid options: /u, '')} (in ESLint settings['${SETTINGS_KEY}'])`);
    throw error;
  }
  return shared as object;
}

/** The options each rule of the plugin runs with on one file, collected as ESLint creates the rules. */
const optionsByRule = new WeakMap<SourceCode, Map<RuleName, RuleOptions>>();

export function registerRuleOptions(sourceCode: SourceCode, rule: RuleName, options: RuleOptions): void {
  let byRule = optionsByRule.get(sourceCode);
  if (!byRule) optionsByRule.set(sourceCode, (byRule = new Map<RuleName, RuleOptions>()));
  byRule.set(rule, options);
}

/**
 * Rules of the plugin that would check one file with different options (`capsuleField: 'envId'`
 * on one rule only) disagree about correct code, so that is reported: once, by the first rule in
 * catalog order, and only after ESLint created every rule of the file. Undefined when they agree.
 */
export function optionsConflictFor(sourceCode: SourceCode, rule: RuleName): { option: string; values: string } | undefined {
  const byRule = optionsByRule.get(sourceCode);
  if (!byRule || RULE_NAMES.find((name) => byRule.has(name)) !== rule) return undefined;
  const first = byRule.get(rule) as RuleOptions;
  const option = [...byRule.values()].map((other) => differingOption(first.options, other.options)).find(Boolean);
  if (!option) return undefined;
  const rulesByValue = new Map<string, string[]>();
  for (const name of RULE_NAMES) {
    const options = byRule.get(name);
    if (!options) continue;
    const value = JSON.stringify(options.options[option]);
    rulesByValue.set(value, [...(rulesByValue.get(value) ?? []), ruleId(name)]);
  }
  const values = [...rulesByValue].map(([value, rules]) => `${value} for ${rules.join(', ')}`).join(' but ');
  return { option, values };
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
