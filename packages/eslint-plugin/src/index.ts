import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { RULE_NAMES, RULE_PREFIX, resolveOptions, ruleId, type CapsuleGuardOptions } from '@capsule-guard/engine';
import { rules } from './rules';
import { SETTINGS_KEY } from './run-engine';

// The package root is one level above both src/ (tests) and dist/ (the published build).
const { name, version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

interface CapsuleGuardPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: Linter.Config };
  /**
   * `configs.recommended` with options shared by every rule, written once:
   * `capsuleGuard.configure({ capsuleField: 'envId' })`. Invalid options throw here, when the
   * config is loaded, naming the option.
   */
  configure(options: Partial<CapsuleGuardOptions>): Linter.Config;
}

const plugin: CapsuleGuardPlugin = {
  meta: { name, version },
  rules,
  configs: { recommended: {} },
  configure(options) {
    resolveOptions(options);
    return {
      ...plugin.configs.recommended,
      name: `${RULE_PREFIX}/configured`,
      settings: { [SETTINGS_KEY]: options },
    };
  },
};

// A flat config object; it refers to the plugin, so it is filled in once the plugin exists.
plugin.configs.recommended = {
  name: `${RULE_PREFIX}/recommended`,
  plugins: { [RULE_PREFIX]: plugin },
  rules: Object.fromEntries(RULE_NAMES.map((rule) => [ruleId(rule), 'error'])),
};

export = plugin;
