import { RULE_NAMES, RULES, ruleId } from '@capsule-guard/engine';
import { describe, expect, it } from 'vitest';
import { findingsIn } from '../testing/findings';
import { SARIF_SCHEMA_TITLE, sarifSchemaErrors } from '../testing/sarif-schema';
import { formatSarif, SOURCE_ROOT } from './sarif';

const CODE = `import { entity, capsuleIsolated } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  id!: string;
}
`;

const context = { cwd: '/repo', version: '1.2.3' };
const sarif = (file = 'src/order.ts', cwd = '/repo') => JSON.parse(formatSarif(findingsIn(CODE, file, cwd), { ...context, cwd }));

describe('formatSarif', () => {
  it('validates against the official SARIF 2.1.0 schema, with findings and without', () => {
    expect(SARIF_SCHEMA_TITLE).toMatch(/SARIF\) Version 2\.1\.0/u);
    expect(sarifSchemaErrors(sarif())).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(formatSarif([], context)))).toEqual([]);
    expect(sarifSchemaErrors(sarif('src/a file#1.ts'))).toEqual([]);
    expect(sarifSchemaErrors(sarif('src/order.ts', '/repo/app'))).toEqual([]);
  });

  it('the schema check itself rejects what GitHub would reject', () => {
    const log = sarif();
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete log.runs[0].tool.driver.name;
    expect(sarifSchemaErrors(log)).toEqual([
      expect.stringContaining('/runs/0/tool/driver must have required property \'name\''),
      expect.stringContaining('/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1'),
    ]);
  });

  it('describes the tool and every rule of the catalog, as errors, with descriptions and help', () => {
    const { tool } = sarif().runs[0];
    expect(tool.driver).toMatchObject({ name: 'capsule-guard', version: '1.2.3', semanticVersion: '1.2.3' });
    expect(tool.driver.informationUri).toMatch(/^https:\/\//u);
    expect(tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULE_NAMES.map(ruleId));
    RULE_NAMES.forEach((name, index) => {
      const rule = tool.driver.rules[index];
      expect(rule.shortDescription.text).toBe(RULES[name].description);
      expect(rule.fullDescription.text).toContain(RULES[name].description);
      expect(rule.fullDescription.text).toContain('// capsule-guard-ignore <rule-id> -- <reason>');
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*/${name}\\.md$`, 'u'));
      expect(rule.help.text).toContain(rule.helpUri);
      expect(rule.help.markdown).toContain(`(${rule.helpUri})`);
      expect(rule.defaultConfiguration).toEqual({ level: 'error' });
    });
  });

  it('reports each finding with its rule index, level, message and region, relative to the source root', () => {
    const run = sarif().runs[0];
    expect(run.originalUriBaseIds).toEqual({ [SOURCE_ROOT]: { uri: 'file:///repo/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results).toEqual([
      {
        ruleId: 'capsule-guard/isolated-key-templates',
        ruleIndex: RULE_NAMES.indexOf('isolated-key-templates'),
        level: 'error',
        message: { text: expect.stringMatching(/^Capsule-isolated entity 'OrderEntity': the pk template/u) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/order.ts', uriBaseId: SOURCE_ROOT },
              region: { startLine: 3, startColumn: 15, endLine: 3, endColumn: 45 },
            },
          },
        ],
      },
      expect.objectContaining({
        ruleId: 'capsule-guard/capsule-id-required',
        ruleIndex: RULE_NAMES.indexOf('capsule-id-required'),
      }),
    ]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('encodes file names as URIs', () => {
    const [result] = sarif('src/a file#1.ts').runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/a%20file%231.ts', uriBaseId: SOURCE_ROOT });
  });

  it('gives a file outside the source root as an absolute file URI', () => {
    const [result] = sarif('src/order.ts', '/repo/app').runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///repo/src/order.ts' });
  });
});
