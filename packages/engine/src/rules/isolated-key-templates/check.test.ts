import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, resolveOptions } from '../../options';
import { checkCode, type CheckedFinding } from '../../testing/check-code';
import { checkBothModes, summary, where } from '../../testing/both-modes';

const RULE = 'capsule-guard/isolated-key-templates';
const IMPORTS = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";

/** Applies the only suggestion of a finding to the code, as an editor would. */
function applySuggestion(code: string, finding: CheckedFinding): string {
  expect(finding.suggestions).toHaveLength(1);
  return [...finding.suggestions[0].edits]
    .sort((a, b) => b.start - a.start)
    .reduce((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), code);
}

/**
 * A capsule-isolated role entity with the given @entity options, written on line 3 right after
 * `@entity(`, so a `{ pk: '…' }` template starts at column 15.
 */
const isolated = (options: string) => `${IMPORTS}

@entity(${options})
@capsuleIsolated
export class RoleEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
  email!: string;
  version!: number;
}
`;

/** The same entity, platform-scoped, so only the well-formedness of its templates is checked. */
const platform = (options: string) => `${IMPORTS}

@entity(${options})
@platformScoped({ reason: 'shared by all capsules' })
export class RoleEntity {
  id!: string;
  email!: string;
}
`;

const GOOD_PK = "'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'";

