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
  return result.ok ? { ok: true, value: Object.fromEntries([...result.value].map(([k, v]) => [k, v.getText()])) } : result;
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
    ['an element access with a static key', "const KEYS = { 'p-k': 'x' };\nconst K = 'p-k';\nconst probe = KEYS[K];", 'x'],
    ['a nested const object property', "const KEYS = { role: { pk: 'ROLE#{id}' } };\nconst probe = KEYS.role.pk;", 'ROLE#{id}'],
    ['a property that comes from a spread', "const BASE = { pk: 'A' };\nconst KEYS = { ...BASE, sk: 'B' };\nconst probe = KEYS.pk;", 'A'],
    ['a shorthand property', "const pk = 'A#{id}';\nconst KEYS = { pk };\nconst probe = KEYS.pk;", 'A#{id}'],
    ['a computed property name', "const NAME = 'pk';\nconst KEYS = { [NAME]: 'A' };\nconst probe = KEYS.pk;", 'A'],
    ['the innermost declaration of a shadowed name', "const PK = 'outer';\nfunction f() {\n  const PK = 'inner';\n  const probe = PK;\n}", 'inner'],
    ['a const of an enclosing block', "const PK = 'outer';\n{\n  const probe = PK;\n}", 'outer'],
    // TypeScript stores such names escaped with a third underscore.
    ['names that start with two underscores', "const __KEYS = { __pk: 'A', ___sk: 'B' };\nconst probe = __KEYS.__pk + __KEYS.___sk;", 'AB'],
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
    ['a function name', "function PK() { return 'x'; }\nconst probe = PK;", "'PK' is not a const variable"],
    ['an undeclared name', 'const probe = NOPE;', "'NOPE' is not declared in this file"],
    [
      'an imported name',
      "import { PK } from './keys.js';\nconst probe = PK;",
      "'PK' is imported from './keys.js', and resolving it across files needs type information",
    ],
    [
      'a namespace-imported name',
      "import * as keys from './keys.js';\nconst probe = keys.PK;",
      "'keys' is imported from './keys.js', and resolving it across files needs type information",
    ],
    ['a declared const without type information', "declare const PK: 'x';\nconst probe = PK;", "'PK' is not a const with a static value"],
    ['a number', 'const probe = 42;', "'42' is a number, not a string"],
    ['a numeric enum member', 'enum Kind { Role = 1 }\nconst probe = Kind.Role;', "'Kind.Role' is a number, not a string"],
    ['an enum member without initializer', 'enum Kind { Role }\nconst probe = Kind.Role;', "enum member 'Kind.Role' has no string initializer"],
    ['a property the object does not have', "const KEYS = { pk: 'x' };\nconst probe = KEYS.sk;", "'KEYS' has no property 'sk'"],
    ['a property of a let object', "let KEYS = { pk: 'x' };\nconst probe = KEYS.pk;", "'KEYS' is declared with let or var, so its value can change"],
    ['a method of an object', "const KEYS = { pk() { return 'x'; } };\nconst probe = KEYS.pk;", "'pk' is a method or accessor, not a value"],
    ['an element access with a run-time key', "const KEYS = { pk: 'x' };\nconst probe = KEYS[key()];", "'key()' is a function call, whose result is only known at run time"],
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
    expect(stringOf('const KEYS = { pk: KEYS.pk };\nconst probe = KEYS.pk;')).toMatchObject({ ok: false, reason: expect.stringContaining('refers to itself') });
  });

  it('may use one const twice without calling it a cycle', () => {
    expect(stringOf("const A = 'x';\nconst probe = A + A;")).toEqual({ ok: true, value: 'xx' });
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
    expect(listOf("const A = ['a'];\nconst B = A;\nconst probe = B;")).toEqual({ ok: true, value: [['a', "'a'"]] });
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
    expect(listOf('const A = [...A];\nconst probe = A;')).toMatchObject({ ok: false, reason: expect.stringContaining('refers to itself') });
  });
});

describe('StaticEvaluator.properties', () => {
  it('collects properties, later ones overriding spread ones', () => {
    const code = "const BASE = { table: 't', pk: 'OLD' };\nconst probe = { ...BASE, pk: 'NEW', sk };";
    expect(propertiesOf(code)).toEqual({ ok: true, value: { table: "'t'", pk: "'NEW'", sk: 'sk' } });
  });

  it('collects string, numeric and computed property names', () => {
    const code = "const K = 'gsi2';\nconst probe = { 'gsi1': 'a', 3: 'b', [K]: 'c' };";
    expect(propertiesOf(code)).toEqual({ ok: true, value: { gsi1: "'a'", '3': "'b'", gsi2: "'c'" } });
  });

  it('resolves an object through a const', () => {
    expect(propertiesOf("const OPTS = { pk: 'A' } satisfies object;\nconst probe = OPTS;")).toEqual({ ok: true, value: { pk: "'A'" } });
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
