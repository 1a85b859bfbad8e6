import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKeys, capsuleIsolated, entity, KeyBuildError, platformScoped } from './index';

// Decorators are applied by direct calls (the legacy calling convention, innermost first); both
// conventions are covered in decorators.test.ts.
class RoleAssignmentEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
  email!: string;
  version!: number;
}
capsuleIsolated(RoleAssignmentEntity);
entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}',
  sk: 'METADATA#v{version}',
  gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } },
})(RoleAssignmentEntity);

/** A domain class built on the entity; it has no `@entity` of its own. */
class RoleAssignment extends RoleAssignmentEntity {}

class DocumentEntity {
  context!: { tenantId: string; capsuleId: string };
  id!: string;
}
capsuleIsolated(DocumentEntity);
// Widened: the type-level checks assume the default '#' delimiter unless a project says otherwise.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the widening is the point
entity({ pk: 'TENANT::{context.tenantId}::CAPSULE::{context.capsuleId}::DOC::{id}' as string })(DocumentEntity);

class TenantEntity {
  id!: string;
}
platformScoped({ reason: 'tenant registry is shared by all capsules' })(TenantEntity);
entity({ pk: 'PLATFORM#TENANT#{id}' })(TenantEntity);

const ROLE_VALUES = { tenantId: 'acme', capsuleId: 'PRODUS', id: 'r1', email: 'ana@acme.test', version: 3 };

const ROLE_KEYS = {
  pk: 'TENANT#acme#CAPSULE#PRODUS#ROLE#r1',
  sk: 'METADATA#v3',
  gsi: { gsi1: { pk: 'TENANT#acme#CAPSULE#PRODUS#EMAIL#ana@acme.test', sk: 'ROLE#r1' } },
};

function thrown(action: () => unknown): KeyBuildError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyBuildError);
    return error as KeyBuildError;
  }
  throw new Error('expected a KeyBuildError, but keys were built');
}

