import { afterEach, describe, expect, it, vi } from 'vitest';
import * as libraryEntities from '../../adapters/library-entities';
import { mayHaveFindings } from '../../check';
import { resolveOptions } from '../../options';
import { checkBothModes, where } from '../../testing/both-modes';
import { checkCode } from '../../testing/check-code';
import { LIBRARY_STUBS } from '../../testing/library-stubs';

const RULE = 'capsule-guard/isolated-key-literals';

/** Findings of this rule only, as [rule, message id, line, column, reported text]. */
const keyFindings = (code: string, settings: Parameters<typeof checkBothModes>[1] = {}) =>
  where(checkBothModes(code, settings).filter((f) => f.ruleId === RULE));

describe('keys built by hand', () => {
  it('reports a template literal without the capsule segment, naming it and suggesting buildKeys', () => {
    const code = ['export function accessKey(tenantId: string, id: string) {', '  return `TENANT#${tenantId}#ACCESS#${id}`;', '}', ''].join('\n');
    const [finding] = checkBothModes(code);
    expect(where([finding])).toEqual([[RULE, 'missingCapsuleSegment', 2, 10, '`TENANT#${tenantId}#ACCESS#${id}`']]);
    expect(finding.message).toBe(
      "The key `TENANT#${tenantId}#ACCESS#${id}` has no 'CAPSULE#<value>' segment right after its tenant segment ('ACCESS' follows it), " +
        "so it reaches across capsules. Write 'TENANT#${tenantId}#CAPSULE#${capsuleId}#…', or build the key with " +
        "buildKeys(Entity, values) from @capsule-guard/core, which is checked against the entity's declaration.",
    );
  });

  it('reports the outermost concatenation once', () => {
    const code = "declare const tenantId: string, id: string;\nconst key = 'TENANT#' + tenantId + '#ACCOUNT#' + id;\n";
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 2, 13, "'TENANT#' + tenantId + '#ACCOUNT#' + id"]]);
  });

  it('reports a key that ends after the tenant value', () => {
    const code = 'declare const t: string;\nexport const k = `TENANT#${t}`;\n';
    const [finding] = checkBothModes(code);
    expect(where([finding])).toEqual([[RULE, 'missingCapsuleSegment', 2, 18, '`TENANT#${t}`']]);
    expect(finding.data.found).toBe('the key ends after the tenant value');
  });

  it('reports a literal tenant value: the value must be an expression or a placeholder', () => {
    const code = "const k = 'TENANT#acme#CAPSULE#{capsuleId}#ORDER#{id}';\n";
    const [finding] = checkBothModes(code);
    expect(where([finding])).toEqual([[RULE, 'missingTenantValue', 1, 11, "'TENANT#acme#CAPSULE#{capsuleId}#ORDER#{id}'"]]);
    expect(finding.data.found).toBe("'acme'");
  });

  it('reports a literal capsule value', () => {
    const code = 'declare const t: string;\nconst k = `TENANT#${t}#CAPSULE#DEFAULT#FINCONFIG`;\n';
    const [finding] = checkBothModes(code);
    expect(where([finding])).toEqual([[RULE, 'missingCapsuleValue', 2, 11, '`TENANT#${t}#CAPSULE#DEFAULT#FINCONFIG`']]);
    expect(finding.data.found).toBe("'DEFAULT'");
  });

  it('reports a capsule segment with no value after it', () => {
    const code = "declare const t: string;\nconst k = 'TENANT#' + t + '#CAPSULE';\n";
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleValue', 2, 11, "'TENANT#' + t + '#CAPSULE'"]]);
  });

  it('reports a key that begins with the capsule segment', () => {
    const code = 'declare const c: string, t: string;\nconst k = `CAPSULE#${c}#TENANT#${t}#ROLE`;\n';
    expect(keyFindings(code)).toEqual([[RULE, 'capsuleBeforeTenant', 2, 11, '`CAPSULE#${c}#TENANT#${t}#ROLE`']]);
  });

  it('reports JavaScript interpolation written in a plain string', () => {
    const code = "const k = 'TENANT#${tenantId}#CAPSULE#${capsuleId}';\n";
    const [finding] = checkBothModes(code);
    expect(where([finding])).toEqual([[RULE, 'malformedKey', 1, 11, "'TENANT#${tenantId}#CAPSULE#${capsuleId}'"]]);
    expect(finding.message).toContain('JavaScript interpolation syntax');
  });

  it('reports a value glued to the next segment', () => {
    const code = 'declare const t: string, c: string;\nconst k = `TENANT#${t}CAPSULE#${c}`;\n';
    expect(keyFindings(code)).toEqual([[RULE, 'missingTenantValue', 2, 11, '`TENANT#${t}CAPSULE#${c}`']]);
  });

  it('reports a const of a leaky key at its declaration, not at each use', () => {
    const code = [
      "const ACCESS_PK = 'TENANT#{tenantId}#ACCESS#{id}';",
      'export const a = ACCESS_PK;',
      'export function b() { return ACCESS_PK; }',
      '',
    ].join('\n');
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 1, 19, "'TENANT#{tenantId}#ACCESS#{id}'"]]);
  });

  it('resolves consts inside templates and concatenations', () => {
    const code = [
      "const TENANT_PREFIX = 'TENANT#';",
      "const ACCESS = 'ACCESS';",
      'export function key(tenantId: string, id: string) {',
      '  return `${TENANT_PREFIX}${tenantId}#${ACCESS}#${id}`;',
      '}',
      '',
    ].join('\n');
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 4, 10, '`${TENANT_PREFIX}${tenantId}#${ACCESS}#${id}`']]);
  });

  it('resolves a const declared after its use', () => {
    const code = ['export const key = (t: string) => PREFIX + t + "#ORDER";', "const PREFIX = 'TENANT#';", ''].join('\n');
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 1, 35, 'PREFIX + t + "#ORDER"']]);
  });

  it('resolves consts imported from another file with type information', () => {
    const files = { 'keys.ts': "export const TENANT_PREFIX = 'TENANT#';\n" };
    const code = "import { TENANT_PREFIX } from './keys';\nexport const k = (t: string) => TENANT_PREFIX + t + '#ROLE#TENANT#';\n";
    const typed = checkCode(code, { typed: true, files }).filter((f) => f.ruleId === RULE);
    expect(where(typed)).toEqual([[RULE, 'missingCapsuleSegment', 2, 33, "TENANT_PREFIX + t + '#ROLE#TENANT#'"]]);
  });

  it('checks keys in files that import nothing from capsule-guard, and lets them through the pre-filter', () => {
    const code = 'export const k = (t: string) => `TENANT#${t}`;\n';
    expect(mayHaveFindings(code)).toBe(true);
    expect(mayHaveFindings('export const k = 1;\n')).toBe(false);
    expect(keyFindings(code)).toHaveLength(1);
  });

  it('follows the prefix and delimiter options', () => {
    const options = resolveOptions({ tenantPrefix: 'T', capsulePrefix: 'ENV', delimiter: '|' });
    const code = 'declare const t: string, c: string;\nconst good = `T|${t}|ENV|${c}|X`;\nconst bad = `T|${t}|X`;\nconst other = `TENANT#${t}`;\n';
    expect(mayHaveFindings('const k = `T|x`', options)).toBe(true);
    expect(keyFindings(code, { options })).toEqual([[RULE, 'missingCapsuleSegment', 3, 13, '`T|${t}|X`']]);
  });

  it('honours the suppression comment', () => {
    const code = [
      'declare const t: string;',
      '// capsule-guard-ignore capsule-guard/isolated-key-literals -- tenant-wide audit log, reviewed',
      'export const k = `TENANT#${t}#AUDIT`;',
      '',
    ].join('\n');
    expect(checkBothModes(code)).toEqual([]);
  });
});

