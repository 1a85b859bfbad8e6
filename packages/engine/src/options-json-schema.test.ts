import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { optionsMarkdownTable, pluginEntryJsonSchema } from './options-json-schema';

const README = path.join(__dirname, '..', '..', '..', 'README.md');

/** The table under the README's "## Options" heading, from its header row to its last row. */
function readmeOptionsTable(): string {
  const section = readFileSync(README, 'utf8').split('\n## Options\n')[1] ?? '';
  const lines = section.split('\n');
  const first = lines.findIndex((line) => line.startsWith('| option |'));
  const rows = lines.slice(first);
  return rows.slice(0, rows.findIndex((line) => !line.startsWith('|'))).join('\n');
}

describe('README options table', () => {
  it('is the table produced from the options schema (regenerate it with optionsMarkdownTable())', () => {
    expect(readmeOptionsTable()).toBe(optionsMarkdownTable());
  });

  it('has one row per option, with its default', () => {
    expect(optionsMarkdownTable()).toContain('| `scopeAtStart` | `true` |');
    expect(optionsMarkdownTable()).toContain('| `requestContextTypes` | `["RequestContext"]` |');
  });
});

describe('tsconfig plugin entry schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(pluginEntryJsonSchema());

  it.each([
    [{ name: '@capsule-guard/ts-plugin' }],
    [{ transform: '@capsule-guard/ts-plugin/transform', transformProgram: true, capsuleField: 'envId' }],
    [{ name: '@capsule-guard/ts-plugin', delimiter: '|', scopeAtStart: false, decoratorModules: ['./src/decorators'] }],
  ])('accepts the entry %j', (entry) => {
    expect(validate(entry)).toBe(true);
  });

  it.each([
    [{ name: '@capsule-guard/tsplugin' }],
    [{ transform: '@capsule-guard/ts-plugin/transfrom' }],
    [{ name: '@capsule-guard/ts-plugin', tenantFeild: 'orgId' }],
    [{ name: '@capsule-guard/ts-plugin', delimiter: '.' }],
    [{ name: '@capsule-guard/ts-plugin', capsulePrefix: 'C{x}' }],
    [{ capsuleField: 'envId' }],
  ])('rejects the entry %j', (entry) => {
    expect(validate(entry)).toBe(false);
  });

  it('gives every option its default, for editor hints', () => {
    expect((pluginEntryJsonSchema().properties as Record<string, unknown>).delimiter).toMatchObject({ default: '#', description: 'segment delimiter in key templates' });
  });
});
