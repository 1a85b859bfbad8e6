import { describe, expect, it } from 'vitest';
import { applyEdits } from '../testing/apply-edits';
import { checkBothModes, where } from '../testing/both-modes';
import { checkCode } from '../testing/check-code';
import { LIBRARY_STUBS } from '../testing/library-stubs';

const SCOPE = 'capsule-guard/isolation-scope-required';
const CAPSULE = 'capsule-guard/capsule-id-required';
const KEYS = 'capsule-guard/isolated-key-templates';
const files = LIBRARY_STUBS;

const IMPORTS = "import { Entity, INDEX_TYPE } from '@typedorm/common';";

/** An entity with `primaryKey`/`indexes` options `keys`; `@Entity` is on line 3, the key options from line 5. */
const organisation = (keys: string, fields = '  tenantId!: string;\n  capsuleId!: string;\n  id!: string;\n  email!: string;', before = '') => `${IMPORTS}
${before}
@Entity({
  name: 'organisation',
${keys}
})
export class Organisation {
${fields}
}
`;

const CLEAN = `  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}', sortKey: 'ORG#{{id}}' },
  indexes: {
    GSI1: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#EMAIL#{{email}}', sortKey: 'ORG#{{id}}', type: INDEX_TYPE.GSI },
    LSI1: { sortKey: 'EMAIL#{{email}}', type: INDEX_TYPE.LSI },
  },`;

describe('TypeDORM entities', () => {
  it('accepts an isolated entity whose partition keys begin with the tenant and capsule', () => {
    expect(checkBothModes(organisation(CLEAN), { files })).toEqual([]);
  });

  it('gives bare tenant and capsule placeholders their prefixes in the suggested key', () => {
    const code = organisation("  primaryKey: { partitionKey: '{{tenantId}}#{{capsuleId}}#ORG#{{id}}', sortKey: 'ORG#{{id}}' },");
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([
      [KEYS, 'libraryMissingTenantSegment', 5, 31, "'{{tenantId}}#{{capsuleId}}#ORG#{{id}}'"],
      [KEYS, 'libraryMissingCapsuleSegment', 5, 31, "'{{tenantId}}#{{capsuleId}}#ORG#{{id}}'"],
    ]);
    expect(findings[0].message).toContain("Write 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}'.");
    expect(checkBothModes(applyEdits(code, findings[0].suggestions[0].edits), { files })).toEqual([]);
  });

  it('recognises @Entity through an alias and a namespace import, not a look-alike', () => {
    const leaky = "  primaryKey: { partitionKey: 'ORG#{{id}}' },";
    const aliased = organisation(leaky).replace('import { Entity,', 'import { Entity as Table,').replace('@Entity(', '@Table(');
    expect(where(checkBothModes(aliased, { files })).map((f) => f[1])).toEqual(['libraryMissingTenantSegment', 'libraryMissingCapsuleSegment']);
    const namespaced = organisation(leaky).replace(IMPORTS, "import * as typedorm from '@typedorm/common';").replace('@Entity(', '@typedorm.Entity(');
    expect(where(checkBothModes(namespaced, { files })).map((f) => f[1])).toEqual(['libraryMissingTenantSegment', 'libraryMissingCapsuleSegment']);
    const local = organisation(leaky).replace(IMPORTS, 'declare function Entity(options: unknown): any;');
    expect(checkBothModes(local, { files })).toEqual([]);
  });

  it('works with experimentalDecorators and through a barrel with type information', () => {
    const leaky = "  primaryKey: { partitionKey: 'ORG#{{id}}' },";
    const code = organisation(leaky).replace("from '@typedorm/common'", "from './orm'");
    const barrel = { ...files, 'orm.ts': "export * from '@typedorm/common';\n" };
    const findings = checkCode(code, { typed: true, files: barrel, experimentalDecorators: true });
    expect(where(findings)).toEqual([
      [KEYS, 'libraryMissingTenantSegment', 5, 31, "'ORG#{{id}}'"],
      [KEYS, 'libraryMissingCapsuleSegment', 5, 31, "'ORG#{{id}}'"],
    ]);
  });
});