describe('valid key templates', () => {
  it('accepts the entities of the product contract', () => {
    const code = `${IMPORTS}
type TenantId = string & { readonly brand: 'TenantId' };
type CapsuleId = string & { readonly brand: 'CapsuleId' };

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA#v{version}',
  gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
})
@capsuleIsolated
export class RoleAssignmentEntity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  id!: string;
  email!: string;
  version!: number;
}

@entity({ pk: 'PLATFORM#TENANT#{id}' })
@platformScoped({ reason: 'tenant registry is shared by all capsules' })
export class TenantEntity { id!: string }
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('accepts the key segments among other segments, nested one level, and however the template is written', () => {
    const code = `${IMPORTS}
import * as cg from '@capsule-guard/core';

interface EntityContext { tenantId: string; capsuleId: string }
class Keys { tenantId!: string; capsuleId!: string; id!: string }
const TENANT = 'TENANT#{tenantId}';
const PK = TENANT + '#CAPSULE#{capsuleId}';
const KEYS = { pk: \`\${PK}#ITEM#{id}\`, sk: 'ITEM' } as const;
enum Key { Pk = 'TENANT#{tenantId}#CAPSULE#{capsuleId}' }
const BASE = { table: 'platform_data', sk: 'ITEM#{id}' } as const;
const OPTIONS: Readonly<{ pk: string }> = { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' };

@entity({ pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}' }) @capsuleIsolated class Nested { context!: EntityContext }
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}' }) @capsuleIsolated class Mixed { tenantId!: string; context!: { capsuleId: string } }
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}' }) @capsuleIsolated class Either { tenantId!: string; capsuleId!: string; context!: EntityContext }
@entity({ pk: \`TENANT#{tenantId}#CAPSULE#{capsuleId}\` }) @capsuleIsolated class Template extends Keys {}
@entity({ pk: PK }) @capsuleIsolated class Const extends Keys {}
@entity({ pk: KEYS.pk, sk: KEYS['sk'] }) @capsuleIsolated class ObjectProperty extends Keys {}
@entity({ pk: Key.Pk }) @capsuleIsolated class EnumMember extends Keys {}
@entity({ ...BASE, pk: PK }) @capsuleIsolated class Spread extends Keys {}
@entity(OPTIONS) @capsuleIsolated class WholeOptions extends Keys {}
@entity({ pk: PK, sk: 'ANY#{id}', gsi: {} }) @capsuleIsolated class NoIndexes extends Keys {}
@entity({ pk: PK, gsi: { byId: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ID#{id}' }, 'by-tenant': { pk: PK, sk: 'X' } } }) @capsuleIsolated class Indexes extends Keys {}
@cg.entity({ pk: PK }) @cg.capsuleIsolated() class Namespaced extends Keys {}
@entity({ pk: 'ITEM#{id}', sk: 'X', gsi: { g: { pk: 'ALL' } } }) @platformScoped({ reason: 'shared' }) class Shared { id!: string }
export const Expression = @entity({ pk: PK }) @capsuleIsolated class extends Keys {};
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('does not require key segments in sort keys', () => {
    expect(checkBothModes(isolated(`{ pk: ${GOOD_PK}, sk: 'ROLE#{id}', gsi: { gsi1: { pk: ${GOOD_PK}, sk: 'EMAIL#{email}' } } }`))).toEqual([]);
  });

  it('accepts templates under experimentalDecorators', () => {
    const code = isolated(`{ pk: ${GOOD_PK} }`);
    expect(checkCode(code, { typed: true, experimentalDecorators: true })).toEqual([]);
  });
});

describe('missingTenantSegment', () => {
  it('reports a literal tenant, says what to write, and suggests the fixed template', () => {
    const code = isolated("{ pk: 'TENANT#acme#CAPSULE#{capsuleId}' }");
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingTenantSegment', 3, 15, "'TENANT#acme#CAPSULE#{capsuleId}'"]]);
    const fixed = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';
    expect(findings[0]).toMatchObject({
      rule: 'isolated-key-templates',
      data: {
        className: 'RoleEntity',
        templateName: 'pk',
        template: 'TENANT#acme#CAPSULE#{capsuleId}',
        expected: 'TENANT#{tenantId}',
        fixed,
      },
      message: `Capsule-isolated entity 'RoleEntity': the pk template 'TENANT#acme#CAPSULE#{capsuleId}' has no 'TENANT#{tenantId}' segment, so its items leak across tenants. Write e.g. '${fixed}'.`,
      suggestions: [{ description: `Change the pk template to '${fixed}'` }],
    });
    const fixedCode = applySuggestion(code, findings[0]);
    expect(fixedCode).toBe(isolated(`{ pk: '${fixed}' }`));
    expect(checkCode(fixedCode)).toEqual([]);
  });

  it.each([
    ['a prefixed tenant segment', 'XTENANT#{tenantId}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#XTENANT#{tenantId}'],
    ['a tenant segment naming another field', 'TENANT#{id}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['a tenant placeholder sharing its segment', 'TENANT#t{tenantId}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['a lower-case prefix', 'tenant#{tenantId}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#tenant#{tenantId}'],
    ['no tenant segment at all', 'CAPSULE#{capsuleId}#ROLE#{id}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'],
  ])('reports %s', (_, template, fixed) => {
    const code = isolated(`{ pk: '${template}' }`);
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingTenantSegment', 3, 15, `'${template}'`]]);
    expect(findings[0].data.fixed).toBe(fixed);
    expect(checkCode(applySuggestion(code, findings[0]))).toEqual([]);
  });

  it('reports a GSI partition key without the tenant segment', () => {
    const code = isolated(`{ pk: ${GOOD_PK}, gsi: { gsi1: { pk: 'CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } } }`);
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingTenantSegment', 3, 85, "'CAPSULE#{capsuleId}#EMAIL#{email}'"]]);
    const fixed = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}';
    expect(findings[0].message).toBe(
      `Capsule-isolated entity 'RoleEntity': the GSI 'gsi1' pk template 'CAPSULE#{capsuleId}#EMAIL#{email}' has no 'TENANT#{tenantId}' segment, so its items leak across tenants. Write e.g. '${fixed}'.`,
    );
    expect(findings[0].suggestions[0].description).toBe(`Change the GSI 'gsi1' pk template to '${fixed}'`);
    expect(checkCode(applySuggestion(code, findings[0]))).toEqual([]);
  });
});

describe('missingCapsuleSegment', () => {
  it('reports a partition key without capsule segment, says what to write, and suggests the fixed template', () => {
    const code = isolated("{ pk: 'TENANT#{tenantId}#ROLE#{id}' }");
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 3, 15, "'TENANT#{tenantId}#ROLE#{id}'"]]);
    const fixed = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';
    expect(findings[0]).toMatchObject({
      data: { templateName: 'pk', template: 'TENANT#{tenantId}#ROLE#{id}', expected: 'CAPSULE#{capsuleId}', fixed },
      message: `Capsule-isolated entity 'RoleEntity': the pk template 'TENANT#{tenantId}#ROLE#{id}' has no 'CAPSULE#{capsuleId}' segment after the tenant segment, so its items leak across capsules. Write e.g. '${fixed}'.`,
      suggestions: [{ description: `Change the pk template to '${fixed}'` }],
    });
    expect(applySuggestion(code, findings[0])).toBe(isolated(`{ pk: '${fixed}' }`));
  });

  it.each([
    ['a literal capsule', 'TENANT#{tenantId}#CAPSULE#DEFAULT', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['a capsule segment holding the tenant', 'TENANT#{tenantId}#CAPSULE#{tenantId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['a misspelt prefix', 'TENANT#{tenantId}#CAPSULES#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CAPSULES#{capsuleId}'],
    ['the capsule before the tenant', 'CAPSULE#{capsuleId}#TENANT#{tenantId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['the capsule placeholder without its prefix', 'TENANT#{tenantId}#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}'],
    ['the bare capsule placeholder further on', 'TENANT#{tenantId}#ROLE#{id}#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'],
    ['the bare capsule placeholder before the tenant', '{capsuleId}#TENANT#{tenantId}#ROLE#{id}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'],
  ])('reports %s', (_, template, fixed) => {
    const code = isolated(`{ pk: '${template}' }`);
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 3, 15, `'${template}'`]]);
    expect(findings[0].data.fixed).toBe(fixed);
    expect(checkCode(applySuggestion(code, findings[0]))).toEqual([]);
  });

  it('reports a GSI partition key without the capsule segment', () => {
    const code = isolated(`{ pk: ${GOOD_PK}, gsi: { byEmail: { pk: 'TENANT#{tenantId}#EMAIL#{email}' } } }`);
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 3, 88, "'TENANT#{tenantId}#EMAIL#{email}'"]]);
    expect(findings[0].data.templateName).toBe("GSI 'byEmail' pk");
    expect(findings[0].data.fixed).toBe('TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}');
  });

  it('checks every GSI and reports only the bad one', () => {
    const code = isolated(`{ pk: ${GOOD_PK}, gsi: { a: { pk: ${GOOD_PK} }, b: { pk: 'TENANT#{tenantId}' } } }`);
    expect(where(checkBothModes(code))).toEqual([[RULE, 'missingCapsuleSegment', 3, 144, "'TENANT#{tenantId}'"]]);
  });
});

