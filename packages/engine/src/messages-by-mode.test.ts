import { describe, expect, it } from 'vitest';
import { checkCode, type CheckedFinding } from './testing/check-code';

const IMPORT = "import { entity, capsuleIsolated, apiEndpoint } from '@capsule-guard/core';";
const PK = "'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}'";

/** An isolated entity with the given members (and declarations after it). */
const isolated = (members: string, after = '', pk = PK) =>
  `${IMPORT}\n@entity({ pk: ${pk} })\n@capsuleIsolated\nexport class OrderEntity {\n  tenantId!: string;\n  id!: string;\n  ${members}\n}\n${after}\n`;

/**
 * Code that both modes can judge on its own file. Wherever the typed and the untyped run report
 * the same finding (rule, message id and place), its message must read the same: the message may
 * never depend on whether a type checker was at hand.
 */
const CASES: Record<string, string> = {
  'no capsule id': isolated(''),
  'optional': isolated('capsuleId?: string;'),
  'typed undefined': isolated('capsuleId!: undefined;'),
  'typed null': isolated('capsuleId!: null;'),
  'typed void': isolated('capsuleId!: void;'),
  'typed never': isolated('capsuleId!: never;'),
  'union with undefined': isolated('capsuleId!: string | undefined;'),
  'union with null': isolated('capsuleId!: null | string;'),
  'union with null and undefined, null first': isolated('capsuleId!: string | null | undefined;'),
  'union of empty types only': isolated('capsuleId!: null | undefined;'),
  'union of empty types and never': isolated('capsuleId!: undefined | never;'),
  'union with void': isolated('capsuleId!: string | void;'),
  'parenthesized': isolated('capsuleId!: (undefined);'),
  'alias of undefined': isolated('capsuleId!: Nothing;', 'type Nothing = undefined;'),
  'alias of a nullable union': isolated('capsuleId!: Maybe;', 'type Maybe = string | null;'),
  'alias of empty types only': isolated('capsuleId!: Empty;', 'type Empty = undefined | null;'),
  'static': isolated('static capsuleId: string;'),
  'inherited, typed null': isolated('', 'class Base { capsuleId!: null }').replace('OrderEntity {', 'OrderEntity extends Base {'),
  'inherited through an interface, optional': isolated('context!: Ctx;', 'interface Base { capsuleId?: string } interface Ctx extends Base {}'),
  'nested through an alias of an object type': isolated('context!: Ctx;', 'type Ctx = { capsuleId: undefined | null };'),
  'a generic alias': isolated('capsuleId!: Maybe<string>;', 'type Maybe<T> = T | null | undefined;'),
  'nested optional': isolated('context!: Ctx;', 'interface Ctx { capsuleId?: string }'),
  'nested typed null': isolated('context!: Ctx;', 'interface Ctx { capsuleId: null | undefined }'),
  'nested field optional': isolated('context?: Ctx;', 'interface Ctx { capsuleId: string }'),
  'nested too deep': isolated('context!: Ctx;', 'interface Ctx { meta: { capsuleId: string } }'),
  'unknown placeholder': isolated('capsuleId!: string;', '', "'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{orderId}'"),
  'missing capsule segment': isolated('capsuleId!: string;', '', "'TENANT#{tenantId}#ORDER#{id}'"),
  'nested key paths': isolated(
    'context!: Ctx;',
    'interface Ctx { tenantId: string; capsuleId: string }',
    "'TENANT#{context.tenantId}#ORDER#{id}'",
  ),
  'route': `${IMPORT}\nclass C {\n  @apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: ['Id'], queryParams: [] })\n  get(id: string, q?: string) {}\n}\n`,
};

const byPlace = (findings: readonly CheckedFinding[]) =>
  new Map(findings.map((f) => [`${f.ruleId} ${f.messageId} ${f.line}:${f.column}`, f.message]));

describe('the same finding reads the same with and without type information', () => {
  it.each(Object.entries(CASES))('%s', (_, code) => {
    const untyped = byPlace(checkCode(code));
    const typed = byPlace(checkCode(code, { typed: true }));
    const shared = [...untyped.keys()].filter((place) => typed.has(place));
    // Every case reports something in both modes, so the comparison below cannot pass vacuously.
    expect(shared).not.toEqual([]);
    for (const place of shared) expect([place, typed.get(place)]).toEqual([place, untyped.get(place)]);
  });
});
