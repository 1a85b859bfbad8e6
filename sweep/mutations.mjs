// @ts-check
/**
 * Mutated example files: every way a file in an editor or a half-finished commit can be odd
 * (truncated mid-decorator, statements and members shuffled, decorators on targets they were
 * never meant for, templates of megabytes, nesting thousands deep, cycles, CRLF, BOM), built
 * from a seed so a failure can be reproduced from its name alone.
 */
import { ts } from '../bench/typescript-project.mjs';

/**
 * @typedef {{ name: string, text: string }} NamedText a file's name and text
 * @typedef {ReturnType<typeof random>} Random
 */

/**
 * A small, fast, seedable PRNG (mulberry32).
 * @param {number} seed
 */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} max */
    int: (max) => Math.floor(next() * max),
    /**
     * @template T
     * @param {readonly T[]} items
     * @returns {T}
     */
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

export const IMPORT = "import { apiEndpoint, capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';\nimport * as cg from '@capsule-guard/core';\n";
const ISOLATED_PK = "'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}'";
const FIELDS = 'tenantId!: string; capsuleId!: string; id!: string;';
const ENTITY = `@entity({ pk: ${ISOLATED_PK} })`;
const ROUTE = "@apiEndpoint({ path: '/items/{id}', method: 'GET', pathParams: ['id'], queryParams: [] })";
const KINDS = [ENTITY, '@capsuleIsolated', "@platformScoped({ reason: 'shared' })", ROUTE, "@cg.entity({ pk: 'X' })", "@(entity({ pk: 'TENANT#{tenantId}#X#{id}' }))"];

/**
 * Local barrels of our decorators that every typed sweep project holds beside the mutated files
 * (see BARREL_FILES): one re-exporting the core under aliases and as a namespace, one a level deeper.
 */
export const BARREL_FILES = {
  'barrel.ts': "export * from '@capsule-guard/core';\nexport { entity as table, capsuleIsolated as iso, apiEndpoint as endpoint } from '@capsule-guard/core';\nexport * as ns from '@capsule-guard/core';\n",
  'barrel-deep.ts': "export * from './barrel.js';\nexport { table as deepTable } from './barrel.js';\n",
};
const BARREL_IMPORT = "import { table, iso, endpoint, ns } from './barrel.js';\nimport { deepTable, capsuleIsolated as deepIso } from './barrel-deep.js';\n";

/** Decorators reached through the barrels: checked with type information only. */
const THROUGH_BARRELS = [
  `@table({ pk: 'TENANT#{tenantId}#X#{id}' })\n@iso\nexport class ViaBarrel { ${FIELDS} }`,
  `@deepTable({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#X#{id}' })\n@deepIso\n@deepIso\nexport class ViaDeepBarrel { ${FIELDS} }`,
  `@ns.entity({ pk: 'X#{nope}' })\nexport class ViaNamespace { ${FIELDS} }`,
  `@(ns.entity({ pk: 'TENANT#{tenantId}#X#{id}' }))\n@table({ pk: 'TENANT#{tenantId}#Y#{id}' })\n@(iso)\nexport class ViaBarrelTwice { ${FIELDS} }`,
  "class ViaBarrelRoutes {\n  @endpoint({ path: '/a/{id}', method: 'GET', pathParams: ['id'] })\n  @(ns.apiEndpoint({ path: '/b/{key}', method: 'GET', pathParams: ['key'], queryParams: [] }))\n  run(id: string) { return id; }\n}",
  "export * from '@capsule-guard/core';\nexport { entity as default } from '@capsule-guard/core';",
];

/**
 * Top-level statements or class members as text slices, so they can be shuffled and rejoined.
 * @param {string} text
 * @param {(node: import('typescript').Node) => readonly import('typescript').Node[] | undefined} select
 */
function slices(text, select) {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  /** @type {(readonly import('typescript').Node[])[]} */
  const groups = [];
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    const nodes = select(node);
    if (nodes && nodes.length > 1) groups.push(nodes);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return groups;
}

/**
 * @template T
 * @param {readonly T[]} items
 * @param {Random} rng
 */
function shuffle(items, rng) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * @param {string} text
 * @param {readonly import('typescript').Node[]} nodes
 * @param {Random} rng
 */
