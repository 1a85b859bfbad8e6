import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../testing/apply-edits';
import { checkCode } from '../../testing/check-code';
import { checkBothModes, summary, where } from '../../testing/both-modes';

const RULE = 'capsule-guard/isolation-scope-required';
const IMPORTS = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";

/** A platform-data entity whose scope decorators are `scope`; its class name is on line 5, column 14. */
const entityWith = (scope: string) => `${IMPORTS}

@entity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}' })
${scope}
export class TenantEntity {
  id!: string;
  tenantId!: string;
  capsuleId!: string;
}
`;

describe('valid scopes', () => {
  it('accepts every way of declaring a scope', () => {
    const code = `${IMPORTS}
import * as cg from '@capsule-guard/core';

const KEY = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}';
class Fields { tenantId!: string; capsuleId!: string; id!: string }

@entity({ pk: KEY }) @capsuleIsolated class Bare extends Fields {}
@entity({ pk: KEY }) @capsuleIsolated() class Called extends Fields {}
@cg.entity({ pk: KEY }) @cg.capsuleIsolated class Namespaced extends Fields {}
@entity({ pk: 'PLATFORM#{id}' }) @platformScoped({ reason: 'the tenant registry is shared' }) class Literal extends Fields {}
@entity({ pk: 'PLATFORM#{id}' }) @platformScoped({ reason: \`shared by all capsules\` }) class Template extends Fields {}
export const Expression = @entity({ pk: KEY }) @capsuleIsolated class extends Fields {};
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('does not ask classes without @entity for a scope', () => {
    const code = `${IMPORTS}

@capsuleIsolated class NotAnEntity { capsuleId!: string }
@platformScoped class SharedHelper {}
class Plain {}
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('does not check files that import nothing from a decorator module', () => {
    const code = `import { entity } from 'typeorm';

@entity({ pk: 'X' })
class Unrelated {}
`;
    expect(checkBothModes(code)).toEqual([]);
  });
});

describe('missingScope', () => {
  it('reports an entity without a scope on its class name', () => {
    const findings = checkBothModes(entityWith(''));
    expect(where(findings)).toEqual([[RULE, 'missingScope', 5, 14, 'TenantEntity']]);
    expect(findings[0]).toMatchObject({
      rule: 'isolation-scope-required',
      data: { className: 'TenantEntity' },
      message:
        "Entity 'TenantEntity' declares no isolation scope. Add @capsuleIsolated (data belongs to one tenant's capsule) or @platformScoped({ reason: '…' }) if it is truly shared by all capsules. When in doubt: isolate it.",
      fileName: '/project/entity.ts',
    });
    expect(findings[0].suggestions.map((s) => [s.description, applyEdits(entityWith(''), s.edits)])).toEqual([
      ['Add @capsuleIsolated', entityWith('').replace("@entity({ table", "@capsuleIsolated\n@entity({ table")],
    ]);
  });

  it('reports an anonymous default-exported class on its @entity decorator', () => {
    const code = `${IMPORTS}

@entity({ pk: 'PLATFORM#{id}' })
export default class {
  id!: string;
}
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingScope', 3, 1, "@entity({ pk: 'PLATFORM#{id}' })"]]);
    expect(findings[0].message).toContain("Entity '(anonymous class)' declares no isolation scope.");
  });

  it('reports an anonymous class expression on its first decorator', () => {
    const code = `${IMPORTS}

export const Registry = @entity({ pk: 'PLATFORM#{id}' }) class {
  id!: string;
};
`;
    expect(where(checkBothModes(code))).toEqual([[RULE, 'missingScope', 3, 25, "@entity({ pk: 'PLATFORM#{id}' })"]]);
  });

  it('reports a named class expression on its name', () => {
    const code = `${IMPORTS}

export const Registry = @entity({ pk: 'PLATFORM#{id}' }) class RegistryEntity {
  id!: string;
};
`;
    expect(where(checkBothModes(code))).toEqual([[RULE, 'missingScope', 3, 64, 'RegistryEntity']]);
  });

  it('reports a scope decorator that is not ours as no scope', () => {
    const code = `${IMPORTS}
import { capsuleIsolated as otherIsolated } from 'another-library';

@entity({ pk: 'PLATFORM#{id}' })
@otherIsolated
class ItemEntity {
  id!: string;
}
`;
    expect(where(checkBothModes(code))).toEqual([[RULE, 'missingScope', 6, 7, 'ItemEntity']]);
  });

  it('reports every unscoped entity of a file', () => {
    const code = `${IMPORTS}

@entity({ pk: 'A#{id}' }) class First { id!: string }
@entity({ pk: 'B#{id}' }) class Second { id!: string }
`;
    expect(where(checkBothModes(code))).toEqual([
      [RULE, 'missingScope', 3, 33, 'First'],
      [RULE, 'missingScope', 4, 33, 'Second'],
    ]);
  });

  it('reports with experimentalDecorators', () => {
    const code = entityWith('');
    const untyped = checkCode(code);
    const typed = checkCode(code, { typed: true, experimentalDecorators: true });
    expect(typed.map(summary)).toEqual(untyped.map(summary));
    expect(where(typed)).toEqual([[RULE, 'missingScope', 5, 14, 'TenantEntity']]);
  });
});

describe('conflictingScope', () => {
  it('reports an entity that is both isolated and platform-scoped', () => {
    const code = `${IMPORTS}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#TENANT' })
@capsuleIsolated @platformScoped({ reason: 'shared' })
export class TenantEntity {
  tenantId!: string;
  capsuleId!: string;
}
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'conflictingScope', 5, 14, 'TenantEntity']]);
    expect(findings[0].message).toBe(
      "Entity 'TenantEntity' is both @capsuleIsolated and @platformScoped. Keep exactly one: remove @platformScoped unless the data is shared by all capsules.",
    );
  });

  it('reports the conflict whichever forms and order the decorators take', () => {
    const code = `${IMPORTS}
import * as cg from '@capsule-guard/core';

@cg.platformScoped({ reason: 'shared' })
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })
@cg.capsuleIsolated()
class RoleEntity { tenantId!: string; capsuleId!: string }
`;
    expect(where(checkBothModes(code))).toEqual([[RULE, 'conflictingScope', 7, 7, 'RoleEntity']]);
  });
});