describe('templates missing both key segments', () => {
  it('reports both segments when neither is present', () => {
    const code = isolated("{ pk: 'ROLE#{id}' }");
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'missingTenantSegment', 3, 15, "'ROLE#{id}'"],
      [RULE, 'missingCapsuleSegment', 3, 15, "'ROLE#{id}'"],
    ]);
    const fixed = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';
    expect(findings.map((f) => f.data.fixed)).toEqual([fixed, fixed]);
    expect(checkCode(applySuggestion(code, findings[0]))).toEqual([]);
  });

  it.each([
    ['in order', '{tenantId}#{capsuleId}#ROLE#{id}'],
    ['the other way round', '{capsuleId}#{tenantId}#ROLE#{id}'],
    ['after the rest', 'ROLE#{id}#{tenantId}#{capsuleId}'],
  ])('gives bare tenant and capsule placeholders (%s) their prefixes rather than writing them twice', (_, template) => {
    const code = isolated(`{ pk: '${template}' }`);
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'missingTenantSegment', 3, 15, `'${template}'`],
      [RULE, 'missingCapsuleSegment', 3, 15, `'${template}'`],
    ]);
    const fixed = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';
    expect(findings[0].message).toContain(`Write e.g. '${fixed}'.`);
    expect(findings.map((f) => f.data.fixed)).toEqual([fixed, fixed]);
    expect(applySuggestion(code, findings[0])).toBe(isolated(`{ pk: '${fixed}' }`));
  });

  it('reports segments glued together without the delimiter', () => {
    const code = isolated("{ pk: 'TENANT#{tenantId}CAPSULE#{capsuleId}' }");
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'missingTenantSegment', 3, 15, "'TENANT#{tenantId}CAPSULE#{capsuleId}'"],
      [RULE, 'missingCapsuleSegment', 3, 15, "'TENANT#{tenantId}CAPSULE#{capsuleId}'"],
    ]);
    expect(checkCode(applySuggestion(code, findings[0]))).toEqual([]);
  });
});

describe('suggestions', () => {
  it('keeps the quotes of the template', () => {
    const findings = checkBothModes(isolated('{ pk: "TENANT#{tenantId}" }'));
    expect(findings[0].suggestions[0].edits[0].text).toBe('"TENANT#{tenantId}#CAPSULE#{capsuleId}"');
    const template = checkBothModes(isolated('{ pk: `TENANT#{tenantId}` }'));
    expect(template[0].suggestions[0].edits[0].text).toBe('`TENANT#{tenantId}#CAPSULE#{capsuleId}`');
  });

  it('offers no edit where the template is not a plain literal in the decorator', () => {
    const code = `${IMPORTS}

const PK = 'TENANT#{tenantId}';
@entity({ pk: PK, gsi: { g1: { pk: PK + '#X' }, g2: { pk: 'TENANT#{tenantId}#\\u0041' } } })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string }
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'missingCapsuleSegment', 4, 15, 'PK'],
      [RULE, 'missingCapsuleSegment', 4, 36, "PK + '#X'"],
      [RULE, 'missingCapsuleSegment', 4, 59, "'TENANT#{tenantId}#\\u0041'"],
    ]);
    expect(findings.map((f) => f.suggestions)).toEqual([[], [], []]);
    expect(findings[0].data.fixed).toBe('TENANT#{tenantId}#CAPSULE#{capsuleId}');
  });
});

describe('where findings are reported', () => {
  it('reports on the const identifier that names the template', () => {
    const code = `${IMPORTS}

const ROLE_PK = 'TENANT#{tenantId}#ROLE#{id}';
@entity({ pk: ROLE_PK })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string; id!: string }
`;
    // The const itself is a key written outside the declaration: isolated-key-literals reports it.
    const findings = checkBothModes(code).filter((finding) => finding.ruleId === RULE);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 4, 15, 'ROLE_PK']]);
    expect(findings[0].data.template).toBe('TENANT#{tenantId}#ROLE#{id}');
  });

  it('reports on a shorthand property and on an object property access', () => {
    const code = `${IMPORTS}

const pk = 'TENANT#{tenantId}';
const KEYS = { sk: 'X#{missing}' } as const;
@entity({ pk, sk: KEYS.sk })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string }
`;
    expect(where(checkBothModes(code))).toEqual([
      [RULE, 'missingCapsuleSegment', 5, 11, 'pk'],
      [RULE, 'unknownField', 5, 19, 'KEYS.sk'],
    ]);
  });

  it('reports on the options argument, or on the spread that brought the template, when it comes from outside the decorator', () => {
    const code = `${IMPORTS}

const OPTIONS = { pk: 'TENANT#{tenantId}' } as const;
const BASE = { pk: 'TENANT#{tenantId}' } as const;
@entity(OPTIONS) @capsuleIsolated export class FromConst { tenantId!: string; capsuleId!: string }
@entity({ ...BASE }) @capsuleIsolated export class FromSpread { tenantId!: string; capsuleId!: string }
`;
    expect(where(checkBothModes(code))).toEqual([
      [RULE, 'missingCapsuleSegment', 5, 9, 'OPTIONS'],
      [RULE, 'missingCapsuleSegment', 6, 11, '...BASE'],
    ]);
  });

  it('reports an anonymous class expression by its decorators', () => {
    const code = `${IMPORTS}

export const Role = @entity({ pk: 'ROLE#{id}' }) @capsuleIsolated class {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
};
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'missingTenantSegment', 3, 35, "'ROLE#{id}'"],
      [RULE, 'missingCapsuleSegment', 3, 35, "'ROLE#{id}'"],
    ]);
    expect(findings[0].data.className).toBe('(anonymous class)');
  });

  it('reports with experimentalDecorators', () => {
    const code = isolated("{ pk: 'TENANT#{tenantId}#ROLE#{id}' }");
    const untyped = checkCode(code);
    const typed = checkCode(code, { typed: true, experimentalDecorators: true });
    expect(typed.map(summary)).toEqual(untyped.map(summary));
    expect(where(typed)).toEqual([[RULE, 'missingCapsuleSegment', 3, 15, "'TENANT#{tenantId}#ROLE#{id}'"]]);
  });
});

