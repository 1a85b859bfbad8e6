import type { Rule } from 'eslint';
import { RULE_NAMES } from '@capsule-guard/engine';
import { createRule } from '../create-rule';

/** One ESLint rule for every rule of the engine's list, built from the rule's module. */
export const rules: Readonly<Record<string, Rule.RuleModule>> = Object.fromEntries(RULE_NAMES.map((name) => [name, createRule(name)]));