describe('buildKeys', () => {
  it("builds pk, sk and every GSI's keys from the declared templates", () => {
    expect(buildKeys(RoleAssignmentEntity, ROLE_VALUES)).toEqual(ROLE_KEYS);
  });

  it('reads the values from an instance, also of an undecorated subclass', () => {
    expect(buildKeys(Object.assign(new RoleAssignmentEntity(), ROLE_VALUES))).toEqual(ROLE_KEYS);
    expect(buildKeys(Object.assign(new RoleAssignment(), ROLE_VALUES))).toEqual(ROLE_KEYS);
    expect(buildKeys(new RoleAssignment(), ROLE_VALUES)).toEqual(ROLE_KEYS);
  });

  it('leaves out sk when none is declared, and reads nested placeholders one level down', () => {
    const keys = buildKeys(TenantEntity, { id: 't-42' });
    expect(keys).toEqual({ pk: 'PLATFORM#TENANT#t-42', gsi: {} });
    expect('sk' in keys).toBe(false);
    expect(
      buildKeys(DocumentEntity, { context: { tenantId: 'acme', capsuleId: 'DEVUS' }, id: 'd1' }, { delimiter: '::' }),
    ).toEqual({ pk: 'TENANT::acme::CAPSULE::DEVUS::DOC::d1', gsi: {} });
  });

  it('accepts finite numbers and bigints', () => {
    expect(buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, version: 0 }).sk).toBe('METADATA#v0');
    expect(buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, id: 12345678901234567890n }).pk).toBe(
      'TENANT#acme#CAPSULE#PRODUS#ROLE#12345678901234567890',
    );
  });

  it('refuses a capsuleId that carries extra key segments (key injection)', () => {
    const error = thrown(() => buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, capsuleId: 'PRODUS#CONTRACT#x' }));
    expect(error).toMatchObject({ name: 'KeyBuildError', reason: 'unsafe-value', entity: 'RoleAssignmentEntity', key: 'pk', field: 'capsuleId' });
    expect(error.message).toBe(
      `Cannot build the pk key of entity 'RoleAssignmentEntity': field 'capsuleId' has the value "PRODUS#CONTRACT#x", which contains "#". Key values must not contain the delimiter or braces ("#", "{", "}"): they could forge the key segments of another tenant or capsule.`,
    );
  });

  it.each([
    ['tenantId', '{tenantId}', '{'],
    ['id', 'r1}', '}'],
    ['tenantId', 'acme#CAPSULE#DEVUS', '#'],
  ] as const)('refuses %s = %j, which contains %j', (field, value, char) => {
    const error = thrown(() => buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, [field]: value }));
    expect(error).toMatchObject({ reason: 'unsafe-value', entity: 'RoleAssignmentEntity', key: 'pk', field });
    expect(error.message).toContain(`which contains ${JSON.stringify(char)}`);
  });

  it.each(['', '   '])('refuses an empty tenantId (%j)', (tenantId) => {
    const error = thrown(() => buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, tenantId }));
    expect(error).toMatchObject({ reason: 'empty-value', entity: 'RoleAssignmentEntity', key: 'pk', field: 'tenantId' });
    expect(error.message).toBe(
      "Cannot build the pk key of entity 'RoleAssignmentEntity': field 'tenantId' is empty; an empty key segment would match more than one tenant, capsule or item.",
    );
  });

  it('refuses an empty nested capsuleId, naming its path', () => {
    const error = thrown(() =>
      buildKeys(DocumentEntity, { context: { tenantId: 'acme', capsuleId: '' }, id: 'd1' }, { delimiter: '::' }),
    );
    expect(error).toMatchObject({ reason: 'empty-value', entity: 'DocumentEntity', key: 'pk', field: 'context.capsuleId' });
  });

  it('refuses a missing value, naming the key it was needed for', () => {
    const error = thrown(() => buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, email: undefined }));
    expect(error).toMatchObject({ reason: 'missing-value', key: 'gsi.gsi1.pk', field: 'email' });
    expect(error.message).toBe(
      "Cannot build the gsi.gsi1.pk key of entity 'RoleAssignmentEntity': field 'email' has no value (got undefined).",
    );
    expect(thrown(() => buildKeys(DocumentEntity, { id: 'd1' }, { delimiter: '::' }))).toMatchObject({
      reason: 'missing-value',
      field: 'context.tenantId',
    });
  });

  it.each([
    ['version', Number.NaN, 'is NaN'],
    ['version', Number.POSITIVE_INFINITY, 'is Infinity'],
    ['id', { toString: () => 'r1' }, 'is of type object'],
    ['id', true, 'is of type boolean'],
  ])('refuses %s = %s, which is not a key value', (field, value, description) => {
    const error = thrown(() => buildKeys(RoleAssignmentEntity, { ...ROLE_VALUES, [field]: value }));
    expect(error).toMatchObject({ reason: 'invalid-value', field });
    expect(error.message).toContain(`field '${field}' ${description}; key values must be strings, finite numbers or bigints.`);
  });

  it('refuses a class or instance that is not declared with @entity', () => {
    class Unknown {
      capsuleId!: string;
    }
    capsuleIsolated(Unknown);
    expect(thrown(() => buildKeys(Unknown, {}))).toMatchObject({
      reason: 'not-an-entity',
      entity: 'Unknown',
      key: undefined,
      message: "Cannot build keys of entity 'Unknown': neither 'Unknown' nor a base class is declared with @entity.",
    });
    expect(thrown(() => buildKeys({ tenantId: 'acme' }))).toMatchObject({ reason: 'not-an-entity', entity: 'Object' });
  });

  it('refuses templates it cannot use, naming the key', () => {
    class Malformed {
      id!: string;
    }
    // Widened, or the type-level checks would reject the template before it could reach run time.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the widening is the point
    entity({ pk: 'ITEM#{{id}}' as string })(Malformed);
    expect(thrown(() => buildKeys(Malformed, { id: 'x' }))).toMatchObject({
      reason: 'invalid-template',
      key: 'pk',
      message: "Cannot build the pk key of entity 'Malformed': the template 'ITEM#{{id}}' is malformed: '{{id}' opens a placeholder inside a placeholder.",
    });
    class NoPk {}
    entity({} as unknown as { pk: string })(NoPk);
    expect(thrown(() => buildKeys(NoPk, {}))).toMatchObject({
      reason: 'invalid-template',
      key: 'pk',
      message: "Cannot build the pk key of entity 'NoPk': @entity declares no pk template string.",
    });
  });

  it('refuses every character of a multi-character delimiter', () => {
    const values = { context: { tenantId: 'acme:', capsuleId: 'DEVUS' }, id: 'd1' };
    expect(thrown(() => buildKeys(DocumentEntity, values, { delimiter: '::' }))).toMatchObject({
      reason: 'unsafe-value',
      field: 'context.tenantId',
    });
  });

  it.each(['', '{', 7])('rejects the delimiter option %j', (delimiter) => {
    expect(() => buildKeys(TenantEntity, { id: 't' }, { delimiter: delimiter as string })).toThrow(
      new TypeError(`buildKeys: option "delimiter" must be a non-empty string without braces; got ${JSON.stringify(delimiter)}`),
    );
  });
});

