import type { Rule } from 'eslint';
import type { RuleName } from '@capsule-guard/engine';
import capsuleIdRequired from './capsule-id-required';
import explicitRouteParams from './explicit-route-params';
import isolatedKeyLiterals from './isolated-key-literals';
import isolatedKeyTemplates from './isolated-key-templates';
import isolationScopeRequired from './isolation-scope-required';
import validIgnoreComments from './valid-ignore-comments';

/**
 * Every rule of the engine's catalog. `satisfies` turns a rule added to the catalog into a
 * compile error here until it is exported.
 */
export const rules = {
  'isolation-scope-required': isolationScopeRequired,
  'capsule-id-required': capsuleIdRequired,
  'isolated-key-templates': isolatedKeyTemplates,
  'explicit-route-params': explicitRouteParams,
  'valid-ignore-comments': validIgnoreComments,
  'isolated-key-literals': isolatedKeyLiterals,
} satisfies Record<RuleName, Rule.RuleModule>;