function reorder(text, nodes, rng) {
  const start = nodes[0].getFullStart();
  const end = nodes[nodes.length - 1].getEnd();
  const parts = shuffle(
    nodes.map((node) => text.slice(node.getFullStart(), node.getEnd())),
    rng,
  );
  return text.slice(0, start) + parts.join('') + text.slice(end);
}

/**
 * Odd places and odd forms for a decorator `d`; each returns a complete file body.
 * @type {((d: string) => string)[]}
 */
const ODD_TARGETS = [
  (d) => `class OnProperty { ${d} field!: string; ${FIELDS} }`,
  (d) => `class OnGetter { ${d} get value() { return 1; } }`,
  (d) => `class OnSetter { ${d} set value(v: number) {} }`,
  (d) => `class OnAutoAccessor { ${d} accessor value = 1; }`,
  (d) => `class OnStaticMethod { ${d} static run(id: string) { return id; } }`,
  (d) => `class OnParameter { run(${d} id: string) { return id; } }`,
  (d) => `class OnParameterProperty { constructor(${d} readonly capsuleId: string) {} }`,
  (d) => `class OnPrivateMethod { ${d} #run(id: string) { return id; } }`,
  (d) => `class OnComputedName { ${d} ['run' + 1](id: string) { return id; } }`,
  (d) => `class OnOverloads { ${d} run(id: string): string; run(id: number): number; run(id: unknown) { return id as never; } }`,
  (d) => `class OnThisParameter { ${d} run(this: OnThisParameter, id: string) { return id; } }`,
  (d) => `class OnRestParameter { ${d} run(...ids: string[]) { return ids; } }`,
  (d) => `class OnDestructured { ${d} run({ id }: { id: string }, [x]: string[]) { return id + x; } }`,
  (d) => `class OnDefaults { ${d} run(id = 'x', query?: string) { return id + query; } }`,
  (d) => `const OnClassExpression = ${d} class { ${FIELDS} };`,
  (d) => `export default ${d} class { ${FIELDS} }`,
  (d) => `use(${d} class { ${FIELDS} }); function use(x: unknown) { return x; }`,
  (d) => `const onObjectMethod = { ${d} run() { return 1; } };`,
  (d) => `${d} function onFunction() {}`,
  (d) => `${d} enum OnEnum { A }`,
  (d) => `${d} interface OnInterface { id: string }`,
  (d) => `${d} type OnAlias = string;`,
  (d) => `${d} abstract class OnAbstract { abstract capsuleId: string; tenantId!: string; }`,
  (d) => `${d} declare class OnDeclare { capsuleId: string; tenantId: string; }`,
  (d) => `export ${d} class ExportFirst { ${FIELDS} }`,
  (d) => `namespace Outer.Inner { ${d} export class InNamespace { ${FIELDS} } }`,
  (d) => `function factory() { ${d} class InFunction { ${FIELDS} } return InFunction; }`,
  (d) => `class Outer { method() { return ${d} class { ${FIELDS} }; } }`,
  (d) => `${d} ${d} ${d} class Repeated { ${FIELDS} }`,
  (d) => `class RepeatedRoutes { ${d} ${ROUTE} @(${ROUTE.slice(1)}) run(id: string) { return id; } }`,
  (d) => `${d}\nclass Generic<T extends { capsuleId: string }> { context!: T; tenantId!: string; }`,
  (d) => `${d}\nclass ExtendsCall extends mixin(Object) { ${FIELDS} } function mixin<T>(base: T) { return base as never; }`,
  (d) => `${d}\nclass ExtendsSelf extends ExtendsSelf { ${FIELDS} }`,
  (d) => `${d}\nclass CycleA extends CycleB {} ${d} class CycleB extends CycleA {}`,
  (d) => `${d}\nclass WithIndex { [key: string]: string; static capsuleId: string; }`,
  (d) => `class Host { ${d} static { } }`,
  // Base classes written as expressions: a mixin (read with type information only) and inline classes.
  (d) => `${d}\nclass Mixed extends WithCapsule(Root) { id!: string } class Root {} function WithCapsule<T extends new (...a: any[]) => object>(B: T) { return class extends B { tenantId!: string; capsuleId!: string }; }`,
  (d) => `${d}\nclass InlineBase extends (class { tenantId!: string; capsuleId?: string }) { id!: string }`,
  (d) => `${d}\nclass GenericBase extends Scoped<undefined> { id!: string } class Scoped<T = string> { tenantId!: string; capsuleId!: T }`,
  (d) => `namespace Scopes.Inner { export interface Ctx { tenantId: string; capsuleId?: (string | undefined) } }\n${d}\nclass Namespaced extends Scopes.Inner.Missing { ctx!: Scopes.Inner.Ctx; capsuleId = void 0; }`,
  // Unicode names, astral ones included, as fields and placeholders.
  (d) => `${d}\nclass Ünïcödé { tenantId!: string; capsuleId!: unknown; naïve!: string; 名前!: string; 𝑥!: string; méta!: Partial<{ propriétaire: string }> }`,
];