describe('unusableKeyField', () => {
  /** An isolated entity whose fields are `members`, its pk written on line 4 at column 15. */
  const entityWith = (before: string, members: string, pk: string) => `${IMPORTS}
${before}

@entity({ pk: '${pk}' })
@capsuleIsolated
export class RoleEntity {
  ${members}
  id!: string;
}
`;
  const NESTED_PK = 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ROLE#{id}';

  it.each([
    ['an optional nested capsuleId', 'interface Ctx { tenantId: string; capsuleId?: string }', 'context!: Ctx;', 'CAPSULE', 'context.capsuleId', "'context.capsuleId' is unusable: 'capsuleId' is optional"],
    ['a nested capsuleId that may be undefined', 'interface Ctx { tenantId: string; capsuleId: string | undefined }', 'context!: Ctx;', 'CAPSULE', 'context.capsuleId', "'context.capsuleId' is unusable: 'capsuleId' may be undefined"],
    ['a nested capsuleId typed null', 'interface Ctx { tenantId: string; capsuleId: (null) }', 'context!: Ctx;', 'CAPSULE', 'context.capsuleId', "'context.capsuleId' is unusable: 'capsuleId' is typed 'null'"],
    ['a nested tenantId in a namespace, optional', 'namespace S { export interface Ctx { tenantId?: string; capsuleId: string } }', 'context!: S.Ctx;', 'TENANT', 'context.tenantId', "'context.tenantId' is unusable: 'tenantId' is optional"],
  ])('says why the field of %s cannot hold a key, instead of calling the segment missing', (_, before, members, prefix, path, reason) => {
    const findings = checkBothModes(entityWith(before, members, NESTED_PK)).filter((f) => f.ruleId === RULE);
    expect(where(findings)).toEqual([[RULE, 'unusableKeyField', 4, 15, `'${NESTED_PK}'`]]);
    const field = path.split('.')[1];
    expect(findings[0].message).toBe(
      `Capsule-isolated entity 'RoleEntity': the pk template '${NESTED_PK}' takes its '${prefix}#' segment from '{${path}}', ` +
        `which cannot hold a key: ${reason}. Make '${field}' a required field whose type has no undefined or null ` +
        `(e.g. '${field}: string', not optional, not in Partial<…>).`,
    );
  });

  it('reports both segments of a context typed Partial<…>, in either mode', () => {
    const findings = checkBothModes(entityWith('interface Ctx { tenantId: string; capsuleId: string }', 'context!: Partial<Ctx>;', NESTED_PK));
    expect(findings.filter((f) => f.ruleId === RULE).map((f) => [f.messageId, f.line, f.column, f.data.placeholder])).toEqual([
      ['unusableKeyField', 4, 15, '{context.tenantId}'],
      ['unusableKeyField', 4, 15, '{context.capsuleId}'],
    ]);
  });

  it('reports an optional top-level tenantId, which no other rule covers', () => {
    const pk = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';
    const findings = checkBothModes(entityWith('', 'tenantId?: string;\n  capsuleId!: string;', pk));
    expect(where(findings)).toEqual([[RULE, 'unusableKeyField', 4, 15, `'${pk}'`]]);
    expect(findings[0].data.reason).toBe("'tenantId' is optional");
  });

  it('fails closed on a tenantId typed in another file without type information, and reads it with', () => {
    const pk = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';
    const code = entityWith("import type { Tenant } from './tenant.js';", 'tenantId!: Tenant;\n  capsuleId!: string;', pk);
    const untyped = checkCode(code);
    expect(where(untyped)).toEqual([[RULE, 'unverifiableField', 4, 15, `'${pk}'`]]);
    expect(untyped[0].data.reason).toBe(
      "the type of 'tenantId' cannot be checked: 'Tenant' is imported from './tenant.js', and resolving it across files needs type information",
    );
    const maybe = checkCode(code, { typed: true, files: { 'tenant.ts': 'export type Tenant = string | undefined;' } });
    expect(where(maybe)).toEqual([[RULE, 'unusableKeyField', 4, 15, `'${pk}'`]]);
    expect(checkCode(code, { typed: true, files: { 'tenant.ts': 'export type Tenant = string;' } })).toEqual([]);
  });
});

