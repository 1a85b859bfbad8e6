import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OPTION_NAMES, RULE_NAMES, RULES, ruleId, type RuleName } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import plugin from './index';
import { pageWithHeader } from './testing/rule-doc-header';

/**
 * Every rule of the engine's list is complete wherever it must appear: a folder of its own with
 * its tests, the ESLint plugin and its recommended config, a doc page whose header is generated
 * from the rule's module. A rule folder that is not listed, or a listed rule missing anywhere,
 * fails here. After changing a rule's module, regenerate the doc page headers with
 * `npx vitest run packages/eslint-plugin/src/package.test.ts -u` (a new rule's page is created).
 */
const ENGINE_RULES = path.join(__dirname, '..', '..', 'engine', 'src', 'rules');
const DOCS = path.join(__dirname, '..', 'docs', 'rules');

const folders = (directory: string) =>
  readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const filesOf = (directory: string) => readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);

describe('the rule list', () => {
  it('lists every rule folder of the engine, each once', () => {
    expect([...RULE_NAMES].sort()).toEqual(folders(ENGINE_RULES).sort());
    expect(new Set(RULE_NAMES).size).toBe(RULE_NAMES.length);
  });

  it('is what the ESLint plugin exports, in its order', () => {
    expect(Object.keys(plugin.rules)).toEqual(RULE_NAMES);
  });

  it('is what configs.recommended turns on, every rule as an error', () => {
    expect(plugin.configs.recommended.rules).toEqual(Object.fromEntries(RULE_NAMES.map((name) => [ruleId(name), 'error'])));
  });

  it('has a doc page for every rule and none for a rule that does not exist', () => {
    const pages = filesOf(DOCS).filter((file) => file.endsWith('.md'));
    expect(pages.sort()).toEqual(RULE_NAMES.map((name) => `${name}.md`).sort());
  });
});

describe.each(RULE_NAMES)('%s', (name: RuleName) => {
  const rule = RULES[name];
  const folder = path.join(ENGINE_RULES, name);

  it('is defined by the module in its folder, under its own name', () => {
    expect(existsSync(path.join(folder, 'index.ts'))).toBe(true);
    expect(rule.name).toBe(name);
    expect(rule.description.length).toBeGreaterThan(0);
  });

  it('has engine tests beside its module', () => {
    expect(filesOf(folder).filter((file) => file.endsWith('.test.ts')).length).toBeGreaterThan(0);
  });

  it('reads only options that exist, each named once', () => {
    expect(OPTION_NAMES).toEqual(expect.arrayContaining([...rule.options]));
    expect(new Set(rule.options).size).toBe(rule.options.length);
  });

  it('has a doc page whose header is generated from its module', async () => {
    const page = path.join(DOCS, `${name}.md`);
    const current = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
    await expect(pageWithHeader(name, current)).toMatchFileSnapshot(page);
  });

  it('shows its diagnostic code on its doc page, so a user who sees it finds the page', () => {
    expect(readFileSync(path.join(DOCS, `${name}.md`), 'utf8')).toContain(`\`TS${rule.code}\``);
  });
});