/** Decorator calls with every odd argument shape. */
const ODD_CALLS = [
  '@entity',
  '@entity()',
  '@entity(null)',
  '@entity(undefined, 1, 2)',
  '@entity(...args)',
  "@entity({ ...{ pk: 'TENANT#{tenantId}' } })",
  "@entity({ ...spread, pk: 'X' })",
  "@entity({ ['pk']: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  '@entity({ pk })',
  "@entity({ pk() { return 'x'; } })",
  "@entity({ get pk() { return 'x'; } })",
  '@entity({ pk: 1 })',
  '@entity({ pk: `TENANT#${tenant}#CAPSULE#{capsuleId}` })',
  '@entity({ pk: `TENANT#{tenantId}#CAPSULE#{capsuleId}` })',
  "@entity({ pk: String.raw`TENANT#{tenantId}` })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' as const })",
  "@entity({ pk: ('TENANT#{tenantId}' + '#CAPSULE#{capsuleId}')! })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' satisfies string })",
  "@entity({ pk: <string>'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@entity({ pk: Keys.Pk })",
  "@entity({ pk: KEYS.pk })",
  "@entity({ pk: KEYS['pk'] })",
  "@entity({ pk: cond ? 'A' : 'B' })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}', gsi: [] })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}', gsi: { a: null } })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}', gsi: { ['x' + 'y']: { pk: 'Q' } } })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}', gsi: { a: { sk: 'x' } } })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}', gsi: GSI })",
  "@entity({ pk: '{}#{{x}}#${y}#{a.b.c}#{' })",
  "@(entity)({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@entity<any>({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@entity!({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@cg.entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@cg['entity']({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  '@cg.capsuleIsolated',
  '@cg.capsuleIsolated()',
  '@capsuleIsolated(1, 2)',
  '@capsuleIsolated.call(null)',
  '@platformScoped',
  '@platformScoped()',
  '@platformScoped({})',
  '@platformScoped({ reason: 1 })',
  '@platformScoped({ reason: `${why}` })',
  "@platformScoped({ reason: '' })",
  "@platformScoped({ reason: REASON + '!' })",
  "@(entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' }))",
  '@(capsuleIsolated)',
  "@((cg.entity))({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' })",
  "@(entity as any)({ pk: 'X#{id}' })",
  "@(apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: ['id'] }))",
  '@apiEndpoint',
  '@apiEndpoint()',
  '@apiEndpoint({})',
  "@apiEndpoint({ path: 1, method: 'GET', pathParams: 'id', queryParams: [1] })",
  "@apiEndpoint({ path: '/a/{id}/{id}/:id/{}/{ x }/{a-b}', method: 'GET', pathParams: ['id', 'id'], queryParams: ['id'] })",
  "@apiEndpoint({ path: PATH, method: 'GET', pathParams: [...PARAMS, 'id'], queryParams: QUERY })",
  "@apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: ['id'], queryParams: [], body: 1 })",
  "@apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: ['id'], queryParams: [], body: 'missing' })",
  "@apiEndpoint({ path: '/a/{id', method: 'GET', pathParams: [['id']], queryParams: [[]] })",
  "@entity({ pk: 'TENANT#{naïve}#CAPSULE#{名前}#{𝑥}#{méta.propriétaire}#{a€}' })",
  "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#{naïve}#{名前}#{𝑥}#{😀}' })",
  "@apiEndpoint({ path: '/users/{naïve}/:名前/{😀}/:𝑥', method: 'GET', pathParams: ['naïve', '名前', '𝑥'], queryParams: [] })",
];

/**
 * Values read from objects and arrays that can change, or cannot, in every place a static value
 * is read: key templates, GSIs, whole options objects, route lists and paths, platform reasons.
 * Each is a complete file body.
 */