describe('text that is not checked', () => {
  it.each([
    ['a complete key', 'declare const t: string, c: string;\nexport const k = `TENANT#${t}#CAPSULE#${c}#X`;\n'],
    ['a complete key by concatenation', "declare const t: string, c: string;\nexport const k = 'TENANT#' + t + '#CAPSULE#' + c;\n"],
    ['placeholders', "export const k = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';\n"],
    ['property access values', 'declare const s: { tenantId: string; capsuleId: string };\nexport const k = `TENANT#${s.tenantId}#CAPSULE#${s.capsuleId}`;\n'],
    ['a platform key', "declare const id: string;\nexport const k = 'PLATFORM#TENANT#' + id;\n"],
    ['a log message', 'declare const t: string;\nconsole.log(`loading TENANT#${t}`);\n'],
    ['a prefix fragment', "export const TENANT_PREFIX = 'TENANT#';\nexport const CAPSULE_PREFIX = 'CAPSULE#';\n"],
    ['a complete prefix', "declare const k: string, t: string, c: string;\nexport const mine = k.startsWith(`TENANT#${t}#CAPSULE#${c}#`);\nexport const p = `TENANT#${t}#CAPSULE#`;\n"],
    ['a key of fragments', "const T = 'TENANT#';\nconst C = 'CAPSULE#';\ndeclare const t: string, c: string;\nexport const k = `${T}${t}#${C}${c}#X`;\n"],
    ['a literal type', 'export type Key = `TENANT#${string}#ROLE`;\nexport type P = \'TENANT#acme\';\n'],
    ['a property name', "export const m = { 'TENANT#acme': 1 };\n"],
    [
      'the key declaration inside @entity',
      "import { entity, platformScoped } from '@capsule-guard/core';\n@entity({ pk: 'TENANT#{id}#ROLE' })\n@platformScoped({ reason: 'shared' })\nexport class R { id!: string }\n",
    ],
  ])('%s', (_name, code) => {
    expect(keyFindings(code)).toEqual([]);
  });

  it('checks a literal in a call inside a template span on its own', () => {
    const code = "declare function f(s: string): string;\ndeclare const t: string;\nexport const k = `PLATFORM#${f('TENANT#' + t)}`;\n";
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 3, 32, "'TENANT#' + t"]]);
  });

  it('checks literals in a decorator other than @entity', () => {
    const code = "import { entity } from '@capsule-guard/core';\ndeclare function tag(s: string): ClassDecorator;\n@tag('TENANT#acme')\nexport class R {}\n";
    expect(keyFindings(code)).toEqual([[RULE, 'missingTenantValue', 3, 6, "'TENANT#acme'"]]);
  });
});