describe('missingReason', () => {
  it.each([
    ['a bare @platformScoped', '@platformScoped'],
    ['@platformScoped()', '@platformScoped()'],
    ['an empty options object', '@platformScoped({})'],
    ['options without a reason', "@platformScoped({ why: 'shared' })"],
  ])('reports %s', (_, scope) => {
    expect(where(checkBothModes(entityWith(scope)))).toEqual([[RULE, 'missingReason', 5, 14, 'TenantEntity']]);
  });

  it('says how to write the reason', () => {
    expect(checkBothModes(entityWith('@platformScoped'))[0].message).toBe(
      "Entity 'TenantEntity' is @platformScoped without a reason. Write @platformScoped({ reason: 'why every capsule may share this data' }).",
    );
  });
});

describe('emptyReason', () => {
  it.each([
    ['an empty string', "@platformScoped({ reason: '' })"],
    ['only whitespace', "@platformScoped({ reason: '   ' })"],
    ['an empty template', '@platformScoped({ reason: `` })'],
  ])('reports %s', (_, scope) => {
    expect(where(checkBothModes(entityWith(scope)))).toEqual([[RULE, 'emptyReason', 5, 14, 'TenantEntity']]);
  });

  it('says what to write instead', () => {
    expect(checkBothModes(entityWith("@platformScoped({ reason: '' })"))[0].message).toBe(
      "Entity 'TenantEntity' is @platformScoped with an empty reason. Write a non-empty reason saying why every capsule may share this data.",
    );
  });
});

describe('unverifiableReason', () => {
  it.each([
    ['a reason computed by a call', '@platformScoped({ reason: explain() })'],
    ['a concatenated reason', "@platformScoped({ reason: 'shared ' + 'by all capsules' })"],
    ['a template with substitutions', '@platformScoped({ reason: `shared by ${count} capsules` })'],
    ['a reason read from the environment', '@platformScoped({ reason: process.env.REASON! })'],
    ['a numeric reason', '@platformScoped({ reason: 42 as unknown as string })'],
    ['options computed by a call', '@platformScoped(sharedOptions())'],
  ])('reports %s', (_, scope) => {
    expect(where(checkBothModes(entityWith(scope)))).toEqual([[RULE, 'unverifiableReason', 5, 14, 'TenantEntity']]);
  });

  it('reports a reason held in a const, so it is reviewed where the scope is chosen', () => {
    const code = `${IMPORTS}

const REASON = 'the tenant registry is shared';
@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason: REASON })
class TenantEntity { id!: string }
`;
    expect(where(checkBothModes(code))).toEqual([[RULE, 'unverifiableReason', 6, 7, 'TenantEntity']]);
  });

  it('reports a reason held in a let', () => {
    const code = `${IMPORTS}

let reason = 'shared';
@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason })
class TenantEntity { id!: string }
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableReason', 6, 7, 'TenantEntity']]);
    expect(findings[0].message).toBe(
      "Entity 'TenantEntity' is @platformScoped with a reason that is not a string literal written in the decorator. The reason is reviewed where the entity is declared: write @platformScoped({ reason: '…' }) with the reason itself, not a const, an options object, a spread or a computed string.",
    );
  });
});
