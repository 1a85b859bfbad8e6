import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OPTION_NAMES, RULE_OPTIONS_SCHEMA, RULE_NAMES, RULES, ruleId } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import plugin from './index';

const PACKAGE_ROOT = path.join(__dirname, '..');
const docPage = (rule: string) => path.join(PACKAGE_ROOT, 'docs', 'rules', `${rule}.md`);

describe('plugin', () => {
  it('names itself after its package', () => {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('registers itself in the recommended flat config (which rules it turns on: see package.test.ts)', () => {
    expect(plugin.configs.recommended.plugins).toEqual({ 'capsule-guard': plugin });
  });

  describe.each(RULE_NAMES)('%s', (rule) => {
    const { meta } = plugin.rules[rule];

    it("uses the catalog's description and message templates verbatim", () => {
      expect(meta?.docs?.description).toBe(RULES[rule].description);
      // Besides, one message of ESLint's own: rules configured with options that disagree.
      expect(meta?.messages).toEqual({ ...RULES[rule].messages, inconsistentOptions: expect.stringContaining("settings['capsule-guard']") });
      expect(meta?.type).toBe('problem');
    });

    it('validates its options against the shared schema and offers suggestions, never fixes', () => {
      expect(meta?.schema).toEqual([RULE_OPTIONS_SCHEMA]);
      expect(meta?.hasSuggestions).toBe(true);
      expect(meta?.fixable).toBeUndefined();
    });

    it('is listed in the package README with a link to its doc page', () => {
      const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
      expect(readme).toContain(`[\`${ruleId(rule)}\`](docs/rules/${rule}.md)`);
    });

    it('links to a doc page that exists and documents every option', () => {
      expect(meta?.docs?.url).toMatch(new RegExp(`/packages/eslint-plugin/docs/rules/${rule}\\.md$`, 'u'));
      expect(existsSync(docPage(rule))).toBe(true);
      const page = readFileSync(docPage(rule), 'utf8');
      expect(page).toContain(`# ${ruleId(rule)}`);
      for (const option of OPTION_NAMES) expect(page).toContain(`\`${option}\``);
    });
  });
});