describe('fields of base classes written as expressions, namespaces and Unicode names', () => {
  it('accepts Unicode placeholders naming Unicode fields, in either mode', () => {
    const code = `${IMPORTS}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#U#{naïve}#{名前}#{méta.propriétaire}#{$id}#{_x}#{𝑥}' })
@capsuleIsolated
export class RoleEntity {
  tenantId!: string;
  capsuleId!: string;
  naïve!: string;
  名前!: string;
  méta!: { propriétaire: string };
  $id!: string;
  _x!: string;
  𝑥!: string;
}
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('reports a Unicode placeholder naming no field, and one that is no identifier', () => {
    const missing = checkBothModes(isolated("{ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#{naïve}' }"));
    expect(missing.map((f) => [f.messageId, f.line, f.column, f.data.placeholder])).toEqual([['unknownField', 3, 15, '{naïve}']]);
    const malformed = checkBothModes(isolated("{ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#{a€}' }"));
    expect(malformed.map((f) => [f.messageId, f.line, f.column, f.data.problem])).toEqual([
      ['malformedTemplate', 3, 15, "'{a€}' is not a field reference ('a€' is not an identifier)"],
    ]);
  });

  it.each([
    ['an inline class expression', 'class { tenantId!: string; capsuleId!: string }', ''],
    ['a namespaced class', 'Bases.Scoped', 'namespace Bases { export class Scoped { tenantId!: string; capsuleId!: string } }'],
    ['a class in a declared namespace', 'Bases.Scoped', 'declare namespace Bases { class Scoped { tenantId: string; capsuleId: string } }'],
  ])('reads the fields of %s as a base class, in either mode', (_, base, before) => {
    const code = `${IMPORTS}\n${before}\n@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#R#{id}' })\n@capsuleIsolated\nexport class RoleEntity extends ${base} { id!: string }\n`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('reads a mixin base class with type information, and says it cannot be verified without it', () => {
    const code = `${IMPORTS}
declare function WithScope<T extends new (...args: any[]) => object>(base: T): T & (new (...args: any[]) => { tenantId: string; capsuleId: string });
class Root {}
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#R#{id}' })
@capsuleIsolated
export class RoleEntity extends WithScope(Root) { id!: string }
`;
    expect(checkCode(code, { typed: true })).toEqual([]);
    const untyped = checkCode(code).filter((f) => f.ruleId === RULE);
    expect(untyped.map((f) => [f.messageId, f.line, f.column, f.data.placeholders])).toEqual([
      ['unverifiableField', 4, 15, "placeholder '{tenantId}'"],
      ['unverifiableField', 4, 15, "placeholder '{capsuleId}'"],
    ]);
    expect(untyped[0].data.reason).toContain("its base class 'WithScope(Root)' is returned by a call (a mixin), whose fields are known only with type information");
  });
});

