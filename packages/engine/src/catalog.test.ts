import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldResolver } from './fields';
import { DEFAULT_OPTIONS, type CapsuleGuardOptions } from './options';
import { formatMessage, RULE_NAMES, RULE_PREFIX, RULES, ruleId } from './catalog';
import { StaticEvaluator } from './static-value';
import { checkCode } from './testing/check-code';

const ENTITY_RULES = ['isolation-scope-required', 'capsule-id-required', 'isolated-key-templates'];

describe('rule catalog', () => {
  it('lists every rule of the catalog, the entity rules among them', () => {
    expect(RULE_NAMES).toEqual(Object.keys(RULES));
    expect(RULE_NAMES).toEqual(expect.arrayContaining(ENTITY_RULES));
  });

  it('prefixes rule ids with the plugin name', () => {
    expect(RULE_PREFIX).toBe('capsule-guard');
    expect(ruleId('capsule-id-required')).toBe('capsule-guard/capsule-id-required');
  });

  it('gives the entity rules their TypeScript diagnostic codes', () => {
    expect(RULES['isolation-scope-required'].code).toBe(990001);
    expect(RULES['capsule-id-required'].code).toBe(990002);
    expect(RULES['isolated-key-templates'].code).toBe(990003);
  });

  it('gives every rule a distinct code in 990001–990999 (990000 is the invalid-options diagnostic)', () => {
    const codes = RULE_NAMES.map((rule) => RULES[rule].code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code > 990000 && code < 991000).toBe(true);
  });

  it.each(RULE_NAMES)('%s has a description and an internalError message', (rule) => {
    const { description, messages } = RULES[rule];
    expect(description.length).toBeGreaterThan(0);
    expect(messages).toHaveProperty('internalError');
  });

  it('declares the message ids the entity checks report', () => {
    expect(Object.keys(RULES['isolation-scope-required'].messages).sort()).toEqual(
      ['conflictingScope', 'duplicateEntity', 'emptyReason', 'internalError', 'libraryEntityNeedsTypeInformation', 'missingReason', 'missingScope', 'platformCommentWithoutReason', 'uncheckedLibraryReexport', 'uncheckedReexport', 'unverifiableReason'],
    );
    expect(Object.keys(RULES['capsule-id-required'].messages).sort()).toEqual(
      ['internalError', 'missingCapsuleAttribute', 'missingCapsuleId', 'unverifiableCapsuleAttribute', 'unverifiableCapsuleId', 'unverifiableCapsuleIdType'],
    );
    expect(Object.keys(RULES['isolated-key-templates'].messages).sort()).toEqual([
      'compositeNotScoped',
      'compositeTemplateMismatch',
      'internalError',
      'libraryMalformedTemplate',
      'libraryMissingCapsuleSegment',
      'libraryMissingKey',
      'libraryMissingTenantSegment',
      'libraryMutableValue',
      'libraryNeedsTypeInformation',
      'libraryScopeNotAtStart',
      'libraryUnknownAttribute',
      'libraryUnknownCompositeAttribute',
      'libraryUnverifiable',
      'lowercasedKey',
      'malformedTemplate',
      'missingCapsuleSegment',
      'missingGsiPk',
      'missingPk',
      'missingTenantSegment',
      'mutableValue',
      'needsTypeInformation',
      'scopeNotAtStart',
      'unknownField',
      'unusableKeyField',
      'unverifiableField',
      'unverifiableOptions',
      'unverifiableTemplate',
    ]);
    expect(Object.keys(RULES['isolated-key-literals'].messages).sort()).toEqual([
      'capsuleBeforeTenant',
      'internalError',
      'malformedKey',
      'missingCapsuleSegment',
      'missingCapsuleValue',
      'missingTenantValue',
    ]);
    expect(RULES['isolated-key-literals'].code).toBe(990006);
  });
});

describe('formatMessage', () => {
  it('replaces {{name}} placeholders as ESLint does, with or without inner spaces', () => {
    expect(formatMessage("Entity '{{className}}' and {{ className }} or {{  ruleId }}", { className: 'A', ruleId: 'r' })).toBe(
      "Entity 'A' and A or r",
    );
  });

  it('leaves placeholders without data untouched', () => {
    expect(formatMessage('{{known}} {{unknown}}', { known: 'k' })).toBe('k {{unknown}}');
  });

  it('inserts data verbatim, without re-reading it as a template or a replacement pattern', () => {
    expect(formatMessage('[{{a}}]', { a: "{{b}} $& $1 $$ '{tenantId}'" })).toBe("[{{b}} $& $1 $$ '{tenantId}']");
  });

  it('inserts an empty value', () => {
    expect(formatMessage('field{{detail}}.', { detail: '' })).toBe('field.');
  });
});