const CHANGING_VALUES = [
  `const KEYS = { pk: ${ISOLATED_PK} };\nKEYS.pk = 'TENANT#{tenantId}#X#{id}';\n@entity({ pk: KEYS.pk, sk: KEYS['pk'] })\n@capsuleIsolated\nclass Mutated { ${FIELDS} }`,
  `const INNER = { pk: ${ISOLATED_PK} };\nconst KEYS = { inner: INNER, pk: ${ISOLATED_PK} } as const;\n@entity({ pk: KEYS.pk, sk: KEYS.inner.pk })\n@capsuleIsolated\nclass NestedMutable { ${FIELDS} }`,
  `const OPTS = { pk: ${ISOLATED_PK} };\n@entity(OPTS)\n@capsuleIsolated\nclass WholeOptions { ${FIELDS} }\n@entity({ ...OPTS })\n@capsuleIsolated\nclass SpreadOptions { ${FIELDS} }`,
  `const GSI = { a: { pk: 'EMAIL#{id}' } } as const;\nconst MUTABLE_GSI = { b: { pk: ${ISOLATED_PK} } };\n@entity({\n  pk: ${ISOLATED_PK},\n  gsi: {\n    ...GSI,\n    ...MUTABLE_GSI,\n  },\n})\n@capsuleIsolated\nclass GsiSpreads { ${FIELDS} }`,
  `const TYPED: Readonly<{ pk: string; gsi: { a: { pk: string } } }> = { pk: ${ISOLATED_PK}, gsi: { a: { pk: ${ISOLATED_PK} } } };\n@entity({ pk: TYPED.pk, gsi: TYPED.gsi })\n@capsuleIsolated\nclass ShallowReadonly { ${FIELDS} }`,
  `type Ro = { readonly pk: string };\ninterface RoI { readonly pk: string }\nconst A: Ro = { pk: ${ISOLATED_PK} };\nconst B: RoI = { pk: ${ISOLATED_PK} };\nconst C: Readonly<Record<string, string>> = { pk: ${ISOLATED_PK} };\n@entity({ pk: A.pk, sk: B.pk, gsi: { c: { pk: C.pk } } })\n@capsuleIsolated\nclass TypedReadonly { ${FIELDS} }`,
  `const FROZEN = Object.freeze({ pk: ${ISOLATED_PK} });\n@entity({ pk: FROZEN.pk })\n@capsuleIsolated\nclass Freeze { ${FIELDS} }`,
  `const PARAMS = ['id'];\nPARAMS.push('extra');\nconst READONLY: readonly string[] = ['id'];\nclass Routes {\n  @apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: PARAMS, queryParams: [] }) run(id: string) { return id; }\n  @apiEndpoint({ path: '/a/{id}', method: 'GET', pathParams: READONLY, queryParams: [...PARAMS] }) other(id: string) { return id; }\n}`,
  `const ROUTE = { path: '/a/{id}', method: 'GET', pathParams: ['id'], queryParams: [] };\nROUTE.path = '/b';\nclass Routes {\n  @apiEndpoint(ROUTE) run(id: string) { return id; }\n  @apiEndpoint({ ...ROUTE, body: ROUTE.path }) other(id: string) { return id; }\n}`,
  `const REASON_OPTS = { reason: 'shared' } as const;\nconst REASONS = { reason: 'shared' };\n@entity({ pk: 'S#{id}' })\n@platformScoped(REASON_OPTS)\nclass ReasonConst { id!: string }\n@entity({ pk: 'S#{id}' })\n@platformScoped({ ...REASONS })\nclass ReasonSpread { id!: string }`,
  `enum Key { 'Pk' = ${ISOLATED_PK} }\nenum Key { Sk = 'S' }\nconst enum Other { A = 'A' }\n@entity({ pk: Key.Pk, sk: Key.Sk + Other.A + Key.Missing })\n@capsuleIsolated\nclass Enums { ${FIELDS} }`,
  `import KEYS_DEFAULT, * as keysNs from './keys.js';\nimport { KEYS as IMPORTED } from './keys.js';\n@entity({ pk: KEYS_DEFAULT, sk: keysNs.PK, gsi: IMPORTED })\n@capsuleIsolated\nclass Imported { ${FIELDS} }`,
];