describe('missingPk', () => {
  it('reports an @entity without pk on the @entity call, with an example for the class', () => {
    const findings = checkBothModes(isolated("{ sk: 'ROLE#{id}' }"));
    expect(where(findings)).toEqual([[RULE, 'missingPk', 3, 2, "entity({ sk: 'ROLE#{id}' })"]]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity' has no 'pk' template in @entity. Add pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'.",
    );
  });

  it.each([
    ['a bare @entity', '@entity', 'entity'],
    ['@entity()', '@entity()', 'entity()'],
  ])('reports %s', (_, decorator, text) => {
    const code = isolated('{}').replace('@entity({})', decorator);
    expect(where(checkBothModes(code))).toEqual([[RULE, 'missingPk', 3, 2, text]]);
  });

  it('bases the example on nested key fields and the anonymous class', () => {
    const code = `${IMPORTS}

export const Item = @entity({}) @capsuleIsolated class {
  context!: { tenantId: string; capsuleId: string };
};
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingPk', 3, 22, 'entity({})']]);
    expect(findings[0].data.example).toBe('TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ITEM#{id}');
  });

  it('reports a platform-scoped entity without pk', () => {
    expect(where(checkBothModes(platform("{ table: 'platform_data' }")))).toEqual([
      [RULE, 'missingPk', 3, 2, "entity({ table: 'platform_data' })"],
    ]);
  });
});

describe('missingGsiPk', () => {
  it('reports a GSI without pk on the index object', () => {
    const findings = checkBothModes(isolated(`{ pk: ${GOOD_PK}, gsi: { byEmail: { sk: 'EMAIL#{email}' } } }`));
    expect(where(findings)).toEqual([[RULE, 'missingGsiPk', 3, 82, "{ sk: 'EMAIL#{email}' }"]]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': GSI 'byEmail' has no 'pk' template. Add pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'.",
    );
  });
});

describe('unverifiableOptions', () => {
  it.each([
    ['options from a call', 'entityOptions()', 'entityOptions()'],
    ['options with a method', "{ pk() { return 'X'; } }", "{ pk() { return 'X'; } }"],
    ['options spreading a call', '{ ...defaults(), pk: GOOD }', '{ ...defaults(), pk: GOOD }'],
  ])('reports %s on the options argument', (_, options, text) => {
    const findings = checkBothModes(isolated(options));
    expect(where(findings)).toEqual([[RULE, 'unverifiableOptions', 3, 9, text]]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': the @entity options are not a statically known object literal, so its key templates cannot be checked. Write the options as an object literal in the decorator.",
    );
  });
});

describe('unverifiableTemplate', () => {
  it('reports a pk computed at run time, with the reason', () => {
    const findings = checkBothModes(isolated('{ pk: buildKey(TENANT) }'));
    expect(where(findings)).toEqual([[RULE, 'unverifiableTemplate', 3, 15, 'buildKey(TENANT)']]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': the pk template cannot be resolved statically: 'buildKey(TENANT)' is a function call, whose result is only known at run time. Use a string literal, a const, or a concatenation of those.",
    );
  });

  it('reports a template held in a let', () => {
    const code = `${IMPORTS}

let SK = 'ROLE#{id}';
@entity({ pk: 'PLATFORM#{id}', sk: SK })
@platformScoped({ reason: 'shared' })
export class RoleEntity { id!: string }
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableTemplate', 4, 36, 'SK']]);
    expect(findings[0].data).toMatchObject({ templateName: 'sk', reason: ": 'SK' is declared with let or var, so its value can change" });
  });

  it('reports consts that refer to each other', () => {
    const code = `${IMPORTS}

const A: string = B;
const B: string = A;
@entity({ pk: A })
@platformScoped({ reason: 'shared' })
export class RoleEntity { id!: string }
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableTemplate', 5, 15, 'A']]);
    expect(findings[0].data.reason).toBe(": 'B' refers to itself");
  });

  it.each([
    ['GSI indexes computed at run time', `{ pk: ${GOOD_PK}, gsi: indexes() }`, 'GSI', 71, 'indexes()', ": 'indexes()' is not an object literal"],
    ['one GSI computed at run time', `{ pk: ${GOOD_PK}, gsi: { byEmail: index() } }`, "GSI 'byEmail'", 82, 'index()', ": 'index()' is not an object literal"],
    ['a GSI sort key computed at run time', `{ pk: ${GOOD_PK}, gsi: { g: { pk: ${GOOD_PK}, sk: sortKey() } } }`, "GSI 'g' sk", 137, 'sortKey()', ": 'sortKey()' is a function call, whose result is only known at run time"],
    ['a numeric sort key', `{ pk: ${GOOD_PK}, sk: 7 }`, 'sk', 70, '7', ": '7' is a number, not a string"],
  ])('reports %s', (_, options, templateName, column, text, reason) => {
    const findings = checkBothModes(isolated(options));
    expect(where(findings)).toEqual([[RULE, 'unverifiableTemplate', 3, column, text]]);
    expect(findings[0].data).toMatchObject({ templateName, reason });
  });
});

describe('malformedTemplate', () => {
  it('reports a malformed pk with the problem and how placeholders are written', () => {
    const findings = checkBothModes(isolated("{ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId' }"));
    expect(where(findings)).toEqual([[RULE, 'malformedTemplate', 3, 15, "'TENANT#{tenantId}#CAPSULE#{capsuleId'"]]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': the pk template 'TENANT#{tenantId}#CAPSULE#{capsuleId' is malformed: '{' at position 27 is never closed. Placeholders are written '{field}' or '{context.field}'.",
    );
  });

  it.each([
    ['an unmatched }', 'ROLE#id}', "'}' at position 8 has no matching '{'"],
    ['an empty placeholder', 'ROLE#{}', "'{}' is an empty placeholder; name a field, e.g. '{id}'"],
    ['JavaScript interpolation', 'ROLE#${id}', "'${id}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{id}'"],
    ['double braces', 'ROLE#{{id}}', "'{{id}}' uses double braces; a placeholder takes single braces, e.g. '{id}'"],
    ['two nesting levels', 'ROLE#{a.b.c}', "'{a.b.c}' nests 2 levels deep; at most one level is allowed, e.g. '{b.c}'"],
    ['an empty nested name', 'ROLE#{context.}', "'{context.}' has an empty field name"],
    ['a non-identifier name', 'ROLE#{role-id}', "'{role-id}' is not a field reference ('role-id' is not an identifier)"],
  ])('reports %s in a sort key of a platform-scoped entity', (_, template, problem) => {
    const findings = checkBothModes(platform(`{ pk: 'ROLE', sk: '${template}' }`));
    expect(where(findings)).toEqual([[RULE, 'malformedTemplate', 3, 27, `'${template}'`]]);
    expect(findings[0].data).toMatchObject({ templateName: 'sk', template, problem });
  });

  it('reports a malformed GSI key', () => {
    const findings = checkBothModes(platform("{ pk: 'ROLE', gsi: { g: { pk: 'ROLE#{id' } } }"));
    expect(where(findings)).toEqual([[RULE, 'malformedTemplate', 3, 39, "'ROLE#{id'"]]);
    expect(findings[0].data.templateName).toBe("GSI 'g' pk");
  });

  it('does not also report missing key segments of a malformed partition key', () => {
    expect(where(checkBothModes(isolated("{ pk: 'ROLE#{{id}}' }")))).toEqual([[RULE, 'malformedTemplate', 3, 15, "'ROLE#{{id}}'"]]);
  });
});

describe('unknownField', () => {
  it('reports a placeholder naming no field, suggesting the fields there are', () => {
    const findings = checkBothModes(isolated(`{ pk: ${GOOD_PK}, sk: 'ROLE#{roleId}' }`));
    expect(where(findings)).toEqual([[RULE, 'unknownField', 3, 70, "'ROLE#{roleId}'"]]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': the sk template 'ROLE#{roleId}' uses placeholder '{roleId}' but the class has no field 'roleId'. Use one of the class's fields, e.g. '{tenantId}', '{capsuleId}', '{id}', '{email}', '{version}'.",
    );
  });

  it('reports a nested placeholder the nested type lacks', () => {
    const code = `${IMPORTS}

interface EntityContext { tenantId: string; capsuleId: string }
@entity({ pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#{context.region}' })
@capsuleIsolated
export class RoleEntity { context!: EntityContext }
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      [RULE, 'unknownField', 4, 15, "'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#{context.region}'"],
    ]);
    expect(findings[0].data).toMatchObject({
      placeholder: '{context.region}',
      reason: "the type of 'context' has no field 'region'",
      suggestion: "'{context}'",
    });
  });

  it('reports each unknown placeholder of a template', () => {
    const findings = checkBothModes(platform("{ pk: 'ROLE#{roleId}#{mail}' }"));
    expect(findings.map((f) => [f.messageId, f.line, f.column, f.data.placeholder])).toEqual([
      ['unknownField', 3, 15, '{roleId}'],
      ['unknownField', 3, 15, '{mail}'],
    ]);
  });

  it('reports a placeholder written twice in a template once', () => {
    const findings = checkBothModes(platform("{ pk: 'ROLE#{roleId}#COPY#{roleId}#{mail}' }"));
    expect(findings.map((f) => [f.messageId, f.line, f.column, f.data.placeholder])).toEqual([
      ['unknownField', 3, 15, '{roleId}'],
      ['unknownField', 3, 15, '{mail}'],
    ]);
  });

  it('suggests at most five fields, and a generic field when the class has none', () => {
    const code = `${IMPORTS}

@entity({ pk: 'X#{nope}' }) @platformScoped({ reason: 'r' }) class Many { a!: 1; b!: 1; c!: 1; d!: 1; e!: 1; f!: 1 }
@entity({ pk: 'X#{nope}' }) @platformScoped({ reason: 'r' }) class Empty {}
`;
    expect(checkBothModes(code).map((f) => f.data.suggestion)).toEqual(["'{a}', '{b}', '{c}', '{d}', '{e}'", 'a declared field']);
  });

  it('checks placeholders of entities without a scope as well', () => {
    const code = `${IMPORTS}

@entity({ pk: 'ITEM#{itemId}' })
export class ItemEntity { id!: string }
`;
    expect(where(checkBothModes(code))).toEqual([
      [RULE, 'unknownField', 3, 15, "'ITEM#{itemId}'"],
      ['capsule-guard/isolation-scope-required', 'missingScope', 4, 14, 'ItemEntity'],
    ]);
  });
});