describe('internal errors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const IMPORTS = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";
  const internalError = (rule: string, error: string) =>
    `capsule-guard could not finish checking '/project/entity.ts' for capsule-guard/${rule} (${error}). The file was not verified; please report this with the file's code.`;

  /** Options that throw when the engine reads `failing`. */
  const optionsFailingAt = (failing: keyof CapsuleGuardOptions, error: unknown) =>
    new Proxy(DEFAULT_OPTIONS, {
      get(target, key, receiver) {
        if (key === failing) throw error;
        return Reflect.get(target, key, receiver);
      },
    });

  it('turns a failure inside one rule into a finding of that rule on the class name', () => {
    const code = `${IMPORTS}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })
@capsuleIsolated
export class RoleEntity { tenantId!: string; capsuleId!: string }
`;
    for (const typed of [false, true]) {
      const findings = checkCode(code, { typed, options: optionsFailingAt('capsuleField', new Error('boom')) });
      expect(findings.map((f) => [f.ruleId, f.messageId, f.line, f.column, f.text, f.message])).toEqual([
        ['capsule-guard/capsule-id-required', 'internalError', 5, 14, 'RoleEntity', internalError('capsule-id-required', 'boom')],
        ['capsule-guard/isolated-key-templates', 'internalError', 5, 14, 'RoleEntity', internalError('isolated-key-templates', 'boom')],
      ]);
      expect(findings[0].data).toEqual({
        fileName: '/project/entity.ts',
        ruleId: 'capsule-guard/capsule-id-required',
        error: 'boom',
      });
    }
  });

  it('keeps the findings of the rules that did not fail', () => {
    vi.spyOn(FieldResolver.prototype, 'classFields').mockImplementation(() => {
      throw new TypeError('classFields failed');
    });
    const code = `${IMPORTS}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })
@capsuleIsolated @platformScoped({ reason: 'shared' })
export class RoleEntity { tenantId!: string; capsuleId!: string }
`;
    const findings = checkCode(code);
    expect(findings.map((f) => [f.ruleId, f.messageId, f.line, f.column, f.text])).toEqual([
      ['capsule-guard/capsule-id-required', 'internalError', 5, 14, 'RoleEntity'],
      ['capsule-guard/isolated-key-templates', 'internalError', 5, 14, 'RoleEntity'],
      ['capsule-guard/isolation-scope-required', 'conflictingScope', 5, 14, 'RoleEntity'],
    ]);
    expect(findings[0].data.error).toBe('classFields failed');
  });

  it('reports a thrown non-Error value as text', () => {
    vi.spyOn(StaticEvaluator.prototype, 'properties').mockImplementation(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what is thrown need not be an Error
      throw 'not an Error';
    });
    const code = `${IMPORTS}

@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason: 'shared' })
export class TenantEntity { id!: string }
`;
    expect(checkCode(code).map((f) => [f.ruleId, f.messageId, f.line, f.column, f.text, f.message])).toEqual([
      ['capsule-guard/isolated-key-templates', 'internalError', 5, 14, 'TenantEntity', internalError('isolated-key-templates', 'not an Error')],
      ['capsule-guard/isolation-scope-required', 'internalError', 5, 14, 'TenantEntity', internalError('isolation-scope-required', 'not an Error')],
    ]);
  });

  it('reports a failure outside every rule once per rule, at the start of the file', () => {
    const code = `${IMPORTS}

@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason: 'shared' })
export class TenantEntity { id!: string }
`;
    const findings = checkCode(code, { options: optionsFailingAt('decoratorModules', new Error('no modules')) });
    expect(findings.map((f) => f.rule).sort()).toEqual([...RULE_NAMES].sort());
    for (const finding of findings) {
      expect([finding.messageId, finding.line, finding.column, finding.text, finding.start, finding.end]).toEqual(['internalError', 1, 1, '', 0, 0]);
      expect(finding.message).toBe(internalError(finding.rule, 'no modules'));
    }
  });
});