describe('key templates', () => {
  it('reports a GSI partition key without the capsule segment, with the corrected template in TypeDORM syntax', () => {
    const code = organisation(CLEAN.replace('TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#EMAIL', 'TENANT#{{tenantId}}#EMAIL'));
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryMissingCapsuleSegment', 7, 27, "'TENANT#{{tenantId}}#EMAIL#{{email}}'"]]);
    expect(findings[0].message).toBe(
      "Capsule-isolated TypeDORM entity 'Organisation': the partitionKey (index 'GSI1') template 'TENANT#{{tenantId}}#EMAIL#{{email}}' has no 'CAPSULE#{{capsuleId}}' segment after the tenant segment, so its items leak across capsules. Write 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#EMAIL#{{email}}'.",
    );
    expect(applyEdits(code, findings[0].suggestions[0].edits)).toBe(organisation(CLEAN));
  });

  it('does not ask a local index for a partition key, and checks its sort key placeholders', () => {
    const code = organisation(CLEAN.replace("sortKey: 'EMAIL#{{email}}'", "sortKey: 'EMAIL#{{mail}}'"));
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryUnknownAttribute', 8, 22, "'EMAIL#{{mail}}'"]]);
    expect(findings[0].message).toBe(
      "TypeDORM entity 'Organisation': the sortKey (index 'LSI1') template 'EMAIL#{{mail}}' uses '{{mail}}', but there is no attribute 'mail'. Use one of its attributes, e.g. '{{tenantId}}', '{{capsuleId}}', '{{id}}', '{{email}}'.",
    );
  });

  it('reports an unresolved placeholder, which TypeDORM itself only finds at run time', () => {
    const code = organisation("  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{orgId}}' },");
    expect(where(checkBothModes(code, { files }))).toEqual([
      [KEYS, 'libraryUnknownAttribute', 5, 31, "'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{orgId}}'"],
    ]);
  });

  it('reports a malformed template, a missing primary key and a key that is not static', () => {
    const malformed = organisation("  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId' },");
    expect(where(checkBothModes(malformed, { files })).map((f) => f[1])).toEqual(['libraryMalformedTemplate']);
    const missing = organisation("  table: 'platform_data',");
    expect(where(checkBothModes(missing, { files }))).toEqual([[KEYS, 'libraryMissingKey', 3, 9, "{\n  name: 'organisation',\n  table: 'platform_data',\n}"]]);
    const dynamic = organisation('  primaryKey: { partitionKey: keyFor() },', undefined, 'declare function keyFor(): string;');
    expect(where(checkBothModes(dynamic, { files })).map((f) => [f[1], f[4]])).toEqual([['libraryUnverifiable', 'keyFor()']]);
  });
});

describe('scope and capsule field', () => {
  it('accepts @platformScoped with a reason and the comment with a reason', () => {
    const keys = "  primaryKey: { partitionKey: 'PLATFORM#TENANT#{{id}}' },";
    const fields = '  id!: string;';
    const decorated = organisation(keys, fields, "import { platformScoped } from '@capsule-guard/core';\n@platformScoped({ reason: 'the tenant registry is shared' })");
    expect(checkBothModes(decorated, { files })).toEqual([]);
    const commented = organisation(keys, fields, '// capsule-guard-platform-scoped -- the tenant registry is shared');
    expect(checkBothModes(commented, { files })).toEqual([]);
    const aboveJsDoc = organisation(keys, fields, '// capsule-guard-platform-scoped -- the tenant registry is shared\n/** Every tenant of the platform. */');
    expect(checkBothModes(aboveJsDoc, { files })).toEqual([]);
  });

  it('reports @platformScoped and the comment without a reason on the class name', () => {
    const keys = "  primaryKey: { partitionKey: 'PLATFORM#{{id}}' },";
    const fields = '  id!: string;\n  capsuleId!: string;\n  tenantId!: string;';
    const decorated = organisation(keys, fields, "import { platformScoped } from '@capsule-guard/core';\n@platformScoped({ reason: '' })");
    expect(where(checkBothModes(decorated, { files }))).toEqual([[SCOPE, 'emptyReason', 8, 14, 'Organisation']]);
    const commented = organisation(keys, fields, '// capsule-guard-platform-scoped --');
    const findings = checkBothModes(commented, { files });
    expect(where(findings).map((f) => [f[0], f[1], f[2]])).toEqual([
      [KEYS, 'libraryMissingTenantSegment', 5],
      [KEYS, 'libraryMissingCapsuleSegment', 5],
      [SCOPE, 'platformCommentWithoutReason', 7],
    ]);
    expect(findings[2].message).toContain("TypeDORM entity 'Organisation' is marked '// capsule-guard-platform-scoped' without a reason");
  });

  it('reports a missing or optional capsule field as for our decorator', () => {
    const keys = "  primaryKey: { partitionKey: 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORG#{{id}}' },";
    const optional = organisation(keys, '  tenantId!: string;\n  capsuleId?: string;\n  id!: string;');
    const findings = checkBothModes(optional, { files });
    expect(where(findings).map((f) => [f[0], f[1], f[2], f[3]])).toEqual([
      [CAPSULE, 'missingCapsuleId', 7, 14],
    ]);
    expect(findings[0].message).toContain("Capsule-isolated class 'Organisation' has no usable 'capsuleId' field");
  });
});