/**
 * A shape whose `n` is a nesting depth or parameter count, kept within what TypeScript itself can process.
 * @param {(n: number) => string} make
 * @returns {(n: number) => string}
 */
const hostLimited = (make) => (n) => make(Math.min(n, HOST_LIMIT));

/**
 * @param {number} count
 * @param {(i: number) => string} make
 */
const repeat = (count, make) => Array.from({ length: count }, (_, i) => make(i)).join('');

/**
 * Nesting deeper than this overflows TypeScript's own recursive parser or checker on Node's
 * default stack (measured: 300 passes, 1,000 fails), and a method with more parameters than this
 * makes TypeScript's check of its decorator grow past gigabytes (it is quadratic in them), so no
 * tool could process such a file; that is not ours to survive. Lengths (chains of constants,
 * concatenations, template segments, classes per file) are not limited: TypeScript handles them,
 * so every front end must.
 */
const HOST_LIMIT = 400;

/**
 * Files built to stress size and depth rather than shape; `n` scales them.
 * @type {Record<string, (n: number) => string>}
 */
export const STRESS = {
  'huge-template': (n) => `${ENTITY.replace(ISOLATED_PK, `'TENANT#{tenantId}#CAPSULE#{capsuleId}${repeat(n, (i) => `#SEG${i}#{id}`)}'`)}\n@capsuleIsolated\nclass Huge { ${FIELDS} }`,
  'huge-literal': (n) => `@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#${'x'.repeat(n * 200)}' })\n@capsuleIsolated\nclass HugeLiteral { ${FIELDS} }`,
  'many-placeholders': (n) => `@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}${repeat(n, () => '#{id}')}' })\n@capsuleIsolated\nclass ManyPlaceholders { ${FIELDS} }`,
  'long-concatenation': (n) => `@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}'${repeat(n, (i) => ` + '#P${i}'`)} })\n@capsuleIsolated\nclass LongConcat { ${FIELDS} }`,
  'right-nested-concatenation': hostLimited((n) => `@entity({ pk: ${repeat(n, (i) => `'#P${i}' + (`)}'TENANT#{tenantId}#CAPSULE#{capsuleId}'${')'.repeat(n)} })\n@capsuleIsolated\nclass RightConcat { ${FIELDS} }`),
  'nested-template-literal': hostLimited((n) => `@entity({ pk: ${repeat(n, () => '`A${')}'TENANT#{tenantId}#CAPSULE#{capsuleId}'${'}`'.repeat(n)} })\n@capsuleIsolated\nclass NestedTemplate { ${FIELDS} }`),
  'const-chain': (n) => `const K0 = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';\n${repeat(n, (i) => `const K${i + 1} = K${i} + '#S${i}';\n`)}@entity({ pk: K${n} })\n@capsuleIsolated\nclass ConstChain { ${FIELDS} }`,
  'const-cycle': () => `const A: string = B + '#x';\nconst B: string = A;\nconst C = C;\n@entity({ pk: A, sk: C })\n@capsuleIsolated\nclass ConstCycle { ${FIELDS} }`,
  'deep-parentheses': hostLimited((n) => `@entity({ pk: ${'('.repeat(n)}'TENANT#{tenantId}#CAPSULE#{capsuleId}'${')'.repeat(n)} })\n@capsuleIsolated\nclass DeepParens { ${FIELDS} }`),
  'deep-as-const': hostLimited((n) => `@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}'${' as const as string'.repeat(n)} })\n@capsuleIsolated\nclass DeepAs { ${FIELDS} }`),
  'deep-functions': hostLimited((n) => `${repeat(n, (i) => `function f${i}() {\n`)}${ENTITY}\n@capsuleIsolated\nclass Deep { ${FIELDS} }\n${'}\n'.repeat(n)}`),
  'deep-namespaces': hostLimited((n) => `${repeat(n, (i) => `namespace N${i} {\n`)}${ENTITY}\n@capsuleIsolated\nexport class Deep { ${FIELDS} }\n${'}\n'.repeat(n)}`),
  'deep-class-expressions': hostLimited((n) => `const Deep = ${repeat(n, () => `${ENTITY} @capsuleIsolated class { ${FIELDS} inner = `)}0${' }'.repeat(n)};`),
  'deep-object-gsi': hostLimited((n) => `@entity({ pk: ${ISOLATED_PK}, gsi: ${repeat(n, () => '{ a: ')}{ pk: 'X' }${' }'.repeat(n)} })\n@capsuleIsolated\nclass DeepGsi { ${FIELDS} }`),
  'deep-spread-options': (n) => `const O0 = { pk: ${ISOLATED_PK} };\n${repeat(n, (i) => `const O${i + 1} = { ...O${i} };\n`)}@entity(O${n})\n@capsuleIsolated\nclass DeepSpread { ${FIELDS} }`,
  'deep-context-types': (n) => `${repeat(n, (i) => `interface C${i} { next: C${i + 1}; }\n`)}interface C${n} { capsuleId: string; }\n@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}' })\n@capsuleIsolated\nclass DeepContext { tenantId!: string; context!: C0; }`,
  'recursive-context-type': () => `interface Ctx { self: Ctx; parent?: Ctx; capsuleId: Ctx }\ntype Loop = Loop2; type Loop2 = Loop;\n@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}#{loop.x}' })\n@capsuleIsolated\nclass Recursive { tenantId!: string; context!: Ctx; loop!: Loop; }`,
  'deep-base-classes': hostLimited((n) => `class B0 { tenantId!: string; capsuleId!: string; }\n${repeat(n, (i) => `class B${i + 1} extends B${i} {}\n`)}${ENTITY}\n@capsuleIsolated\nclass DeepBase extends B${n} { id!: string; }`),
  // A tenth: each entity costs TypeScript's checker far more than a segment or a constant does.
  'many-entities': (n) => repeat(Math.ceil(n / 10), (i) => `${ENTITY}\n@capsuleIsolated\nexport class E${i} { ${FIELDS} }\n`),
  'long-path': hostLimited((n) => `class Routes {\n  @apiEndpoint({ path: '${repeat(n, (i) => `/s${i}/{p${i}}`)}', method: 'GET', pathParams: [${repeat(n, (i) => `'p${i}', `)}], queryParams: [] })\n  run(${repeat(n, (i) => `p${i}: string, `)}) {}\n}`),
  'many-parameters': hostLimited((n) => `class Routes {\n  ${ROUTE}\n  run(${repeat(n, (i) => `p${i}: string, `)}) {}\n}`),
  // Five times the scale: a chain of terms no recursive walk survives, with a suppression to find after it.
  'ignore-after-long-concatenation': (n) => `const NOISE = ${repeat(n * 5, (i) => `'x${i}' + `)}'end';\n// capsule-guard-ignore capsule-guard/isolated-key-templates -- legacy key\n@entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })\n@capsuleIsolated\nclass IgnoredAfterNoise { ${FIELDS} }`,
  'deep-context-interfaces': hostLimited((n) => `interface I0 { capsuleId: string }\n${repeat(n, (i) => `interface I${i + 1} extends I${i} {}\n`)}@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{context.capsuleId}' })\n@capsuleIsolated\nclass DeepInterfaces { tenantId!: string; context!: I${n} }`),
  'many-ignore-comments': (n) => repeat(n, (i) => `// capsule-guard-ignore ${i % 3 ? 'capsule-guard/isolated-key-templates' : 'nonsense'} -- reason ${i}\n`) + `${ENTITY}\nclass Ignored { ${FIELDS} }`,
  'long-line': (n) => `${ENTITY} @capsuleIsolated class OneLine { ${FIELDS} ${repeat(n, (i) => `f${i}!: string; `)}}`,
};

/**
 * Text-level damage applied on top of a source file.
 * @type {Record<string, (text: string, rng: Random) => string>}
 */
const DAMAGE = {
  truncate: (text, rng) => text.slice(0, rng.int(text.length)),
  'truncate-in-decorator': (text, rng) => {
    const at = [...text.matchAll(/@/gu)].map((m) => m.index);
    if (at.length === 0) return text.slice(0, rng.int(text.length));
    const start = rng.pick(at);
    return text.slice(0, start + 1 + rng.int(Math.min(120, text.length - start)));
  },
  'drop-lines': (text, rng) => {
    const lines = text.split('\n');
    const from = rng.int(lines.length);
    lines.splice(from, 1 + rng.int(8));
    return lines.join('\n');
  },
  'shuffle-statements': (text, rng) => {
    const groups = slices(text, (node) => (ts.isSourceFile(node) ? node.statements : undefined));
    return groups.length > 0 ? reorder(text, groups[0], rng) : text;
  },
  'shuffle-members': (text, rng) => {
    const groups = slices(text, (node) => (ts.isClassLike(node) ? node.members : undefined));
    return groups.length > 0 ? reorder(text, rng.pick(groups), rng) : text;
  },
  'shuffle-decorators': (text, rng) => {
    const groups = slices(text, (node) => (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined));
    return groups.length > 0 ? reorder(text, rng.pick(groups), rng) : text;
  },
  'duplicate-declarations': (text) => `${text}\n${text.replace(/^import .*$/gmu, '')}`,
  'flip-character': (text, rng) => {
    const at = rng.int(text.length);
    return text.slice(0, at) + rng.pick(['{', '}', '(', ')', "'", '`', '/*', '@', '#', ',', '\\', '\u2028']) + text.slice(at + 1);
  },
  crlf: (text) => text.replace(/\r?\n/gu, '\r\n'),
  bom: (text) => `\uFEFF${text}`,
  hashbang: (text) => `#!/usr/bin/env node\n${text}`,
  'strip-imports': (text) => text.replace(/^import .*$/gmu, ''),
  'parenthesise-decorators': (text) => text.replace(/@((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)/gu, '@($1)'),
  'import-through-barrel': (text) => text.replaceAll("from '@capsule-guard/core'", "from './barrel-deep.js'"),
  'alias-imports': (text) =>
    text.replace(/import \{([^}]*)\} from '@capsule-guard\/core';/gu, (_, /** @type {string} */ names) =>
      `import { ${names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => (n.includes(' as ') ? n : `${n} as ${n}Alias`)).join(', ')} } from '@capsule-guard/core';\n${names.split(',').map((n) => n.trim()).filter((n) => n && !n.includes(' as ')).map((n) => `const ${n} = ${n}Alias;`).join('\n')}`,
    ),
};

/**
 * `count` mutated files from `sources` ({ name, text }[]), deterministic for a seed. The first
 * files cover every odd target, changing value, odd call and stress shape once; the rest damage
 * random sources.
 * `scale` sizes the stress files (templates of `scale` segments, nesting `scale` deep).
 * @param {NamedText[]} sources
 * @param {{ count: number, seed?: number, scale?: number }} options
 * @returns {NamedText[]}
 */
export function mutatedCorpus(sources, { count, seed = 1, scale = 2000 }) {
  const rng = random(seed);
  /** @type {NamedText[]} */
  const files = [];
  /**
   * @param {string} name
   * @param {string} text
   */
  const add = (name, text) => {
    if (files.length < count) files.push({ name: `${String(files.length).padStart(5, '0')}-${name}.ts`, text });
  };
  for (const [name, make] of Object.entries(STRESS)) add(`stress-${name}`, IMPORT + make(scale));
  // Each odd target once with one of our decorators, then the odd calls, then every other pairing.
  ODD_TARGETS.forEach((target, i) => add(`odd-target-${i}-${i % KINDS.length}`, IMPORT + target(KINDS[i % KINDS.length])));
  THROUGH_BARRELS.forEach((code, i) => add(`barrel-${i}`, IMPORT + BARREL_IMPORT + code));
  CHANGING_VALUES.forEach((body, i) => add(`changing-value-${i}`, IMPORT + body));
  ODD_CALLS.forEach((call, i) => add(`odd-call-${i}`, `${IMPORT}${call}\n${call.includes('apiEndpoint') ? `class Routes { ${call} run(id: string) { return id; } }` : `class OddCall${i} { ${FIELDS} }`}`));
  ODD_TARGETS.forEach((target, i) =>
    KINDS.forEach((kind, k) => {
      if (k !== i % KINDS.length) add(`odd-target-${i}-${k}`, IMPORT + target(kind));
    }),
  );
  const damages = Object.entries(DAMAGE);
  while (files.length < count) {
    const source = rng.pick(sources);
    let text = source.text;
    /** @type {string[]} */
    const applied = [];
    for (let steps = 1 + rng.int(3); steps > 0; steps--) {
      const [name, damage] = rng.pick(damages);
      text = damage(text, rng);
      applied.push(name);
    }
    const stem = source.name.replace(/\.ts$/u, '').replace(/[^\w-]+/gu, '_');
    add(`${stem}-${applied.join('+')}`, text);
  }
  return files;
}
