import capsuleIdRequired from './capsule-id-required';
import explicitRouteParams from './explicit-route-params';
import isolatedKeyLiterals from './isolated-key-literals';
import isolatedKeyTemplates from './isolated-key-templates';
import isolationScopeRequired from './isolation-scope-required';
import { ruleList } from './rule-module';
import validIgnoreComments from './valid-ignore-comments';

/**
 * Every rule, one line each: the catalogue, the engine's registration, the ESLint rules and
 * recommended config, the TypeScript diagnostic codes and the CLI's and SARIF's rule metadata
 * are all derived from this list. Its order is the order front ends list rules in (SARIF's rule
 * indexes): a new rule goes at the end.
 */
export const RULES = ruleList({
  'isolation-scope-required': isolationScopeRequired,
  'capsule-id-required': capsuleIdRequired,
  'isolated-key-templates': isolatedKeyTemplates,
  'explicit-route-params': explicitRouteParams,
  'valid-ignore-comments': validIgnoreComments,
  'isolated-key-literals': isolatedKeyLiterals,
});
