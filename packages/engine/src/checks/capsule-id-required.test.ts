import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../options';
import { checkCode } from '../testing/check-code';
import { checkBothModes, summary, where } from '../testing/both-modes';

const RULE = 'capsule-guard/capsule-id-required';
const IMPORTS = "import { capsuleIsolated } from '@capsule-guard/core';";

/** Runs the engine without and with type information, asserts both agree, and returns the findings. */

const ADVICE =
  "Declare 'capsuleId!: CapsuleId;' on the class or one level down (e.g. 'context: EntityContext' whose type has a required 'capsuleId').";

/** An isolated class with `members`, named on line 4, column 14. */
const isolatedWith = (members: string, before = '') => `${IMPORTS}
${before}
@capsuleIsolated
export class Contract {
  ${members}
}
`;

describe('usable capsule ids', () => {
  it('accepts a capsuleId declared in any supported way', () => {
    const code = `${IMPORTS}
type CapsuleId = string & { readonly brand: 'CapsuleId' };
interface TenantScope { tenantId: string }
interface EntityContext extends TenantScope { capsuleId: CapsuleId }
type ContextAlias = { readonly capsuleId: string };
class ContextClass { capsuleId!: string }
class Base { capsuleId!: CapsuleId }
class Middle extends Base {}

@capsuleIsolated class Own { capsuleId!: CapsuleId }
@capsuleIsolated class Initialized { capsuleId = 'DEVUS' }
@capsuleIsolated class Readonly { readonly capsuleId: string = 'DEVUS' }
@capsuleIsolated class Declared { declare capsuleId: string }
@capsuleIsolated class TsPrivate { private capsuleId!: string }
@capsuleIsolated class ParameterProperty { constructor(public readonly capsuleId: string) {} }
@capsuleIsolated class PrivateParameterProperty { constructor(private capsuleId: string) {} }
@capsuleIsolated class Getter { get capsuleId(): string { return 'DEVUS'; } }
@capsuleIsolated class QuotedName { 'capsuleId'!: string }
@capsuleIsolated class Untyped { capsuleId!: any }
@capsuleIsolated class Inherited extends Base {}
@capsuleIsolated class InheritedTwice extends Middle {}
@capsuleIsolated class NestedInterface { context!: EntityContext }
@capsuleIsolated class NestedAlias { context!: ContextAlias }
@capsuleIsolated class NestedIntersection { context!: TenantScope & { capsuleId: string } }
@capsuleIsolated class NestedClass { context!: ContextClass }
@capsuleIsolated class NestedLiteral { context!: { capsuleId: string } }
@capsuleIsolated class NestedParenthesized { context!: ({ capsuleId: string }) }
@capsuleIsolated class NestedParameterProperty { constructor(public context: EntityContext) {} }
@capsuleIsolated class OneOfTwoNested { audit!: { at: Date }; context!: EntityContext }
export const Expression = @capsuleIsolated class { capsuleId!: string };
`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('accepts a capsuleId with experimentalDecorators', () => {
    const code = isolatedWith('constructor(public capsuleId: string) {}');
    expect(checkCode(code, { typed: true, experimentalDecorators: true })).toEqual([]);
    expect(checkCode(code)).toEqual([]);
  });

  it('does not require a capsuleId of classes that are not @capsuleIsolated', () => {
    const code = `import { entity, platformScoped } from '@capsule-guard/core';

@entity({ pk: 'PLATFORM#{id}' })
@platformScoped({ reason: 'shared' })
class Registry { id!: string }
`;
    expect(checkBothModes(code)).toEqual([]);
  });
});

describe('missingCapsuleId', () => {
  it('reports a class without capsuleId on its name, saying what to declare', () => {
    const findings = checkBothModes(isolatedWith('tenantId!: string;'));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0]).toMatchObject({
      rule: 'capsule-id-required',
      data: { className: 'Contract', capsuleField: 'capsuleId', detail: '' },
      message: `Capsule-isolated class 'Contract' has no usable 'capsuleId' field. ${ADVICE}`,
      suggestions: [],
    });
  });

  it.each([
    ['an optional property', 'capsuleId?: string;', "'capsuleId' is optional"],
    ['an optional parameter property', 'constructor(public capsuleId?: string) {}', "'capsuleId' is optional"],
    ['a static property', "static capsuleId = 'DEVUS';", "'capsuleId' is static"],
    ['a static getter', "static get capsuleId() { return 'DEVUS'; }", "'capsuleId' is static"],
    ['a property typed undefined', 'capsuleId!: undefined;', "'capsuleId' is typed 'undefined'"],
    ['a property typed null', 'capsuleId!: null;', "'capsuleId' is typed 'null'"],
    ['a property typed never', 'capsuleId!: never;', "'capsuleId' is typed 'never'"],
    ['a property typed void', 'capsuleId!: void;', "'capsuleId' is typed 'void'"],
    ['a property typed (undefined)', 'capsuleId!: (undefined);', "'capsuleId' is typed 'undefined'"],
    ['a property that may be undefined', 'capsuleId!: string | undefined;', "'capsuleId' may be undefined"],
    ['a property that may be null', 'capsuleId!: null | string;', "'capsuleId' may be null"],
    ['a getter typed undefined', 'get capsuleId(): undefined { return undefined; }', "'capsuleId' is typed 'undefined'"],
    ['a nested optional property', 'context!: { capsuleId?: string };', "'context.capsuleId' is unusable: 'capsuleId' is optional"],
    ['a nested property typed never', 'context!: { capsuleId: never };', "'context.capsuleId' is unusable: 'capsuleId' is typed 'never'"],
    ['an optional container', 'context?: { capsuleId: string };', "'context.capsuleId' is unusable: 'context' is optional"],
    ['a capsuleId two levels deep', 'meta!: { context: { capsuleId: string } };', "'meta.context.capsuleId' is nested more than one level deep"],
  ])('reports %s, saying why it does not count', (_, members, reason) => {
    const findings = checkBothModes(isolatedWith(members));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].message).toBe(`Capsule-isolated class 'Contract' has no usable 'capsuleId' field (${reason}). ${ADVICE}`);
  });

  it('names the deeper path when the capsuleId is two levels down through declared types', () => {
    const before = `interface EntityContext { capsuleId: string }
interface Metadata { context: EntityContext }`;
    const findings = checkBothModes(isolatedWith('meta!: Metadata;', before));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 5, 14, 'Contract']]);
    expect(findings[0].data.detail).toBe(" ('meta.context.capsuleId' is nested more than one level deep)");
  });

  it('lists every rejected candidate', () => {
    const findings = checkBothModes(isolatedWith('capsuleId?: string;\n  context!: { capsuleId: null };'));
    expect(findings[0].data.detail).toBe(" ('capsuleId' is optional; 'context.capsuleId' is unusable: 'capsuleId' is typed 'null')");
  });

  it.each([
    ['a constructor parameter that is not a property', 'constructor(capsuleId: string) {}'],
    ['an ECMAScript private field', '#capsuleId = "DEVUS";'],
    ['a method', "capsuleId(): string { return 'DEVUS'; }"],
    ['a setter only', 'set capsuleId(value: string) {}'],
    ['a differently named field', 'capsuleID!: string;'],
    ['a nested type without it', 'context!: { tenantId: string };'],
    ['a primitive-typed field', 'context!: string;'],
    ['a built-in typed field', 'createdAt!: Date;'],
  ])('reports %s as missing', (_, members) => {
    const findings = checkBothModes(isolatedWith(members));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].data.detail).toBe('');
  });

  it('reports an inherited capsuleId that is optional', () => {
    const before = 'class Base { capsuleId?: string }';
    const findings = checkBothModes(isolatedWith('', before).replace('export class Contract', 'export class Contract extends Base'));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].data.detail).toBe(" ('capsuleId' is optional)");
  });

  it('reports an anonymous class expression on its decorator', () => {
    const code = `${IMPORTS}

export const Contract = @capsuleIsolated class {
  tenantId!: string;
};
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 3, 25, '@capsuleIsolated']]);
    expect(findings[0].message).toBe(`Capsule-isolated class '(anonymous class)' has no usable 'capsuleId' field. ${ADVICE}`);
  });

  it('reports with experimentalDecorators', () => {
    const code = isolatedWith('capsuleId?: string;');
    const untyped = checkCode(code);
    const typed = checkCode(code, { typed: true, experimentalDecorators: true });
    expect(typed.map(summary)).toEqual(untyped.map(summary));
    expect(where(typed)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
  });

  it('looks for the configured capsule field', () => {
    const options = { ...DEFAULT_OPTIONS, capsuleField: 'envId' };
    expect(checkBothModes(isolatedWith('envId!: string;'), { options })).toEqual([]);
    const findings = checkBothModes(isolatedWith('capsuleId!: string;'), { options });
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].message).toBe(
      "Capsule-isolated class 'Contract' has no usable 'envId' field. Declare 'envId!: CapsuleId;' on the class or one level down (e.g. 'context: EntityContext' whose type has a required 'envId').",
    );
  });
});

describe('unverifiableCapsuleId without type information', () => {
  it('reports a base class imported from another file', () => {
    const code = `${IMPORTS}
import { TenantScoped } from './base.js';

@capsuleIsolated
export class Contract extends TenantScoped {}
`;
    const findings = checkCode(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableCapsuleId', 5, 14, 'Contract']]);
    expect(findings[0].message).toBe(
      "Capsule-isolated class 'Contract' declares no 'capsuleId' field in this file, and whether it has one cannot be verified: its base class 'TenantScoped' cannot be resolved: 'TenantScoped' is imported from './base.js', and resolving it across files needs type information. Declare 'capsuleId!: CapsuleId;' in this class, or lint with type information (parserOptions.projectService) so other files are read.",
    );
  });

  it('reports a nested type imported from another file', () => {
    const code = `${IMPORTS}
import type { EntityContext } from './context.js';

@capsuleIsolated
export class Contract {
  context!: EntityContext;
}
`;
    const findings = checkCode(code);
    expect(where(findings)).toEqual([[RULE, 'unverifiableCapsuleId', 5, 14, 'Contract']]);
    expect(findings[0].data.reason).toBe(
      "the type of 'context' cannot be checked ('EntityContext' is imported from './context.js', and resolving it across files needs type information)",
    );
  });

  it('does not assume a capsuleId typed with an imported name usable: it reads it only with type information', () => {
    const code = `${IMPORTS}
import type { EntityContext, CapsuleId } from './context.js';

@capsuleIsolated
export class Contract {
  capsuleId!: CapsuleId;
  context!: EntityContext;
}
`;
    const untyped = checkCode(code);
    expect(where(untyped)).toEqual([[RULE, 'unverifiableCapsuleIdType', 5, 14, 'Contract']]);
    expect(untyped[0].message).toBe(
      "Capsule-isolated class 'Contract': whether its 'capsuleId' field can hold a capsule id cannot be verified: the type of " +
        "'capsuleId' cannot be checked: 'CapsuleId' is imported from './context.js', and resolving it across files needs type " +
        "information. Write the field's type in this file (e.g. 'capsuleId!: string'), or lint with type information " +
        '(parserOptions.projectService) so other files are read.',
    );
    const files = { 'context.ts': 'export type CapsuleId = string;\nexport interface EntityContext { tenantId: string }' };
    expect(checkCode(code, { typed: true, files })).toEqual([]);
  });

  it.each([
    [
      'a base class returned by a call (a mixin)',
      'export class Contract extends mixin(Object) {}',
      "its base class 'mixin(Object)' is returned by a call (a mixin), whose fields are known only with type information",
    ],
    ['a base that is not a class', 'export class Contract extends Base {}', "its base class 'Base' is not a class declaration"],
  ])('reports %s as unverifiable without type information, and reads its instance type with it', (_, declaration, reason) => {
    const code = `${IMPORTS}\nconst Base = Object;\ndeclare function mixin<T>(base: T): T;\n@capsuleIsolated\n${declaration}\n`;
    const untyped = checkCode(code);
    expect(untyped.map((f) => [f.ruleId, f.messageId, f.data.reason])).toEqual([[RULE, 'unverifiableCapsuleId', reason]]);
    const typed = checkCode(code, { typed: true });
    expect(typed.map((f) => [f.ruleId, f.messageId, f.line, f.column])).toEqual([[RULE, 'missingCapsuleId', 5, 14]]);
  });
});

describe('own fields, aliases and possibly-undefined containers', () => {
  it('accepts the class own capsuleId even when its base class is in another file', () => {
    const code = `${IMPORTS}
import { BaseEntity } from './base.js';

@capsuleIsolated
export class Contract extends BaseEntity {
  capsuleId!: string;
}
`;
    expect(checkCode(code)).toEqual([]);
  });

  it('follows a same-file alias to undefined in both modes', () => {
    const findings = checkBothModes(`${IMPORTS}
type Nothing = undefined;
@capsuleIsolated
export class Contract {
  capsuleId!: Nothing;
}
`);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].data.detail).toBe(" ('capsuleId' is typed 'undefined')");
  });

  it('explains a nested capsuleId whose container may be undefined, in both modes', () => {
    const findings = checkBothModes(`${IMPORTS}
@capsuleIsolated
export class Contract {
  context!: { capsuleId: string } | undefined;
}
`);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 3, 14, 'Contract']]);
    expect(findings[0].data.detail).toBe(" ('context.capsuleId' is unusable: 'context' may be undefined)");
  });
});