describe('buildKeys properties', () => {
  /** Mostly ordinary identifiers, often values crafted to break out of their segment. */
  const keyText = fc.oneof(
    { arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', '7', '-', '@', '.', ' '), minLength: 1, maxLength: 8 }), weight: 5 },
    { arbitrary: fc.string({ unit: fc.constantFrom('#', '{', '}', ':', 'TENANT', 'CAPSULE', 'x', ' ') }), weight: 1 },
    { arbitrary: fc.constantFrom('', ' ', 'PRODUS#CONTRACT#x', 'acme#CAPSULE#DEVUS', '{capsuleId}', 'DEVUS}'), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme' }), weight: 1 },
  );
  /** Few distinct tenants and capsules, so that different inputs often share one of them. */
  const tenantOrCapsule = fc.oneof(fc.constantFrom('acme', 'ac', 'me', 'DEVUS', 'PRODUS', 'PROD'), keyText);
  const roleValues = fc.record({
    tenantId: tenantOrCapsule,
    capsuleId: tenantOrCapsule,
    id: keyText,
    email: keyText,
    version: fc.oneof(fc.integer(), fc.constant(Number.NaN)),
  });

  /** The independent oracle: what a value must be to be accepted. */
  const isSafe = (value: unknown, forbidden: RegExp) =>
    typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && value.trim() !== '' && !forbidden.test(value);

  function tryBuild(values: typeof ROLE_VALUES) {
    try {
      return buildKeys(RoleAssignmentEntity, values);
    } catch (error) {
      expect(error).toBeInstanceOf(KeyBuildError);
      const { entity: name, field } = error as KeyBuildError;
      expect(name).toBe('RoleAssignmentEntity');
      expect(isSafe(values[field as keyof typeof values], /[#{}]/u)).toBe(false);
      return undefined;
    }
  }

  it('accepts exactly the safe inputs, and every accepted key sits in its own tenant and capsule', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(roleValues, (values) => {
        const keys = tryBuild(values);
        const allSafe = Object.values(values).every((value) => isSafe(value, /[#{}]/u));
        expect(keys !== undefined).toBe(allSafe);
        if (!keys) {
          refused += 1;
          return;
        }
        accepted += 1;
        for (const key of [keys.pk, keys.gsi.gsi1.pk]) {
          expect(key.split('#').slice(0, 4)).toEqual(['TENANT', values.tenantId, 'CAPSULE', values.capsuleId]);
        }
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("never yields a key that falls under another tenant's or capsule's key prefix", () => {
    fc.assert(
      fc.property(roleValues, roleValues, (first, second) => {
        const keys = tryBuild(first);
        const other = tryBuild(second);
        fc.pre(keys !== undefined && other !== undefined);
        if (first.tenantId === second.tenantId && first.capsuleId === second.capsuleId) return;
        const otherPrefix = `TENANT#${second.tenantId}#CAPSULE#${second.capsuleId}#`;
        expect(keys?.pk.startsWith(otherPrefix)).toBe(false);
        expect(keys?.gsi.gsi1.pk.startsWith(otherPrefix)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps nested tenant and capsule values inside their segments with a multi-character delimiter', () => {
    fc.assert(
      fc.property(tenantOrCapsule, tenantOrCapsule, keyText, (tenantId, capsuleId, id) => {
        const values = { context: { tenantId, capsuleId }, id };
        let pk: string;
        try {
          pk = buildKeys(DocumentEntity, values, { delimiter: '::' }).pk;
        } catch (error) {
          expect(error).toBeInstanceOf(KeyBuildError);
          expect([tenantId, capsuleId, id].every((value) => isSafe(value, /[:{}]/u))).toBe(false);
          return;
        }
        expect(pk.split('::').slice(0, 4)).toEqual(['TENANT', tenantId, 'CAPSULE', capsuleId]);
      }),
      { numRuns: 300 },
    );
  });
});
