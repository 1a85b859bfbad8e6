import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DeclarationFinder } from './declarations';
import type { Fields } from './class-fields';
import { FieldResolver } from './fields';
import { checkCode } from './testing/check-code';

/** A resolver over `code` parsed without type information, and a way to pick a class by name. */
function resolve(code: string) {
  const sourceFile = ts.createSourceFile('/project/entity.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const resolver = new FieldResolver(ts, new DeclarationFinder(ts, undefined), undefined);
  const classNamed = (name: string): ts.ClassDeclaration => {
    const found = sourceFile.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
    if (!found) throw new Error(`no class ${name}`);
    return found;
  };
  return { resolver, classNamed };
}

/** Fields as `name` or `name: defect`, in declaration order. */
const describeFields = (fields: Fields) => {
  if (!fields.ok) return fields;
  const names = [...fields.fields.values()].map((f) => (f.defect ? `${f.name}: ${f.defect}` : f.name));
  return fields.incomplete ? { names, incomplete: fields.incomplete } : names;
};

const classFields = (code: string, name: string) => {
  const { resolver, classNamed } = resolve(code);
  return describeFields(resolver.classFields(classNamed(name)));
};

const nestedFields = (code: string, className: string, fieldName: string) => {
  const { resolver, classNamed } = resolve(code);
  const own = resolver.classFields(classNamed(className));
  if (!own.ok) throw new Error(own.reason);
  return describeFields(resolver.nestedFields(own.fields.get(fieldName)!));
};

describe('FieldResolver.classFields', () => {
  it('collects own properties, declare fields, parameter properties and getters', () => {
    const code = `class Entity {
  tenantId!: string;
  declare capsuleId: string;
  get label(): string { return ''; }
  constructor(public id: string, readonly version: number, private secret: string, plain: string) {}
}`;
    expect(classFields(code, 'Entity')).toEqual(['tenantId', 'capsuleId', 'label', 'id', 'version', 'secret']);
  });

  it('leaves out static members, methods, setters and ECMAScript private fields', () => {
    const code = `class Entity {
  static capsuleId = 'x';
  static get tenantId() { return 'x'; }
  id(): string { return ''; }
  set name(value: string) {}
  #hidden = 1;
  kept!: string;
}`;
    expect(classFields(code, 'Entity')).toEqual(['kept']);
  });

  it('records why a field cannot carry a key', () => {
    const code = `class Entity {
  a?: string;
  b!: undefined;
  c!: null;
  d!: never;
  e!: void;
  f!: string | undefined;
  g!: null | number;
  h!: undefined | null;
  i!: never | string;
  j!: string;
  constructor(public k?: string) {}
}`;
    expect(classFields(code, 'Entity')).toEqual([
      'a: is optional',
      "b: is typed 'undefined'",
      "c: is typed 'null'",
      "d: is typed 'never'",
      "e: is typed 'void'",
      'f: may be undefined',
      'g: may be null',
      "h: is typed 'undefined | null'",
      'i',
      'j',
      'k: is optional',
    ]);
  });

  it('inherits fields from base classes in the same file, own declarations winning', () => {
    const code = `class Root { tenantId!: string; capsuleId?: string }
class Middle extends Root { createdAt!: string }
class Entity extends Middle { capsuleId!: string }`;
    expect(classFields(code, 'Entity')).toEqual(['tenantId', 'capsuleId', 'createdAt']);
  });

  it('keeps own fields and says why the rest is unknown when it cannot read the base class', () => {
    expect(classFields("import { Base } from './base.js';\nclass Entity extends Base { id!: string }", 'Entity')).toEqual({
      names: ['id'],
      incomplete: "its base class 'Base' cannot be resolved: 'Base' is imported from './base.js', and resolving it across files needs type information",
    });
    expect(classFields('class Entity extends mixin(Object) {}', 'Entity')).toEqual({
      names: [],
      incomplete: "its base class 'mixin(Object)' is returned by a call (a mixin), whose fields are known only with type information",
    });
    expect(classFields('interface Base {}\nclass Entity extends Base {}', 'Entity')).toEqual({
      names: [],
      incomplete: "its base class 'Base' is not a class declaration",
    });
  });

  it('treats built-in base classes as contributing no fields', () => {
    expect(classFields('class Failure extends Error { code!: string }', 'Failure')).toEqual(['code']);
    expect(classFields('class Entity extends Object { id!: string }', 'Entity')).toEqual(['id']);
  });

  it('ends a class that extends itself', () => {
    expect(classFields('class Entity extends Entity {}', 'Entity')).toEqual({ names: [], incomplete: "class 'Entity' extends itself" });
    expect(classFields('class A extends B {}\nclass B extends A {}', 'A')).toEqual({ names: [], incomplete: "class 'A' extends itself" });
  });

  it('ignores implemented interfaces', () => {
    expect(classFields("import { Scoped } from './scoped.js';\nclass Entity implements Scoped { id!: string }", 'Entity')).toEqual(['id']);
  });
});

describe('FieldResolver.nestedFields', () => {
  const withContext = (declarations: string, type: string) => `${declarations}\nclass Entity { context!: ${type} }`;

  it.each([
    ['an interface', 'interface Ctx { tenantId: string; capsuleId?: string }', 'Ctx', ['tenantId', 'capsuleId: is optional']],
    [
      'an interface with extends',
      'interface Root { tenantId: string }\ninterface Mid { region: string }\ninterface Ctx extends Root, Mid { capsuleId: string }',
      'Ctx',
      ['tenantId', 'region', 'capsuleId'],
    ],
    ['merged interface declarations', 'interface Ctx { tenantId: string }\ninterface Ctx { capsuleId: string }', 'Ctx', ['tenantId', 'capsuleId']],
    ['a type alias', 'type Ctx = { capsuleId: never }', 'Ctx', ["capsuleId: is typed 'never'"]],
    ['an alias of an alias', 'type Inner = { capsuleId: string };\ntype Ctx = Inner', 'Ctx', ['capsuleId']],
    ['an intersection', 'type A = { tenantId: string };\ninterface B { capsuleId: string }', 'A & B & { region: string }', ['tenantId', 'capsuleId', 'region']],
    ['a class', 'class Ctx { capsuleId!: string; static tenantId = "x" }', 'Ctx', ['capsuleId']],
    ['an inline type literal', '', '{ capsuleId: string; readonly tenantId: string; get region(): string }', ['capsuleId', 'tenantId', 'region']],
    ['a parenthesized type', '', '({ capsuleId: string })', ['capsuleId']],
    ['a primitive', '', 'string', []],
    ['a literal type', '', "'DEVUS'", []],
    ['an array', '', 'string[]', []],
    ['a built-in class', '', 'Date', []],
    ['Readonly of an interface', 'interface Ctx { capsuleId?: string }', 'Readonly<Ctx>', ['capsuleId: is optional']],
    ['Partial of an interface', 'interface Ctx { tenantId: string; capsuleId: string }', 'Partial<Ctx>', ['tenantId: is optional', 'capsuleId: is optional']],
    ['Required of a type literal', '', '(Required<{ capsuleId?: string | undefined }>)', ['capsuleId: may be undefined']],
    ['a namespace-qualified interface', 'namespace Scopes { export interface Ctx { capsuleId: string } }', 'Scopes.Ctx', ['capsuleId']],
    ['a nested namespace', 'namespace A.B { export namespace C { export type Ctx = { capsuleId?: string } } }', 'A.B.C.Ctx', ['capsuleId: is optional']],
    ['a module keyword namespace', 'module Scopes { export interface Ctx { capsuleId: string } }', 'Scopes.Ctx', ['capsuleId']],
    ['an ambient namespace, members exported implicitly', 'declare namespace Scopes { interface Ctx { capsuleId: string } }', 'Scopes.Ctx', ['capsuleId']],
    [
      'merged namespaces',
      'namespace Scopes { export interface Ctx { tenantId: string } }\nnamespace Scopes { export interface Ctx { capsuleId: string } }',
      'Scopes.Ctx',
      ['tenantId', 'capsuleId'],
    ],
  ])('reads %s', (_, declarations, type, fields) => {
    expect(nestedFields(withContext(declarations, type), 'Entity', 'context')).toEqual(fields);
  });

  it('reads a same-file type named like a built-in as the declared type', () => {
    expect(nestedFields(withContext('interface Date { capsuleId: string }', 'Date'), 'Entity', 'context')).toEqual(['capsuleId']);
  });

  it.each([
    ['an imported type', "import type { Ctx } from './ctx.js';", 'Ctx', "'Ctx' is imported from './ctx.js', and resolving it across files needs type information"],
    ['an undeclared type', '', 'Missing', "'Missing' is not declared in this file"],
    ['a qualified name', '', 'Types.Ctx', "'Types.Ctx' is a qualified name, which needs type information"],
    ['a generic helper', 'interface Ctx { capsuleId: string }', "Pick<Ctx, 'capsuleId'>", "'Pick' is not declared in this file"],
    ['a union', '', '{ capsuleId: string } | { capsuleId: string; x: 1 }', "'{ capsuleId: string } | { capsuleId: string; x: 1 }' is not an interface, type literal or class"],
    ['an intersection with an imported part', "import type { Ctx } from './ctx.js';", 'Ctx & { region: string }', "'Ctx' is imported from './ctx.js', and resolving it across files needs type information"],
    ['an interface extending an imported one', "import type { Root } from './root.js';\ninterface Ctx extends Root {}", 'Ctx', "'Root' is imported from './root.js', and resolving it across files needs type information"],
    ['a value used as a type', 'const Ctx = 1;', 'Ctx', "'Ctx' is not an interface, type alias or class"],
    ['a type that refers to itself', 'type A = B;\ntype B = A;', 'A', "type 'A' refers to itself"],
  ])('cannot read %s without type information', (_, declarations, type, reason) => {
    expect(nestedFields(withContext(declarations, type), 'Entity', 'context')).toEqual({ ok: false, reason });
  });

  it('reports a field without type annotation', () => {
    expect(nestedFields('class Entity { context = {} }', 'Entity', 'context')).toEqual({ ok: false, reason: "'context' has no type annotation" });
  });
});

describe('FieldResolver.lookupPath', () => {
  const code = `import type { Remote } from './remote.js';
interface Ctx { capsuleId: string }
class Entity { id!: string; context!: Ctx; remote!: Remote }`;

  it.each([
    [['id'], { kind: 'found' }],
    [['context', 'capsuleId'], { kind: 'found' }],
    [['email'], { kind: 'missing', reason: "the class has no field 'email'" }],
    [['context', 'tenantId'], { kind: 'missing', reason: "the type of 'context' has no field 'tenantId'" }],
    [['id', 'length'], { kind: 'missing', reason: "the type of 'id' has no field 'length'" }],
    [
      ['remote', 'capsuleId'],
      {
        kind: 'unverifiable',
        reason: "the type of 'remote' cannot be resolved: 'Remote' is imported from './remote.js', and resolving it across files needs type information",
      },
    ],
  ])('looks up %j', (path, expected) => {
    const { resolver, classNamed } = resolve(code);
    expect(resolver.lookupPath(classNamed('Entity'), path)).toMatchObject(expected);
  });

  it('finds the field itself, with its declaration', () => {
    const { resolver, classNamed } = resolve(code);
    const lookup = resolver.lookupPath(classNamed('Entity'), ['context', 'capsuleId']);
    expect(lookup.kind === 'found' && lookup.field.declaration.getText()).toBe('capsuleId: string');
  });
});

describe('FieldResolver.keyPaths', () => {
  const keyPaths = (code: string, name = 'capsuleId') => {
    const { resolver, classNamed } = resolve(code);
    return resolver.keyPaths(classNamed('Entity'), name);
  };

  it('lists the field itself and every one-level nested path to it', () => {
    const code = `interface Ctx { capsuleId: string }
class Entity { capsuleId!: string; context!: Ctx; audit!: { capsuleId: string } }`;
    expect(keyPaths(code)).toEqual({ usable: [['capsuleId'], ['context', 'capsuleId'], ['audit', 'capsuleId']], rejected: [], unverifiable: undefined });
  });

  it('explains rejected candidates', () => {
    const code = `class Entity {
  static capsuleId = 'x';
  context?: { capsuleId: string };
  audit!: { capsuleId?: string };
  meta!: { inner: { capsuleId: string } };
}`;
    expect(keyPaths(code)).toEqual({
      usable: [],
      rejected: [
        "'capsuleId' is static",
        "'context.capsuleId' is unusable: 'context' is optional",
        "'audit.capsuleId' is unusable: 'capsuleId' is optional",
        "'meta.inner.capsuleId' is nested more than one level deep",
      ],
      unverifiable: undefined,
    });
  });

  it('is unverifiable only when nothing usable was found and some type could not be read', () => {
    const imported = "import type { Ctx } from './ctx.js';\n";
    expect(keyPaths(`${imported}class Entity { context!: Ctx }`).unverifiable).toBe(
      "the type of 'context' cannot be checked ('Ctx' is imported from './ctx.js', and resolving it across files needs type information)",
    );
    expect(keyPaths(`${imported}class Entity { context!: Ctx; capsuleId!: string }`)).toEqual({
      usable: [['capsuleId']],
      rejected: [],
      unverifiable: undefined,
    });
  });

  it('looks for any field name, e.g. the tenant field', () => {
    const code = 'class Entity { context!: { tenantId: string } }';
    expect(keyPaths(code, 'tenantId').usable).toEqual([['context', 'tenantId']]);
  });
});

describe('FieldResolver.isUsableKeyPath and hasUsableKeyPath', () => {
  const CODE = `interface Ctx { capsuleId: string; tenantId?: string }
class Entity { context!: Ctx; capsuleId?: string; audit!: { capsuleId: string }; note?: { capsuleId: string } }
class Bare { id!: string; meta!: { inner: { capsuleId: string } } }`;

  it.each([
    [['context', 'capsuleId'], true],
    [['audit', 'capsuleId'], true],
    [['capsuleId'], false],
    [['context', 'tenantId'], false],
    [['note', 'capsuleId'], false],
    [['missing', 'capsuleId'], false],
    [['context', 'capsuleId', 'x'], false],
  ])('agrees with keyPaths on %j', (path, usable) => {
    const { resolver, classNamed } = resolve(CODE);
    const entity = classNamed('Entity');
    expect(resolver.isUsableKeyPath(entity, path)).toBe(usable);
    const listed = resolver.keyPaths(entity, path[path.length - 1]).usable.some((p) => p.join('.') === path.join('.'));
    expect(listed).toBe(usable);
  });

  it('finds a usable path without listing the others, and none where keyPaths lists none', () => {
    const { resolver, classNamed } = resolve(CODE);
    expect(resolver.hasUsableKeyPath(classNamed('Entity'), 'capsuleId')).toBe(true);
    expect(resolver.hasUsableKeyPath(classNamed('Bare'), 'capsuleId')).toBe(false);
    expect(resolver.keyPaths(classNamed('Bare'), 'capsuleId').usable).toEqual([]);
  });
});

describe('fields with type information', () => {
  const isolated = (declarations: string, members: string) => `import { capsuleIsolated } from '@capsule-guard/core';
${declarations}
@capsuleIsolated
export class Contract { ${members} }
`;
  const messages = (findings: ReturnType<typeof checkCode>) => findings.map((f) => [f.messageId, f.line, f.column, f.text, f.data.reason ?? f.data.detail]);

  it.each([
    ['a mapped helper type', 'interface Ctx { capsuleId: string }', 'context!: { readonly [K in keyof Ctx]: Ctx[K] };', "the type of 'context' cannot be checked ('{ readonly [K in keyof Ctx]: Ctx[K] }' is not an interface, type literal or class)"],
    ['a generic interface', 'interface Wrapper<T> { value: T; capsuleId: string }', 'context!: Wrapper<number>;', undefined],
    ['a Pick', 'interface Ctx { capsuleId: string; other: number }', "context!: Pick<Ctx, 'capsuleId'>;", "the type of 'context' cannot be checked ('Pick' is not declared in this file)"],
    ['a typeof', "const defaults = { capsuleId: 'DEVUS' };", 'context!: typeof defaults;', "the type of 'context' cannot be checked ('typeof defaults' is not an interface, type literal or class)"],
  ])('resolves %s only with type information', (_, declarations, members, untypedReason) => {
    const code = isolated(declarations, members);
    expect(checkCode(code, { typed: true })).toEqual([]);
    const untyped = checkCode(code);
    if (untypedReason === undefined) expect(untyped).toEqual([]);
    else expect(messages(untyped)).toEqual([['unverifiableCapsuleId', 4, 14, 'Contract', untypedReason]]);
  });

  it('rejects a mapped type that makes capsuleId optional, with type information', () => {
    const code = isolated('interface Ctx { capsuleId: string }', 'context!: Partial<Ctx>;');
    expect(messages(checkCode(code, { typed: true }))).toEqual([
      ['missingCapsuleId', 4, 14, 'Contract', " ('context.capsuleId' is unusable: 'capsuleId' is optional)"],
    ]);
  });

  it('rejects a capsuleId whose named type is empty, with type information', () => {
    const code = isolated('type Missing = never;', 'capsuleId!: Missing;');
    expect(messages(checkCode(code, { typed: true }))).toEqual([
      ['missingCapsuleId', 4, 14, 'Contract', " ('capsuleId' is typed 'never')"],
    ]);
  });
});