describe('unverifiableField', () => {
  it('verifies own fields of a class whose base class is computed at run time, and reports the rest', () => {
    const code = `${IMPORTS}

declare function withAudit<T>(base: T): T;
@entity({ pk: 'ITEM#{id}#{auditedBy}' })
@platformScoped({ reason: 'shared' })
export class ItemEntity extends withAudit(Object) { id!: string }
`;
    const untyped = checkCode(code);
    expect(where(untyped)).toEqual([[RULE, 'unverifiableField', 4, 15, "'ITEM#{id}#{auditedBy}'"]]);
    expect(untyped[0].message).toBe(
      "Entity 'ItemEntity': the pk template 'ITEM#{id}#{auditedBy}' uses placeholder '{auditedBy}', which cannot be verified because 'auditedBy' is not declared in the class itself and its base class 'withAudit(Object)' is returned by a call (a mixin), whose fields are known only with type information. Declare the type in this file, or lint with type information (parserOptions.projectService).",
    );
    // With a checker the mixin's instance type is known, so the missing field is simply missing.
    expect(where(checkCode(code, { typed: true }))).toEqual([[RULE, 'unknownField', 4, 15, "'ITEM#{id}#{auditedBy}'"]]);
  });

  it('reports a nested placeholder whose type is imported, without type information', () => {
    const code = `${IMPORTS}
import type { Audit } from './audit.js';

@entity({ pk: 'ITEM#{audit.by}' })
@platformScoped({ reason: 'shared' })
export class ItemEntity { audit!: Audit }
`;
    const findings = checkCode(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableField', 4, 15, "'ITEM#{audit.by}'"]]);
    expect(findings[0].data.reason).toBe(
      "the type of 'audit' cannot be resolved: 'Audit' is imported from './audit.js', and resolving it across files needs type information",
    );
  });

  it('resolves a nested placeholder through a helper type only with type information', () => {
    const code = `${IMPORTS}

interface Audit { by: string }
@entity({ pk: 'ITEM#{audit.by}' })
@platformScoped({ reason: 'shared' })
export class ItemEntity { audit!: Pick<Audit, 'by'> }
`;
    expect(checkCode(code, { typed: true })).toEqual([]);
    expect(where(checkCode(code))).toEqual([[RULE, 'unverifiableField', 4, 15, "'ITEM#{audit.by}'"]]);
  });
});

describe('custom options', () => {
  const options = resolveOptions({
    tenantField: 'orgId',
    capsuleField: 'envId',
    tenantPrefix: 'ORG',
    capsulePrefix: 'ENV',
    delimiter: '|',
  });
  const custom = (pk: string) => `${IMPORTS}

@entity({ pk: '${pk}' })
@capsuleIsolated
export class RoleEntity {
  orgId!: string;
  envId!: string;
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

  it('accepts templates written with the configured prefixes, delimiter and fields', () => {
    expect(checkBothModes(custom('ORG|{orgId}|ENV|{envId}|ROLE|{id}'), { options })).toEqual([]);
  });

  it('reports the default segments as missing the configured ones', () => {
    const code = custom('TENANT|{tenantId}|CAPSULE|{capsuleId}');
    const findings = checkBothModes(code, { options });
    expect(where(findings)).toEqual([
      [RULE, 'missingTenantSegment', 3, 15, "'TENANT|{tenantId}|CAPSULE|{capsuleId}'"],
      [RULE, 'missingCapsuleSegment', 3, 15, "'TENANT|{tenantId}|CAPSULE|{capsuleId}'"],
    ]);
    expect(findings[0].data).toMatchObject({ expected: 'ORG|{orgId}', fixed: 'ORG|{orgId}|ENV|{envId}|TENANT|{tenantId}|CAPSULE|{capsuleId}' });
    expect(findings[1].data.expected).toBe('ENV|{envId}');
    expect(checkCode(applySuggestion(code, findings[0]), { options })).toEqual([]);
  });

  it('splits segments on the configured delimiter only', () => {
    const findings = checkBothModes(custom('ORG|{orgId}|ENV#{envId}'), { options });
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleSegment', 3, 15, "'ORG|{orgId}|ENV#{envId}'"]]);
    expect(findings[0].data.fixed).toBe('ORG|{orgId}|ENV|{envId}|ENV#{envId}');
  });

  it('bases the missing-pk example on the options', () => {
    const code = custom('x').replace("@entity({ pk: 'x' })", '@entity({})');
    expect(checkBothModes(code, { options }).map((f) => f.data.example)).toEqual(['ORG|{orgId}|ENV|{envId}|ROLE|{id}']);
  });

  it('uses the default options when none are given', () => {
    expect(checkCode(custom('TENANT#{tenantId}#CAPSULE#{capsuleId}'), { options: DEFAULT_OPTIONS })).toEqual([]);
  });
});

describe('templates whose key paths cannot be resolved', () => {
  it('reports them as unverifiable only, not also as missing their segments', () => {
    const code = `${IMPORTS}
import type { Ctx } from './ctx.js';

@entity({ pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ITEM#{id}' })
@capsuleIsolated
export class Item {
  context!: Ctx;
  id!: string;
}
`;
    const findings = checkCode(code);
    expect(where(findings)).toEqual([
      [RULE, 'unverifiableField', 4, 15, "'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ITEM#{id}'"],
      ['capsule-guard/capsule-id-required', 'unverifiableCapsuleId', 6, 14, 'Item'],
    ]);
    // Both placeholders fail for one reason: one finding names them both.
    expect(findings[0].message).toBe(
      "Entity 'Item': the pk template 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ITEM#{id}' uses placeholders '{context.tenantId}' and '{context.capsuleId}', which cannot be verified because the type of 'context' cannot be resolved: 'Ctx' is imported from './ctx.js', and resolving it across files needs type information. Declare the type in this file, or lint with type information (parserOptions.projectService).",
    );
  });

  it('reports placeholders that fail for different reasons separately', () => {
    const code = `${IMPORTS}
import type { Ctx } from './ctx.js';
import type { Audit } from './audit.js';

@entity({ pk: 'ITEM#{context.id}#{audit.by}#{context.at}' })
@platformScoped({ reason: 'shared' })
export class Item {
  context!: Ctx;
  audit!: Audit;
}
`;
    const findings = checkCode(code);
    expect(where(findings)).toEqual([
      [RULE, 'unverifiableField', 5, 15, "'ITEM#{context.id}#{audit.by}#{context.at}'"],
      [RULE, 'unverifiableField', 5, 15, "'ITEM#{context.id}#{audit.by}#{context.at}'"],
    ]);
    expect(findings.map((f) => f.data.placeholders)).toEqual([
      "placeholders '{context.id}' and '{context.at}'",
      "placeholder '{audit.by}'",
    ]);
  });
});

describe('scopeAtStart', () => {
  const SURROUNDED = "{ pk: 'APP#TENANT#{tenantId}#REGION#eu#CAPSULE#{capsuleId}#ROLE#{id}' }";
  const scopeAnywhere = { options: resolveOptions({ scopeAtStart: false }) };

  it('accepts the key segments among other segments, in order, when it is off', () => {
    expect(checkBothModes(isolated(SURROUNDED), scopeAnywhere)).toEqual([]);
    expect(checkBothModes(isolated("{ pk: 'ROLE#{id}#TENANT#{tenantId}#CAPSULE#{capsuleId}' }"), scopeAnywhere)).toEqual([]);
  });

  it('reports a partition key that does not begin with the scope, moving the scope to the front', () => {
    const findings = checkBothModes(isolated(SURROUNDED));
    expect(where(findings)).toEqual([[RULE, 'scopeNotAtStart', 3, 15, "'APP#TENANT#{tenantId}#REGION#eu#CAPSULE#{capsuleId}#ROLE#{id}'"]]);
    expect(findings[0].data).toMatchObject({
      expected: 'TENANT#{tenantId}#CAPSULE#{capsuleId}',
      fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#APP#REGION#eu#ROLE#{id}',
    });
    expect(findings[0].message).toContain('dynamodb:LeadingKeys');
    expect(applySuggestion(isolated(SURROUNDED), findings[0])).toBe(isolated("{ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#APP#REGION#eu#ROLE#{id}' }"));
  });

  it('reports a GSI partition key with a prefix before the scope, and a scope split by another segment', () => {
    const options = "{ pk: " + GOOD_PK + ", gsi: { byEmail: { pk: 'EMAIL#{email}#TENANT#{tenantId}#CAPSULE#{capsuleId}' }, split: { pk: 'TENANT#{tenantId}#ROLE#{id}#CAPSULE#{capsuleId}' } } }";
    const findings = checkBothModes(isolated(options));
    expect(findings.map((f) => [f.messageId, f.data.templateName, f.data.fixed])).toEqual([
      ['scopeNotAtStart', "GSI 'byEmail' pk", 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}'],
      ['scopeNotAtStart', "GSI 'split' pk", 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}'],
    ]);
    expect(where(findings).map(([, , line, column]) => [line, column])).toEqual([[3, 88], [3, 158]]);
  });

  it('puts the scope first in the fixed template of a key that lacks a segment', () => {
    const [finding] = checkBothModes(isolated("{ pk: 'ROLE#{id}#TENANT#{tenantId}' }"));
    expect(finding.messageId).toBe('missingCapsuleSegment');
    expect(finding.data.fixed).toBe('TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}');
  });

  it('does not apply to sort keys or platform-scoped entities', () => {
    expect(checkBothModes(isolated(`{ pk: ${GOOD_PK}, sk: 'ROLE#{id}#TENANT#{tenantId}' }`))).toEqual([]);
    expect(checkBothModes(platform("{ pk: 'ROLE#{id}' }"))).toEqual([]);
  });
});
