import { describe, expect, it } from 'vitest';
import { where } from './testing/both-modes';
import { checkCode } from './testing/check-code';

/**
 * Names imported from other files resolve only with type information; without it the engine
 * fails closed with a finding that says so.
 */
const IMPORTS = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";

describe('templates from other files', () => {
  const entityWithPk = (imports: string, pk: string) => `${IMPORTS}
${imports}

@entity({ pk: ${pk} })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string; id!: string }
`;

  it.each([
    ['a named import', "import { ROLE_PK } from './keys.js';", 'ROLE_PK', { 'keys.ts': "export const ROLE_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';" }],
    ['an aliased import', "import { PK as ROLE_PK } from './keys.js';", 'ROLE_PK', { 'keys.ts': "export const PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';" }],
    [
      'a const built from consts of a third file',
      "import { ROLE_PK } from './keys.js';",
      'ROLE_PK',
      {
        'keys.ts': "import { TENANT, CAPSULE } from './segments.js';\nexport const ROLE_PK = `${TENANT}#${CAPSULE}#ROLE#{id}`;",
        'segments.ts': "export const TENANT = 'TENANT#{tenantId}';\nexport const CAPSULE = 'CAPSULE#{capsuleId}';",
      },
    ],
    [
      'a re-export',
      "import { PK } from './index.js';",
      'PK',
      { 'index.ts': "export { PK } from './keys.js';", 'keys.ts': "export const PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';" },
    ],
    ['a const object property', "import { KEYS } from './keys.js';", 'KEYS.role.pk', { 'keys.ts': "export const KEYS = { role: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' } } as const;" }],
    ['an enum member', "import { Keys } from './keys.js';", 'Keys.Role', { 'keys.ts': "export enum Keys { Role = 'TENANT#{tenantId}#CAPSULE#{capsuleId}' }" }],
  ])('resolves %s with type information', (_, imports, pk, files) => {
    expect(checkCode(entityWithPk(imports, pk), { typed: true, files })).toEqual([]);
  });

  it('fails closed on an imported template without type information', () => {
    const files = { 'keys.ts': "export const ROLE_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}';" };
    const findings = checkCode(entityWithPk("import { ROLE_PK } from './keys.js';", 'ROLE_PK'), { files });
    expect(where(findings)).toEqual([['capsule-guard/isolated-key-templates', 'needsTypeInformation', 4, 15, 'ROLE_PK']]);
    expect(findings[0].message).toBe(
      "Entity 'RoleEntity': the pk template was not checked, because 'ROLE_PK' is imported from './keys.js', and resolving it " +
        'across files needs type information. This is a limit of linting without type information, not a problem found in the ' +
        "value: lint with type information (parserOptions.projectService) or run 'capsule-guard check', which read other modules.",
    );
  });

  it('checks an imported template with type information and reports it on the imported name', () => {
    const files = { 'keys.ts': "export const ROLE_PK = 'TENANT#{tenantId}#ROLE#{id}';" };
    const findings = checkCode(entityWithPk("import { ROLE_PK } from './keys.js';", 'ROLE_PK'), { typed: true, files });
    expect(where(findings)).toEqual([['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 4, 15, 'ROLE_PK']]);
    expect(findings[0].data.template).toBe('TENANT#{tenantId}#ROLE#{id}');
    expect(findings[0].suggestions).toEqual([]);
  });

  it('rejects an imported let with type information', () => {
    const files = { 'keys.ts': "export let ROLE_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';" };
    const findings = checkCode(entityWithPk("import { ROLE_PK } from './keys.js';", 'ROLE_PK'), { typed: true, files });
    expect(where(findings)).toEqual([['capsule-guard/isolated-key-templates', 'unverifiableTemplate', 4, 15, 'ROLE_PK']]);
    expect(findings[0].data.reason).toBe(": 'ROLE_PK' is declared with let or var, so its value can change");
  });

  it('rejects an imported function call result with type information', () => {
    const files = { 'keys.ts': "export const ROLE_PK = ['TENANT#{tenantId}', 'CAPSULE#{capsuleId}'].join('#');" };
    const findings = checkCode(entityWithPk("import { ROLE_PK } from './keys.js';", 'ROLE_PK'), { typed: true, files });
    expect(findings.map((f) => [f.messageId, f.data.reason])).toEqual([
      ['unverifiableTemplate', ": '['TENANT#{tenantId}', 'CAPSULE#{capsuleId}'].join('#')' is a function call, whose result is only known at run time"],
    ]);
  });
});

describe('fields from other files', () => {
  const files = {
    'base.ts': 'export class TenantScoped { tenantId!: string; capsuleId!: string }\nexport class LooseBase { capsuleId?: string }',
    'context.ts': "import type { TenantScope } from './tenant.js';\nexport interface EntityContext extends TenantScope { capsuleId: string }",
    'tenant.ts': 'export interface TenantScope { tenantId: string }',
  };

  it('inherits a capsuleId from a base class in another file', () => {
    const code = `${IMPORTS}
import { TenantScoped } from './base.js';

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}' })
@capsuleIsolated
export class RoleEntity extends TenantScoped { id!: string }
`;
    expect(checkCode(code, { typed: true, files })).toEqual([]);
  });

  it('rejects an optional capsuleId inherited from another file', () => {
    const code = `${IMPORTS}
import { LooseBase } from './base.js';

@capsuleIsolated
export class RoleEntity extends LooseBase {}
`;
    const findings = checkCode(code, { typed: true, files });
    expect(where(findings)).toEqual([['capsule-guard/capsule-id-required', 'missingCapsuleId', 5, 14, 'RoleEntity']]);
    expect(findings[0].data.detail).toBe(" ('capsuleId' is optional)");
  });

  it('reads a nested context type, and the interfaces it extends, from other files', () => {
    const code = `${IMPORTS}
import type { EntityContext } from './context.js';

@entity({ pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ROLE#{id}' })
@capsuleIsolated
export class RoleEntity { context!: EntityContext; id!: string }
`;
    expect(checkCode(code, { typed: true, files })).toEqual([]);
  });

  it('reports a nested placeholder the imported type lacks', () => {
    const code = `${IMPORTS}
import type { EntityContext } from './context.js';

@entity({ pk: 'ROLE#{context.region}' })
@platformScoped({ reason: 'shared' })
export class RoleEntity { context!: EntityContext }
`;
    const findings = checkCode(code, { typed: true, files });
    expect(where(findings)).toEqual([['capsule-guard/isolated-key-templates', 'unknownField', 4, 15, "'ROLE#{context.region}'"]]);
    expect(findings[0].data.reason).toBe("the type of 'context' has no field 'region'");
  });
});

describe('namespace imports', () => {
  it('resolves a const read through a namespace import, with type information', () => {
    const code = `${IMPORTS}
import * as keys from './keys.js';

@entity({ pk: keys.ROLE_PK })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string; id!: string }
`;
    const files = { 'keys.ts': "export const ROLE_PK = 'TENANT#{tenantId}#ROLE#{id}';" };
    expect(where(checkCode(code, { typed: true, files }))).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 4, 15, 'keys.ROLE_PK'],
    ]);
    expect(where(checkCode(code, { files }))).toEqual([
      ['capsule-guard/isolated-key-templates', 'needsTypeInformation', 4, 15, 'keys.ROLE_PK'],
    ]);
  });
});