describe("templates held in consts for a modelling library's entities, in that library's syntax", () => {
  const lines = (...code: string[]) => `${code.join('\n')}\n`;

  it("reads ElectroDB's ${attr} in a file importing electrodb: a scoped template passes, a leaky one is reported", () => {
    const code = lines(
      "import { Entity } from 'electrodb';",
      "export const CONTRACT_PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}';",
      "export const LEGACY_PK = 'TENANT#${tenantId}#CONTRACT#${id}';",
      'export type Model = typeof Entity;',
    );
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 3, 26, "'TENANT#${tenantId}#CONTRACT#${id}'"]]);
  });

  it.each([
    ['require', 'require'],
    ['require written with an escape', 'requ\\u0069re'],
  ])("reads ElectroDB's ${attr} in a CommonJS module that requires electrodb: %s", (_form, require) => {
    const code = lines(
      `const { Entity } = ${require}('electrodb');`,
      "exports.CONTRACT_PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}';",
      "exports.LEGACY_PK = 'TENANT#${tenantId}#CONTRACT#${id}';",
      'exports.isEntity = (value) => value instanceof Entity;',
    );
    expect(keyFindings(code, { fileName: 'keys.cjs', files: LIBRARY_STUBS })).toEqual([[RULE, 'missingCapsuleSegment', 3, 21, "'TENANT#${tenantId}#CONTRACT#${id}'"]]);
  });

  it("reads OneTable's ${field:size:pad} in a file importing dynamodb-onetable", () => {
    const code = lines(
      "import type { OneSchema } from 'dynamodb-onetable';",
      "export const PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#SEQ#${seq:8:0}';",
      "export const BAD = 'TENANT#${tenantId:4}#SEQ#${seq:8:0}';",
      'export type Schema = OneSchema;',
    );
    expect(keyFindings(code)).toEqual([[RULE, 'missingCapsuleSegment', 3, 20, "'TENANT#${tenantId:4}#SEQ#${seq:8:0}'"]]);
  });

  it("reads TypeDORM's {{field}} in a file importing @typedorm/common", () => {
    const code = lines(
      "import { Entity } from '@typedorm/common';",
      "export const ORG_PK = 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}';",
      "export const CAPSULE_FIRST = 'CAPSULE#{{capsuleId}}#TENANT#{{tenantId}}';",
      'export type Model = typeof Entity;',
    );
    expect(keyFindings(code)).toEqual([[RULE, 'capsuleBeforeTenant', 3, 30, "'CAPSULE#{{capsuleId}}#TENANT#{{tenantId}}'"]]);
  });

  it.each([
    ['a template of our decorator', "export const ORG_PK = 'TENANT#{tenantId}#ORG#{id}';", "'TENANT#{tenantId}#CAPSULE#{capsuleId}#…'", 23],
    ['a TypeDORM template', "export const ORG_PK = 'TENANT#{{tenantId}}#ORG#{{id}}';", "'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#…'", 23],
    ['an ElectroDB template', "export const ORG_PK = 'TENANT#${tenantId}#ORG#${id}';", "'TENANT#${tenantId}#CAPSULE#${capsuleId}#…'", 23],
    ['a template literal', 'export const orgPk = (tenantId: string) => `TENANT#${tenantId}#ORG`;', "'TENANT#${tenantId}#CAPSULE#${capsuleId}#…'", 44],
  ])('says what to write in the syntax the key is written in: %s', (kind, declaration, expected, column) => {
    const library = kind.includes('TypeDORM') ? '@typedorm/common' : 'electrodb';
    const code = lines(`import { Entity } from '${library}';`, declaration, 'export type Model = typeof Entity;');
    const findings = checkBothModes(code, { files: LIBRARY_STUBS }).filter((f) => f.ruleId === RULE);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 2, column, declaration.slice(column - 1).replace(/;$/u, '')]]);
    expect(findings[0].message).toContain(`Write ${expected}, or build the key`);
  });

  it('keeps reporting ${…} in plain quotes used in place where no such library is imported: there it is an interpolation in the wrong quotes', () => {
    const code = lines(
      'export function orderKey(tenantId: string, capsuleId: string) {',
      "  return { pk: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#ORDER' };",
      '}',
    );
    const [finding] = checkBothModes(code).filter((f) => f.ruleId === RULE);
    expect(where([finding])).toEqual([[RULE, 'malformedKey', 2, 16, "'TENANT#${tenantId}#CAPSULE#${capsuleId}#ORDER'"]]);
    expect(finding.message).toContain('JavaScript interpolation syntax');
    // A key used in place is no entity's template: the hint about libraries is for consts.
    expect(finding.message).not.toContain('key template of an entity');
  });

  it('keeps reporting ${…} in plain quotes in a const this module keeps to itself', () => {
    const code = lines("const PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#ORDER';", 'export const key = () => PK;');
    expect(keyFindings(code)).toEqual([[RULE, 'malformedKey', 1, 12, "'TENANT#${tenantId}#CAPSULE#${capsuleId}#ORDER'"]]);
  });

  describe('a module that imports no library (the SPEC: text in plain quotes is not a placeholder there)', () => {
    it.each([
      ['ElectroDB or OneTable ${attr}', "'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'", "'electrodb' or 'dynamodb-onetable'"],
      ['TypeDORM {{field}}', "'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}'", "'@typedorm/common'"],
    ])("reports a template in %s syntax as malformed, saying where a library's template is read as one", (_, template, packages) => {
      const code = lines(`export const SHARED_PK = ${template};`);
      const findings = checkBothModes(code).filter((f) => f.ruleId === RULE);
      expect(where(findings)).toEqual([[RULE, 'malformedKey', 1, 26, template]]);
      expect(findings[0].message).toContain(
        `If it is the key template of an entity declared with ${packages}, keep it in a module that imports that package (or declares the entity), where it is read in the library's syntax.`,
      );
    });

    it('gives no such hint where the text is no library template either', () => {
      const [finding] = checkBothModes(lines("export const PK = 'TENANT#{tenant-id}#CAPSULE#{capsuleId}';")).filter((f) => f.ruleId === RULE);
      expect(finding.messageId).toBe('malformedKey');
      expect(finding.message).not.toContain('key template of an entity declared with');
    });
  });

  it('reads a const an entity of this file uses, when the library comes through a local barrel (type information)', () => {
    const code = lines(
      "import { Entity } from './db';",
      "const PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}';",
      'export const Contract = new Entity({',
      "  model: { entity: 'contract', version: '1', service: 'crm' },",
      "  attributes: { tenantId: { type: 'string', required: true }, capsuleId: { type: 'string', required: true }, id: { type: 'string', required: true } },",
      "  indexes: { byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'], template: PK } } },",
      "}, { table: 'platform_data' });",
    );
    const files = { ...LIBRARY_STUBS, 'db.ts': "export { Entity } from 'electrodb';\n" };
    expect(where(checkCode(code, { typed: true, files }))).toEqual([]);
  });

  it("does not read another library's syntax: {{field}} in an ElectroDB file is still malformed", () => {
    const code = lines("import { Entity } from 'electrodb';", "export const PK = 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}';", 'export type Model = typeof Entity;');
    expect(keyFindings(code)).toEqual([[RULE, 'malformedKey', 2, 19, "'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}'"]]);
  });
});

describe('the imported libraries are read when a key is met', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Most files that write a segment's text write it only in an entity's key, which is not a key
  // built by hand: their import declarations are not read again for the libraries' syntaxes.
  it('not in a file whose segments are all in an @entity key', () => {
    const read = vi.spyOn(libraryEntities, 'importedTemplateSyntaxes');
    const code = "import { entity, platformScoped } from '@capsule-guard/core';\n@entity({ pk: 'TENANT#{id}#ROLE' })\n@platformScoped({ reason: 'shared' })\nexport class R { id!: string }\n";
    expect(keyFindings(code)).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });

  it('once in a file holding keys built by hand', () => {
    const read = vi.spyOn(libraryEntities, 'importedTemplateSyntaxes');
    const code = "const a = 'TENANT#acme#CAPSULE#{capsuleId}';\nconst b = 'TENANT#{t}#ROLE';\n";
    expect(checkCode(code).filter((f) => f.ruleId === RULE)).toHaveLength(2);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
