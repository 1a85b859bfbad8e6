import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../options';
import { checkCode } from '../../testing/check-code';
import { checkBothModes, summary, where } from '../../testing/both-modes';

const RULE = 'capsule-guard/capsule-id-required';
const IMPORTS = "import { capsuleIsolated } from '@capsule-guard/core';";

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
    ['a parenthesised union with undefined', 'capsuleId!: (string | undefined);', "'capsuleId' may be undefined"],
    ['parentheses at every depth', 'capsuleId!: ((string) | ((undefined)));', "'capsuleId' may be undefined"],
    ['a union with a parenthesised null', 'capsuleId!: string | (null);', "'capsuleId' may be null"],
    ['a nested union', "capsuleId!: 'A' | ('B' | void);", "'capsuleId' may be void"],
    ['a union of empty types', 'capsuleId!: (undefined | never);', "'capsuleId' is typed 'undefined | never'"],
    ['unknown', 'capsuleId!: unknown;', "'capsuleId' is typed 'unknown', so it may be undefined"],
    ['a union with unknown', 'capsuleId!: string | unknown;', "'capsuleId' is typed 'unknown', so it may be undefined"],
    ['an intersection with undefined', 'capsuleId!: string & undefined;', "'capsuleId' is typed 'string & undefined'"],
    ['an initialiser of undefined', 'capsuleId = undefined;', "'capsuleId' is initialised to 'undefined' and has no type annotation"],
    ['an initialiser of null', 'capsuleId = null;', "'capsuleId' is initialised to 'null' and has no type annotation"],
    ['an initialiser of void 0', 'capsuleId = void 0;', "'capsuleId' is initialised to 'void 0' and has no type annotation"],
    ['a parenthesised initialiser of undefined', 'capsuleId = (undefined);', "'capsuleId' is initialised to 'undefined' and has no type annotation"],
    ['a parameter property initialised to undefined', 'constructor(public capsuleId = undefined) {}', "'capsuleId' is initialised to 'undefined' and has no type annotation"],
    ['an initialiser asserted to a maybe type', 'capsuleId = undefined as string | undefined;', "'capsuleId' may be undefined"],
    ['a nested field in a parenthesised maybe type', 'context!: { capsuleId: (string | null) };', "'context.capsuleId' is unusable: 'capsuleId' may be null"],
  ])('reports %s, saying why it does not count', (_, members, reason) => {
    const findings = checkBothModes(isolatedWith(members));
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].message).toBe(`Capsule-isolated class 'Contract' has no usable 'capsuleId' field (${reason}). ${ADVICE}`);
  });

  it.each([
    ['an alias of a maybe type', 'type MaybeCapsule = string | undefined;', 'capsuleId!: MaybeCapsule;', "'capsuleId' may be undefined"],
    ['a chain of aliases', 'type A = string | undefined; type B = A; type C = (B);', 'capsuleId!: C;', "'capsuleId' may be undefined"],
    ['an alias of unknown', 'type Anything = unknown;', 'capsuleId!: Anything;', "'capsuleId' is typed 'unknown', so it may be undefined"],
    ['a generic alias given a maybe type', 'type Maybe<T> = T | undefined;', 'capsuleId!: Maybe<string>;', "'capsuleId' may be undefined"],
    ['a generic alias whose default is null', 'type Id<T = null> = T;', 'capsuleId!: Id;', "'capsuleId' is typed 'null'"],
    ['a namespaced alias of a maybe type', 'namespace Ids { export type Maybe = string | undefined }', 'capsuleId!: Ids.Maybe;', "'capsuleId' may be undefined"],
    ['a generic base given undefined', 'class Scoped<TCapsule> { capsuleId!: TCapsule }', 'id!: string;', "'capsuleId' is typed 'undefined'", 'extends Scoped<undefined>'],
    ['a generic base given a parenthesised maybe type', 'class Scoped<T> { capsuleId!: T }', 'id!: string;', "'capsuleId' may be undefined", 'extends Scoped<(string | undefined)>'],
    ['a generic base whose default is null', 'class Scoped<T = null> { capsuleId!: T }', 'id!: string;', "'capsuleId' is typed 'null'", 'extends Scoped'],
    ['a generic base through a generic middle class', 'class Scoped<T> { capsuleId!: T } class Mid<U> extends Scoped<U> {}', 'id!: string;', "'capsuleId' is typed 'undefined'", 'extends Mid<undefined>'],
    ['a generic base whose context is given a Partial', 'interface Ctx { capsuleId: string } class Scoped<C> { context!: C }', 'id!: string;', "'context.capsuleId' is unusable: 'capsuleId' is optional", 'extends Scoped<Partial<Ctx>>'],
    ['an inline base class whose capsuleId is optional', '', 'id!: string;', "'capsuleId' is optional", 'extends class { capsuleId?: string }'],
    ['a context typed Partial', 'interface Ctx { capsuleId: string }', 'context!: Partial<Ctx>;', "'context.capsuleId' is unusable: 'capsuleId' is optional"],
    ['a context typed Readonly of an optional', 'interface Ctx { capsuleId?: string }', 'context!: Readonly<Ctx>;', "'context.capsuleId' is unusable: 'capsuleId' is optional"],
    ['a context in a namespace, optional', 'declare namespace Scopes { interface Capsule { capsuleId?: string } }', 'ctx!: Scopes.Capsule;', "'ctx.capsuleId' is unusable: 'capsuleId' is optional"],
  ])('reports %s in either mode, saying why it does not count', (_, before, members, reason, heritage = '') => {
    const code = `${IMPORTS}\n${before}\n@capsuleIsolated\nexport class Contract ${heritage} {\n  ${members}\n}\n`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([[RULE, 'missingCapsuleId', 4, 14, 'Contract']]);
    expect(findings[0].message).toBe(`Capsule-isolated class 'Contract' has no usable 'capsuleId' field (${reason}). ${ADVICE}`);
  });

  it.each([
    ['a generic base given a string', 'class Scoped<T> { capsuleId!: T }', 'extends Scoped<string>'],
    ['a generic base whose default is a string', 'class Scoped<T = string> { capsuleId!: T }', 'extends Scoped'],
    ['a generic base with a constraint', 'class Scoped<T extends string> { capsuleId!: T }', 'extends Scoped<"DEVUS">'],
    ['an inline base class', '', 'extends class { tenantId!: string; capsuleId!: string }'],
    ['a parenthesised inline base class', '', 'extends (class { capsuleId!: string })'],
    ['a namespaced base class', 'namespace Bases { export class Scoped { capsuleId!: string } }', 'extends Bases.Scoped'],
    ['a base in a nested namespace', 'namespace A.B { export namespace C { export class Scoped { capsuleId!: string } } }', 'extends A.B.C.Scoped'],
    ['a base in a module keyword namespace', 'module Bases { export class Scoped { capsuleId!: string } }', 'extends Bases.Scoped'],
    ['a union with never', '', '', 'capsuleId!: string | never;'],
    ['a branded generic alias', 'type Brand<T, N> = T & { readonly brand: N };', '', "capsuleId!: Brand<string, 'CapsuleId'>;"],
    ['NonNullable of a maybe type', 'type Maybe = string | undefined;', '', 'capsuleId!: NonNullable<Maybe>;'],
    ['a string-manipulation type', '', '', 'capsuleId!: Uppercase<string>;'],
    ['a string initialiser', '', '', "capsuleId = 'DEVUS';"],
    ['a template initialiser', '', '', 'capsuleId = `DEV${"US"}`;'],
    ['a namespaced context', 'namespace Scopes { export interface Capsule { capsuleId: string } }', '', 'ctx!: Scopes.Capsule;'],
    ['a context typed Required of optional fields', 'interface Ctx { capsuleId?: string }', '', 'context!: Required<Ctx>;'],
    ['a generic constrained to string', '', '', 'capsuleId!: string;'],
  ])('accepts %s in either mode', (_, before, heritage, members = 'id!: string;') => {
    const code = `${IMPORTS}\n${before}\n@capsuleIsolated\nexport class Contract ${heritage} {\n  ${members}\n}\n`;
    expect(checkBothModes(code)).toEqual([]);
  });

  it('reads a mixin base class with type information, and says it cannot be verified without it', () => {
    const code = `${IMPORTS}
declare function WithCapsule<T extends new (...args: any[]) => object>(base: T): T & (new (...args: any[]) => { capsuleId: string });
class Root {}
@capsuleIsolated
export class Contract extends WithCapsule(Root) {}
`;
    expect(checkCode(code, { typed: true })).toEqual([]);
    const untyped = checkCode(code);
    expect(where(untyped)).toEqual([[RULE, 'unverifiableCapsuleId', 5, 14, 'Contract']]);
    expect(untyped[0].data.reason).toBe(
      "its base class 'WithCapsule(Root)' is returned by a call (a mixin), whose fields are known only with type information",
    );
    const optional = code.replace('{ capsuleId: string }', '{ capsuleId?: string }');
    expect(where(checkCode(optional, { typed: true }))).toEqual([[RULE, 'missingCapsuleId', 5, 14, 'Contract']]);
  });

  it.each([
    ['an imported alias of a maybe type', 'export type Capsule = string | undefined;', 'capsuleId!: Capsule;', 'missingCapsuleId'],
    ['an imported alias of a string', 'export type Capsule = string;', 'capsuleId!: Capsule;', undefined],
    ['an imported interface as context', 'export interface Capsule { capsuleId: string }', 'context!: Capsule;', undefined],
    ['an imported interface as context, optional', 'export interface Capsule { capsuleId?: string }', 'context!: Capsule;', 'missingCapsuleId'],
    ['an imported generic alias', 'export type Capsule<T = undefined> = T;', 'capsuleId!: Capsule;', 'missingCapsuleId'],
  ])('reads %s with type information, and fails closed without it', (_, other, members, typedMessageId) => {
    const code = `${IMPORTS}\nimport type { Capsule } from './capsule.js';\n@capsuleIsolated\nexport class Contract {\n  ${members}\n}\n`;
    const typed = checkCode(code, { typed: true, files: { 'capsule.ts': other } });
    expect(where(typed)).toEqual(typedMessageId ? [[RULE, typedMessageId, 4, 14, 'Contract']] : []);
    const untyped = checkCode(code);
    const untypedMessageId = members.startsWith('capsuleId') ? 'unverifiableCapsuleIdType' : 'unverifiableCapsuleId';
    expect(where(untyped)).toEqual([[RULE, untypedMessageId, 4, 14, 'Contract']]);
    expect(untyped[0].data.reason).toContain("'Capsule' is imported from './capsule.js', and resolving it across files needs type information");
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
