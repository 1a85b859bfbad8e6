import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { RULE_NAMES, RULE_PREFIX, ruleId } from '@capsule-guard/engine';
import { rules } from './rules';

// The package root is one level above both src/ (tests) and dist/ (the published build).
const { name, version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

interface CapsuleGuardPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: Linter.Config };
}

const plugin: CapsuleGuardPlugin = {
  meta: { name, version },
  rules,
  configs: { recommended: {} },
};

// A flat config object; it refers to the plugin, so it is filled in once the plugin exists.
plugin.configs.recommended = {
  name: `${RULE_PREFIX}/recommended`,
  plugins: { [RULE_PREFIX]: plugin },
  rules: Object.fromEntries(RULE_NAMES.map((rule) => [ruleId(rule), 'error'])),
};

export = plugin;
