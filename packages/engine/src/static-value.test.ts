import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DeclarationFinder } from './declarations';
import { StaticEvaluator } from './static-value';
import { checkCode } from './testing/check-code';

/**
 * Evaluates the initializer of `const probe = …` in `code`, parsed without type information, so
 * names resolve within the file only.
 */
function probe(code: string): { evaluator: StaticEvaluator; expression: ts.Expression } {
  const sourceFile = ts.createSourceFile('/project/entity.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let expression: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'probe') expression = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!expression) throw new Error('the code declares no `const probe = …`');
  return { evaluator: new StaticEvaluator(ts, new DeclarationFinder(ts, undefined), undefined), expression };
}

const stringOf = (code: string) => {
  const { evaluator, expression } = probe(code);
  return evaluator.string(expression);
};

const listOf = (code: string) => {
  const { evaluator, expression } = probe(code);
  const result = evaluator.stringList(expression);
  return result.ok ? { ok: true, value: result.value.map((e) => [e.value, e.node.getText()]) } : result;
};

const propertiesOf = (code: string) => {
  const { evaluator, expression } = probe(code);
  const result = evaluator.properties(expression);
  return result.ok ? { ok: true, value: Object.fromEntries([...result.value].map(([k, v]) => [k, v.value.getText()])) } : result;
};

describe('StaticEvaluator.string: statically known values', () => {
  it.each([
    ['a string literal', `const probe = 'TENANT#{tenantId}';`, 'TENANT#{tenantId}'],
    ['a double-quoted literal with escapes', `const probe = "A\\u0023{id}";`, 'A#{id}'],
    ['a no-substitution template', 'const probe = `TENANT#{tenantId}`;', 'TENANT#{tenantId}'],
    ['a template with substitutions', "const T = 'TENANT';\nconst N = 2;\nconst probe = `${T}#{tenantId}#v${N}`;", 'TENANT#{tenantId}#v2'],
    ['a + concatenation', "const probe = 'TENANT#' + '{tenantId}' + '#' + 'CAPSULE';", 'TENANT#{tenantId}#CAPSULE'],
    ['numbers added before a string, as JavaScript does', "const probe = 1 + 2 + '#{x}';", '3#{x}'],
    ['a string then numbers, as JavaScript does', "const probe = 'v' + 1 + 2;", 'v12'],
    ['a const identifier', "const PK = 'TENANT#{tenantId}';\nconst probe = PK;", 'TENANT#{tenantId}'],
    [
      'a chain of consts',
      "const T = 'TENANT#{tenantId}';\nconst C = T + '#CAPSULE#{capsuleId}';\nconst K = C;\nconst probe = K + '#X';",
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#X',
    ],
    ['a const declared after its use', "const probe = LATER;\nconst LATER = 'x';", 'x'],
    ['parentheses', "const probe = ('a' + ('b'));", 'ab'],
    ['as const', "const PK = 'TENANT#{tenantId}' as const;\nconst probe = PK;", 'TENANT#{tenantId}'],
    ['satisfies', "const PK = 'TENANT#{tenantId}' satisfies string;\nconst probe = PK;", 'TENANT#{tenantId}'],
    ['an angle-bracket assertion and a non-null assertion', "const PK = <string>'x';\nconst probe = PK!;", 'x'],
    ['a string enum member', "enum Keys { Pk = 'TENANT#{tenantId}', Sk = 'ROLE' }\nconst probe = Keys.Pk + '#' + Keys['Sk'];", 'TENANT#{tenantId}#ROLE'],
    ['a const object property', "const KEYS = { pk: 'TENANT#{tenantId}' } as const;\nconst probe = KEYS.pk;", 'TENANT#{tenantId}'],
    ['an element access with a static key', "const KEYS = { 'p-k': 'x' } as const;\nconst K = 'p-k';\nconst probe = KEYS[K];", 'x'],
    ['a nested const object property', "const KEYS = { role: { pk: 'ROLE#{id}' } } as const;\nconst probe = KEYS.role.pk;", 'ROLE#{id}'],
    ['a property that comes from a spread', "const BASE = { pk: 'A' } as const;\nconst KEYS = { ...BASE, sk: 'B' } as const;\nconst probe = KEYS.pk;", 'A'],
    ['a shorthand property', "const pk = 'A#{id}';\nconst KEYS = { pk } as const;\nconst probe = KEYS.pk;", 'A#{id}'],
    ['a computed property name', "const NAME = 'pk';\nconst KEYS = { [NAME]: 'A' } as const;\nconst probe = KEYS.pk;", 'A'],
    ['the innermost declaration of a shadowed name', "const PK = 'outer';\nfunction f() {\n  const PK = 'inner';\n  const probe = PK;\n}", 'inner'],
    ['a const of an enclosing block', "const PK = 'outer';\n{\n  const probe = PK;\n}", 'outer'],
    // TypeScript stores such names escaped with a third underscore.
    ['names that start with two underscores', "const __KEYS = { __pk: 'A', ___sk: 'B' } as const;\nconst probe = __KEYS.__pk + __KEYS.___sk;", 'AB'],
  ])('resolves %s', (_, code, value) => {
    expect(stringOf(code)).toEqual({ ok: true, value });
  });
});

describe('StaticEvaluator.string: values only known at run time', () => {
  it.each([
    ['a let', "let PK = 'x';\nconst probe = PK;", "'PK' is declared with let or var, so its value can change"],
    ['a var', "var PK = 'x';\nconst probe = PK;", "'PK' is declared with let or var, so its value can change"],
    ['a let reached through a const', "let T = 'x';\nconst PK = T + '#';\nconst probe = PK;", "'T' is declared with let or var, so its value can change"],
    ['a function call', 'const probe = makeKey();', "'makeKey()' is a function call, whose result is only known at run time"],
    ['a method call', "const PK = 'x';\nconst probe = PK.toUpperCase();", "'PK.toUpperCase()' is a function call, whose result is only known at run time"],
    ['a call inside a template', "const probe = `TENANT#${tenant()}`;", "'tenant()' is a function call, whose result is only known at run time"],
    ['a call inside a concatenation', "const probe = 'TENANT#' + tenant();", "'tenant()' is a function call, whose result is only known at run time"],
    ['a conditional', "const probe = Math.random() > 0.5 ? 'a' : 'b';", "'Math.random() > 0.5 ? 'a' : 'b'' is not a literal, a const or a concatenation of those"],
    ['a subtraction', 'const probe = 3 - 1;', "'3 - 1' is not a literal, a const or a concatenation of those"],
    ['a function name', "function PK() { return 'x'; }\nconst probe = PK;", "'PK' is a function, not a const"],
    ['an undeclared name', 'const probe = NOPE;', "'NOPE' is not declared in this file"],
    ['a declared const without type information', "declare const PK: 'x';\nconst probe = PK;", "'PK' is not a const with a static value"],
    ['a number', 'const probe = 42;', "'42' is a number, not a string"],
    ['a numeric enum member', 'enum Kind { Role = 1 }\nconst probe = Kind.Role;', "'Kind.Role' is a number, not a string"],
    ['an enum member without initializer', 'enum Kind { Role }\nconst probe = Kind.Role;', "enum member 'Kind.Role' has no string initializer"],
    ['a property the object does not have', "const KEYS = { pk: 'x' } as const;\nconst probe = KEYS.sk;", "'KEYS' has no property 'sk'"],
    ['a property of a let object', "let KEYS = { pk: 'x' };\nconst probe = KEYS.pk;", "'KEYS' is declared with let or var, so its value can change"],
    ['a method of an object', "const KEYS = { pk() { return 'x'; } } as const;\nconst probe = KEYS.pk;", "'pk' is a method or accessor, not a value"],
    ['an element access with a run-time key', "const KEYS = { pk: 'x' } as const;\nconst probe = KEYS[key()];", "'key()' is a function call, whose result is only known at run time"],
  ])('rejects %s with the reason', (_, code, reason) => {
    expect(stringOf(code)).toEqual({ ok: false, reason });
  });

  it('rejects a function parameter', () => {
    expect(stringOf('function f(pk: string) {\n  const probe = pk;\n}')).toMatchObject({ ok: false });
  });

  it('ends a cycle between consts instead of recursing', () => {
    expect(stringOf('const A = B;\nconst B = A;\nconst probe = A;')).toEqual({ ok: false, reason: "'B' refers to itself" });
  });

  it('ends a const that refers to itself', () => {
    expect(stringOf("const A: string = A + '#x';\nconst probe = A;")).toEqual({ ok: false, reason: "'A + '#x'' refers to itself" });
  });

  it('ends an object property that refers to its own object', () => {
    expect(stringOf('const KEYS = { pk: KEYS.pk } as const;\nconst probe = KEYS.pk;')).toMatchObject({ ok: false, reason: expect.stringContaining('refers to itself') });
  });

  it('may use one const twice without calling it a cycle', () => {
    expect(stringOf("const A = 'x';\nconst probe = A + A;")).toEqual({ ok: true, value: 'xx' });
  });
});

describe('StaticEvaluator: a property or element is read only from a value that cannot change', () => {
  it.each([
    ['an as const object', "const KEYS = { pk: 'x' } as const;\nconst probe = KEYS.pk;"],
    ['a nested as const object', "const KEYS = { role: { pk: 'x' } } as const;\nconst probe = KEYS.role['pk'];"],
    ['as const with satisfies', "const KEYS = { pk: 'x' } as const satisfies Record<string, string>;\nconst probe = KEYS.pk;"],
    ['an angle-bracket const assertion', "const KEYS = <const>{ pk: 'x' };\nconst probe = KEYS.pk;"],
    ['a literal read in place', "const probe = ({ pk: 'x' }).pk;"],
    ['a Readonly<…> declaration', "const KEYS: Readonly<{ pk: string }> = { pk: 'x' };\nconst probe = KEYS.pk;"],
    ['readonly members of a type literal', "const KEYS: { readonly pk: string; readonly sk: string } = { pk: 'x', sk: 'y' };\nconst probe = KEYS.pk;"],
    ['a readonly index signature', "const KEYS: { readonly [key: string]: string } = { pk: 'x' };\nconst probe = KEYS.pk;"],
    ['an interface with readonly members', "interface Keys { readonly pk: string }\nconst KEYS: Keys = { pk: 'x' };\nconst probe = KEYS.pk;"],
    ['a type alias of Readonly<…>', "type Keys = Readonly<{ pk: string }>;\nconst KEYS: Keys = { pk: 'x' };\nconst probe = KEYS.pk;"],
    ['readonly at every step of the path', "const KEYS: Readonly<{ role: Readonly<{ pk: string }> }> = { role: { pk: 'x' } };\nconst probe = KEYS.role.pk;"],
    ['an as const value under a readonly property', "const KEYS: Readonly<{ role: { pk: string } }> = { role: { pk: 'x' } as const };\nconst probe = KEYS.role.pk;"],
    ['an as const object held by another as const object', "const ROLE = { pk: 'x' } as const;\nconst KEYS = { role: ROLE } as const;\nconst probe = KEYS.role.pk;"],
    ['a string-named enum member', "enum Key { 'Pk' = 'x' }\nconst probe = Key.Pk;"],
    ['a member of a merged enum', "enum Key { Sk = 'y' }\nenum Key { Pk = 'x' }\nconst probe = Key.Pk;"],
    ['a const enum member', "const enum Key { Pk = 'x' }\nconst probe = Key['Pk'];"],
  ])('reads %s', (_, code) => {
    expect(stringOf(code)).toEqual({ ok: true, value: 'x' });
  });

  it.each([
    ['an as const array', "const PARAMS = ['a'] as const;\nconst probe = PARAMS;"],
    ['a readonly array type', "const PARAMS: readonly string[] = ['a'];\nconst probe = PARAMS;"],
    ['ReadonlyArray<…>', "const PARAMS: ReadonlyArray<string> = ['a'];\nconst probe = PARAMS;"],
    ['Readonly<string[]>', "const PARAMS: Readonly<string[]> = ['a'];\nconst probe = PARAMS;"],
    ['a readonly tuple', "const PARAMS: readonly ['a'] = ['a'];\nconst probe = PARAMS;"],
    ['a spread of an as const array', "const BASE = ['a'] as const;\nconst probe = [...BASE];"],
    ['a readonly array held by an as const object', "const ROUTE = { params: ['a'] } as const;\nconst probe = ROUTE.params;"],
  ])('reads the list of %s', (_, code) => {
    expect(listOf(code)).toMatchObject({ ok: true, value: [['a', expect.any(String)]] });
  });

  const mutable = (reason: string) => ({ ok: false, reason, cause: 'mutableValue' });

  it.each([
    ['a mutable object', "const KEYS = { pk: 'x' };\nconst probe = KEYS.pk;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['an element access of a mutable object', "const KEYS = { pk: 'x' };\nconst probe = KEYS['pk'];", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a mutable object assigned to before it is read', "const KEYS = { pk: 'x' };\nKEYS.pk = 'y';\nconst probe = KEYS.pk;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a const of a mutable object property', "const KEYS = { pk: 'x' };\nconst PK = KEYS.pk;\nconst probe = PK;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a mutable object inside an as const one', "const ROLE = { pk: 'x' };\nconst KEYS = { role: ROLE } as const;\nconst probe = KEYS.role.pk;", "'ROLE' is declared without 'as const' or a readonly type, so its contents can change"],
    ['an as const object inside a mutable one', "const KEYS = { role: { pk: 'x' } as const };\nconst probe = KEYS.role.pk;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a spread of a mutable object', "const BASE = { pk: 'x' };\nconst KEYS = { ...BASE } as const;\nconst probe = KEYS.pk;", "'BASE' is declared without 'as const' or a readonly type, so its contents can change"],
    ['an as const spread into a mutable object', "const BASE = { pk: 'x' } as const;\nconst KEYS = { ...BASE };\nconst probe = KEYS.pk;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['satisfies without as const', "const KEYS = { pk: 'x' } satisfies Record<string, string>;\nconst probe = KEYS.pk;", "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a type without readonly', "const KEYS: { pk: string } = { pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make 'KEYS.pk' readonly; declare it 'as const'"],
    ['a readonly type that leaves the property out', "const KEYS: { readonly sk: string; pk: string } = { sk: 'y', pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make 'KEYS.pk' readonly; declare it 'as const'"],
    ['Readonly<…> one level above the property', "const KEYS: Readonly<{ role: { pk: string } }> = { role: { pk: 'x' } };\nconst probe = KEYS.role.pk;", "the declared type of 'KEYS.role' does not make 'KEYS.role.pk' readonly; declare it 'as const'"],
    ['a writable index signature', "const KEYS: { [key: string]: string } = { pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make it readonly; declare it 'as const'"],
    ['a Record type', "const KEYS: Record<string, string> = { pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make it readonly; declare it 'as const'"],
    ['a generic alias', "type Frozen<T> = Readonly<T>;\nconst KEYS: Frozen<{ pk: string }> = { pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make it readonly; declare it 'as const'"],
    ['a Readonly declared in the project', "type Readonly<T> = T;\nconst KEYS: Readonly<{ pk: string }> = { pk: 'x' };\nconst probe = KEYS.pk;", "the declared type of 'KEYS' does not make it readonly; declare it 'as const'"],
    ['Object.freeze, which is shallow', "const KEYS = Object.freeze({ pk: 'x' });\nconst probe = KEYS.pk;", "'Object.freeze' is shallow, so what it holds can still change; write the value 'as const' instead"],
  ])('rejects %s as a value that can change', (_, code, reason) => {
    expect(stringOf(code)).toEqual(mutable(reason));
  });

  it.each([
    ['a mutable array', "const PARAMS = ['a'];\nconst probe = PARAMS;", "'PARAMS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a mutable array pushed to', "const PARAMS = ['a'];\nPARAMS.push('b');\nconst probe = PARAMS;", "'PARAMS' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a string[] declaration', "const PARAMS: string[] = ['a'];\nconst probe = PARAMS;", "the declared type of 'PARAMS' does not make it readonly; declare it 'as const'"],
    ['an Array<…> declaration', "const PARAMS: Array<string> = ['a'];\nconst probe = PARAMS;", "the declared type of 'PARAMS' does not make it readonly; declare it 'as const'"],
    ['a spread of a mutable array', "const BASE = ['a'];\nconst probe = ['b', ...BASE];", "'BASE' is declared without 'as const' or a readonly type, so its contents can change"],
    ['a mutable array under a readonly property', "const ROUTE: Readonly<{ params: string[] }> = { params: ['a'] };\nconst probe = ROUTE.params;", "the declared type of 'ROUTE.params' does not make it readonly; declare it 'as const'"],
    ['a frozen array', "const PARAMS = Object.freeze(['a']);\nconst probe = PARAMS;", "'Object.freeze' is shallow, so what it holds can still change; write the value 'as const' instead"],
  ])('rejects the list of %s as a value that can change', (_, code, reason) => {
    expect(listOf(code)).toEqual(mutable(reason));
  });

  it('rejects a mutable options object as a whole', () => {
    expect(propertiesOf("const OPTS = { pk: 'x' };\nconst probe = OPTS;")).toEqual(
      mutable("'OPTS' is declared without 'as const' or a readonly type, so its contents can change"),
    );
    expect(propertiesOf("const OPTS = { pk: 'x' };\nconst probe = { ...OPTS };")).toEqual(
      mutable("'OPTS' is declared without 'as const' or a readonly type, so its contents can change"),
    );
  });
});

describe('StaticEvaluator: names that are not consts say what they are', () => {
  it.each([
    ['a class', 'class PK {}\nconst probe = PK;', "'PK' is a class, not a const"],
    ['an enum itself', "enum PK { A = 'a' }\nconst probe = PK;", "'PK' is an enum (name one of its members), not a const"],
    ['a member an enum lacks', "enum Key { A = 'a' }\nenum Key { B = 'b' }\nconst probe = Key.C;", "enum 'Key' has no member 'C'"],
    ['a numeric enum member of a merged enum', "enum Key { A = 'a' }\nenum Key { B = 1 }\nconst probe = Key.B;", "'Key.B' is a number, not a string"],
  ])('describes %s', (_, code, reason) => {
    expect(stringOf(code)).toEqual({ ok: false, reason });
  });

  it.each([
    ['a named import', "import { PK } from './keys.js';\nconst probe = PK;", "'PK' is imported from './keys.js'"],
    ['a default import', "import PK from './keys.js';\nconst probe = PK;", "'PK' is the default import of './keys.js'"],
    ['a namespace import', "import * as keys from './keys.js';\nconst probe = keys.PK;", "'keys' is a namespace import of './keys.js'"],
    ['an imported object', "import { KEYS } from './keys.js';\nconst probe = KEYS.pk;", "'KEYS' is imported from './keys.js'"],
  ])('says that %s needs type information', (_, code, reason) => {
    expect(stringOf(code)).toEqual({ ok: false, reason: `${reason}, and resolving it across files needs type information`, cause: 'needsTypeInformation' });
  });
});

describe('StaticEvaluator.stringList', () => {
  it('resolves array literals, const arrays and spreads, keeping the node of every element', () => {
    const code = "const P = 'contactId';\nconst BASE = ['accountId'] as const;\nconst probe = [...BASE, P, 'query'];";
    expect(listOf(code)).toEqual({
      ok: true,
      value: [
        ['accountId', "'accountId'"],
        ['contactId', 'P'],
        ['query', "'query'"],
      ],
    });
  });

  it('resolves an empty list', () => {
    expect(listOf('const probe = [];')).toEqual({ ok: true, value: [] });
  });

  it('resolves a list through a chain of consts', () => {
    expect(listOf("const A = ['a'] as const;\nconst B = A;\nconst probe = B;")).toEqual({ ok: true, value: [['a', "'a'"]] });
  });

  it.each([
    ['a non-array', "const probe = 'accountId';", "''accountId'' is not an array literal"],
    ['an element only known at run time', "const probe = ['a', name()];", "'name()' is a function call, whose result is only known at run time"],
    ['a spread of a let array', "let BASE = ['a'];\nconst probe = [...BASE];", "'BASE' is declared with let or var, so its value can change"],
    ['a spread of a call', 'const probe = [...names()];', "'names()' is not an array literal"],
    ['a numeric element', "const probe = ['a', 1];", "'1' is a number, not a string"],
  ])('rejects %s', (_, code, reason) => {
    expect(listOf(code)).toEqual({ ok: false, reason });
  });

  it('ends a self-referencing list', () => {
    expect(listOf('const A = [...A] as const;\nconst probe = A;')).toMatchObject({ ok: false, reason: expect.stringContaining('refers to itself') });
  });
});

describe('StaticEvaluator.properties', () => {
  it('collects properties, later ones overriding spread ones', () => {
    const code = "const BASE = { table: 't', pk: 'OLD' } as const;\nconst probe = { ...BASE, pk: 'NEW', sk };";
    expect(propertiesOf(code)).toEqual({ ok: true, value: { table: "'t'", pk: "'NEW'", sk: 'sk' } });
  });

  it('collects string, numeric and computed property names', () => {
    const code = "const K = 'gsi2';\nconst probe = { 'gsi1': 'a', 3: 'b', [K]: 'c' };";
    expect(propertiesOf(code)).toEqual({ ok: true, value: { gsi1: "'a'", '3': "'b'", gsi2: "'c'" } });
  });

  it('resolves an object through a const', () => {
    expect(propertiesOf("const OPTS = { pk: 'A' } as const satisfies object;\nconst probe = OPTS;")).toEqual({ ok: true, value: { pk: "'A'" } });
  });

  it.each([
    ['a call', 'const probe = options();', "'options()' is not an object literal"],
    ['a spread of a call', "const probe = { ...options(), pk: 'A' };", "'options()' is not an object literal"],
    ['a getter', "const probe = { get pk() { return 'A'; } };", "'pk' is a method or accessor, not a value"],
    ['a run-time computed name', "const probe = { [name()]: 'A' };", "'name()' is a function call, whose result is only known at run time"],
    ['a let object', "let OPTS = { pk: 'A' };\nconst probe = OPTS;", "'OPTS' is declared with let or var, so its value can change"],
  ])('rejects %s', (_, code, reason) => {
    expect(propertiesOf(code)).toEqual({ ok: false, reason });
  });
});

describe('static values in entity templates, with and without type information', () => {
  const header = "import { entity, platformScoped } from '@capsule-guard/core';\n";

  it('resolves a declared literal-typed const only with type information', () => {
    const code = `${header}declare const PK: 'ITEM#{id}';\n@entity({ pk: PK })\n@platformScoped({ reason: 'shared' })\nclass ItemEntity { id!: string }\n`;
    expect(checkCode(code, { typed: true })).toEqual([]);
    expect(checkCode(code).map((f) => [f.messageId, f.line, f.column, f.text, f.data.reason])).toEqual([
      ['unverifiableTemplate', 3, 15, 'PK', ": 'PK' is not a const with a static value"],
    ]);
  });
});

describe('reasons that do not depend on type information', () => {
  const withPk = (before: string, pk: string, signature = '') => `import { entity, platformScoped } from '@capsule-guard/core';
${before}
export function define(${signature}) {
  @entity({ pk: ${pk} })
  @platformScoped({ reason: 'shared' })
  class Item { id!: string }
  return Item;
}
`;

  it.each([
    ['a destructured const', withPk("const { PK } = { PK: 'ITEM#{id}' };", 'PK'), "'PK' comes from a destructuring pattern"],
    ['a parameter', withPk('', 'pk', 'pk: string'), "'pk' is a parameter, only known at run time"],
  ])('gives the same reason for %s in both modes', (_, code, reason) => {
    for (const typed of [false, true]) {
      const findings = checkCode(code, { typed });
      expect(findings.map((f) => [f.messageId, f.data.reason])).toEqual([['unverifiableTemplate', `: ${reason}`]]);
    }
  });
});

describe('pathologically deep definitions', () => {
  it('folds a concatenation of thousands of terms without exhausting the call stack', () => {
    const terms = Array.from({ length: 5000 }, () => "'x'").join(' + ');
    const code = `import { entity, platformScoped } from '@capsule-guard/core';
const SUFFIX = ${terms};
@entity({ pk: 'ITEM#{id}#' + SUFFIX })
@platformScoped({ reason: 'shared' })
export class Item { id!: string }
`;
    for (const typed of [false, true]) expect(checkCode(code, { typed })).toEqual([]);
  });

  it('adds numbers in a concatenation as JavaScript does, left to right', () => {
    const code = `import { entity, platformScoped } from '@capsule-guard/core';
const PK = 1 + 2 + '#{id}' + 3 + 4;
@entity({ pk: PK })
@platformScoped({ reason: 'shared' })
export class Item { id!: string }
@entity({ pk: PK + '{' })
@platformScoped({ reason: 'shared' })
export class Broken { id!: string }
`;
    const findings = checkCode(code);
    expect(findings.map((f) => [f.messageId, f.line, f.data.template])).toEqual([['malformedTemplate', 6, '3#{id}34{']]);
  });

  it('fails closed with a reason instead of exhausting the call stack', () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `const K${i + 1} = K${i};`).join('\n');
    const code = `import { entity, platformScoped } from '@capsule-guard/core';
const K0 = 'ITEM#{id}';
${chain}
@entity({ pk: K3000 })
@platformScoped({ reason: 'shared' })
export class Item { id!: string }
`;
    const findings = checkCode(code);
    expect(findings.map((f) => [f.messageId, f.line, f.column, f.data.reason])).toEqual([
      ['unverifiableTemplate', 3003, 15, ': it is defined through more than 100 nested consts or spreads'],
    ]);
  });
});
