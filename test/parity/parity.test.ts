import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliFindings, eslintFindings, tspcFindings, tsserverFindings, type Finding } from './front-ends';

const FIXTURE = join(__dirname, 'fixture');

/** Where each SPEC bullet of the fixture is reported, and by which rule, in every front end. */
const EXPECTED = [
  'src/decorators.ts:30:16 capsule-guard/isolated-key-templates',
  'src/decorators.ts:40:2 capsule-guard/isolation-scope-required',
  'src/decorators.ts:40:15 capsule-guard/isolated-key-templates',
  'src/decorators.ts:51:76 capsule-guard/explicit-route-params',
  'src/decorators.ts:52:7 capsule-guard/explicit-route-params',
  'src/capsule-id.ts:46:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:53:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:58:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:63:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:68:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:73:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:78:14 capsule-guard/capsule-id-required',
  'src/fields.ts:36:14 capsule-guard/capsule-id-required',
  'src/fields.ts:41:14 capsule-guard/capsule-id-required',
  'src/fields.ts:46:14 capsule-guard/capsule-id-required',
  'src/fields.ts:51:14 capsule-guard/capsule-id-required',
  'src/fields.ts:56:14 capsule-guard/capsule-id-required',
  'src/fields.ts:61:14 capsule-guard/capsule-id-required',
  'src/fields.ts:63:15 capsule-guard/isolated-key-templates',
  'src/fields.ts:65:14 capsule-guard/capsule-id-required',
  'src/fields.ts:71:14 capsule-guard/capsule-id-required',
  'src/library-electrodb.ts:17:95 capsule-guard/isolated-key-templates',
  'src/library-electrodb.ts:24:20 capsule-guard/capsule-id-required',
  'src/library-electrodb.ts:31:43 capsule-guard/isolated-key-templates',
  'src/library-electrodb.ts:31:43 capsule-guard/isolated-key-templates',
  'src/library-electrodb.ts:44:20 capsule-guard/isolation-scope-required',
  'src/library-electrodb.ts:46:68 capsule-guard/isolated-key-templates',
  'src/library-electrodb.ts:54:68 capsule-guard/isolated-key-templates',
  'src/library-electrodb.ts:61:69 capsule-guard/isolated-key-templates',
  'src/library-onetable.ts:14:37 capsule-guard/isolated-key-templates',
  'src/library-onetable.ts:22:34 capsule-guard/isolated-key-templates',
  'src/library-onetable.ts:23:34 capsule-guard/isolated-key-templates',
  'src/library-typedorm.ts:9:27 capsule-guard/isolated-key-templates',
  'src/library-typedorm.ts:10:22 capsule-guard/isolated-key-templates',
  'src/library-typedorm.ts:13:14 capsule-guard/capsule-id-required',
  'src/framework-routes.ts:7:13 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:9:8 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:10:52 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:10:114 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:10:134 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:17:12 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:18:74 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:24:9 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:26:3 capsule-guard/explicit-route-params',
  'src/framework-routes.ts:27:88 capsule-guard/explicit-route-params',
  'src/key-literals.ts:3:19 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:6:10 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:10:10 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:13:51 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:14:53 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:15:70 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:16:32 capsule-guard/isolated-key-literals',
  'src/key-literals.ts:17:49 capsule-guard/isolated-key-literals',
  'src/routes.ts:28:97 capsule-guard/explicit-route-params',
  'src/routes.ts:33:105 capsule-guard/explicit-route-params',
  'src/routes.ts:38:16 capsule-guard/explicit-route-params',
  'src/routes.ts:43:24 capsule-guard/explicit-route-params',
  'src/routes.ts:43:73 capsule-guard/explicit-route-params',
  'src/routes.ts:43:73 capsule-guard/explicit-route-params',
  'src/routes.ts:43:107 capsule-guard/explicit-route-params',
  'src/routes.ts:44:34 capsule-guard/explicit-route-params',
  'src/routes.ts:48:24 capsule-guard/explicit-route-params',
  'src/routes.ts:53:24 capsule-guard/explicit-route-params',
  'src/routes.ts:59:43 capsule-guard/explicit-route-params',
  'src/routes.ts:63:101 capsule-guard/explicit-route-params',
  'src/scope.ts:23:14 capsule-guard/isolation-scope-required',
  'src/scope.ts:28:14 capsule-guard/isolation-scope-required',
  'src/scope.ts:37:14 capsule-guard/isolation-scope-required',
  'src/scope.ts:45:14 capsule-guard/isolation-scope-required',
  'src/scope.ts:53:14 capsule-guard/isolation-scope-required',
  'src/suppressions.ts:7:3 capsule-guard/valid-ignore-comments',
  'src/suppressions.ts:8:7 capsule-guard/isolated-key-templates',
  'src/suppressions.ts:17:1 capsule-guard/valid-ignore-comments',
  'src/suppressions.ts:20:1 capsule-guard/valid-ignore-comments',
  'src/templates.ts:6:18 capsule-guard/isolated-key-literals',
  'src/templates.ts:21:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:25:50 capsule-guard/isolated-key-templates',
  'src/templates.ts:29:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:33:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:37:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:41:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:45:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:49:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:49:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:53:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:57:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:61:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:65:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:69:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:73:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:77:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:81:15 capsule-guard/isolated-key-templates',
  'src/templates.ts:85:2 capsule-guard/isolated-key-templates',
  'src/templates.ts:89:15 capsule-guard/isolated-key-templates',
  'src/values-imported.ts:13:15 capsule-guard/isolated-key-templates',
  'src/values-imported.ts:17:15 capsule-guard/isolated-key-templates',
  'src/values.ts:32:15 capsule-guard/isolated-key-templates',
  'src/values.ts:44:9 capsule-guard/isolated-key-templates',
  'src/values.ts:55:5 capsule-guard/isolated-key-templates',
  'src/values.ts:55:5 capsule-guard/isolated-key-templates',
  'src/values.ts:63:14 capsule-guard/isolation-scope-required',
  'src/values.ts:69:14 capsule-guard/isolation-scope-required',
  'src/values.ts:74:66 capsule-guard/explicit-route-params',
  'src/values-mutation.ts:4:18 capsule-guard/isolated-key-literals',
  'src/values-shared.ts:3:32 capsule-guard/isolated-key-literals',
  'src/values.ts:13:11 capsule-guard/isolated-key-literals',
];

/**
 * Reported only with type information: classes whose decorators come through a local barrel.
 * Without it, the barrel's re-exports of the core are reported instead, and so are the fields of a
 * mixin's base class, which the checker alone knows.
 */
const TYPED_ONLY = [
  'src/decorators.ts:7:14 capsule-guard/isolated-key-templates',
  'src/decorators.ts:16:14 capsule-guard/isolation-scope-required',
  'src/decorators.ts:23:13 capsule-guard/explicit-route-params',
  'src/library-through-barrel.ts:6:68 capsule-guard/isolated-key-templates',
];
const UNTYPED_ONLY = [
  'src/decorators.ts:7:14 capsule-guard/isolated-key-literals',
  'src/barrel-core.ts:3:15 capsule-guard/isolation-scope-required',
  'src/barrel.ts:3:13 capsule-guard/isolation-scope-required',
  'src/fields.ts:75:15 capsule-guard/isolated-key-templates',
  'src/fields.ts:75:15 capsule-guard/isolated-key-templates',
  'src/fields.ts:77:14 capsule-guard/capsule-id-required',
  // A library barrel is not followed: the re-export, and the entity declared through it, are reported.
  'src/library-barrel.ts:2:20 capsule-guard/isolation-scope-required',
  'src/library-through-barrel.ts:3:25 capsule-guard/isolation-scope-required',
];

/**
 * Reported by every front end, worded per mode: without type information a value or type imported
 * from another file "was not checked"/"cannot be verified"; with it, it is read and the defect named.
 */
const IMPORTED_VALUES = 'src/values-imported.ts:';
const WORDED_BY_MODE = new Set(['src/fields.ts:71:14 capsule-guard/capsule-id-required']);
const NOT_CHECKED_WITHOUT_TYPES = /^src\/values-imported\.ts:\d+:15 capsule-guard\/isolated-key-templates Entity '\w+': the pk template was not checked, because '\w+' is imported from '\.\/values-shared\.js', and resolving it across files needs type information\. .*parserOptions\.projectService.*capsule-guard check/u;

const location = (finding: Finding) => finding.split(' ').slice(0, 2).join(' ');
const locations = (findings: readonly Finding[]) => findings.map(location);
const sorted = (findings: readonly Finding[]) => [...findings].sort();
/** The findings both modes report and must word identically. */
const sharedByModes = (findings: readonly Finding[]) =>
  findings.filter((f) => EXPECTED.includes(location(f)) && !f.startsWith(IMPORTED_VALUES) && !WORDED_BY_MODE.has(location(f)));

describe('every front end reports the same findings at the same places', () => {
  let untyped: Finding[];
  let typed: Finding[];
  beforeAll(async () => {
    [untyped, typed] = (await Promise.all([eslintFindings(FIXTURE, false), eslintFindings(FIXTURE, true)])).map(sorted);
  });

  it('ESLint without type information reports every SPEC case where expected', () => {
    expect(locations(untyped)).toEqual(sorted([...EXPECTED, ...UNTYPED_ONLY]));
    expect(untyped.find((f) => f.startsWith('src/templates.ts:21:15'))).toBe(
      "src/templates.ts:21:15 capsule-guard/isolated-key-templates Capsule-isolated entity 'PkWithoutCapsule': the pk template " +
        "'TENANT#{tenantId}#CONTRACT#{id}' has no 'CAPSULE#{capsuleId}' segment after the tenant segment, so its items leak " +
        "across capsules. Write e.g. 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'.",
    );
    expect(untyped.find((f) => f.startsWith('src/barrel-core.ts:3:15'))).toContain('checked only with type information');
  });

  it('without type information, says that imported values and types were not checked and how to check them', () => {
    const imported = untyped.filter((f) => f.startsWith(IMPORTED_VALUES));
    expect(imported).toHaveLength(2);
    for (const finding of imported) expect(finding).toMatch(NOT_CHECKED_WITHOUT_TYPES);
    expect(untyped.find((f) => f.startsWith('src/fields.ts:71:14'))).toContain(
      "'ImportedMaybeCapsule' is imported from './field-types', and resolving it across files needs type information",
    );
  });

  it('ESLint with type information (projectService) follows the barrels, reads what only the checker knows, and otherwise says the same', () => {
    expect(locations(typed)).toEqual(sorted([...EXPECTED, ...TYPED_ONLY]));
    expect(sharedByModes(typed)).toEqual(sharedByModes(untyped));
    expect(typed.find((f) => f.startsWith('src/fields.ts:71:14'))).toContain("('capsuleId' may be undefined)");
    expect(typed.filter((f) => f.startsWith(IMPORTED_VALUES))).toEqual([
      expect.stringMatching(/'MutatedElsewhere': the pk template is read from a value that can change \('SHARED_KEYS' is declared without 'as const'/u),
      expect.stringMatching(/'LeakyImported': the pk template 'TENANT#\{tenantId\}#L#\{id\}' has no 'CAPSULE#\{capsuleId\}' segment/u),
    ]);
  });

  it('tspc agrees with typed ESLint, and fails the build', async () => {
    const { findings, exitCode } = await tspcFindings(FIXTURE);
    expect(exitCode).not.toBe(0);
    expect(sorted(findings)).toEqual(typed);
  });

  it('the tsserver plugin agrees', async () => {
    expect(sorted(await tsserverFindings(FIXTURE))).toEqual(typed);
  });

  it('capsule-guard check agrees, and exits 1', async () => {
    const { findings, exitCode } = await cliFindings(FIXTURE);
    expect(exitCode).toBe(1);
    expect(sorted(findings)).toEqual(typed);
  });
});

describe.each([
  ['examples/clean', 0],
  ['examples/leaky', 15],
  ['examples/electrodb/clean', 0],
  ['examples/electrodb/leaky', 7],
  ['examples/onetable/clean', 0],
  ['examples/onetable/leaky', 8],
  ['examples/typedorm/clean', 0],
  ['examples/typedorm/leaky', 5],
  ['examples/nestjs/clean', 0],
  ['examples/nestjs/leaky', 8],
  ['examples/tsoa/clean', 0],
  ['examples/tsoa/leaky', 7],
  ['examples/fastify/clean', 0],
  ['examples/fastify/leaky', 6],
])('every front end agrees on %s', (example, count) => {
  const project = join(__dirname, '..', '..', example);
  let reference: Finding[];
  beforeAll(async () => {
    reference = sorted(await eslintFindings(project, true));
  });

  it(`ESLint with type information reports ${count} findings`, () => {
    expect(reference).toHaveLength(count);
  });

  it('tspc, tsserver and the CLI report exactly the same', async () => {
    const [tspc, server, cli] = await Promise.all([tspcFindings(project), tsserverFindings(project), cliFindings(project)]);
    expect(sorted(tspc.findings)).toEqual(reference);
    expect(sorted(server)).toEqual(reference);
    expect(sorted(cli.findings)).toEqual(reference);
    expect(cli.exitCode).toBe(count > 0 ? 1 : 0);
  });

  // Without type information a type imported from another file cannot be looked into (the
  // examples' branded ids, their context types), so untyped ESLint fails closed there: it reports
  // every place the typed front ends report, and besides those only "cannot be verified".
  it('ESLint without type information reports the same places, and otherwise only what it cannot verify', async () => {
    const untyped = sorted(await eslintFindings(project, false));
    expect([...new Set(locations(untyped))]).toEqual(expect.arrayContaining([...new Set(locations(reference))]));
    const extra = untyped.filter((f) => !locations(reference).includes(location(f)));
    expect(extra.filter((f) => !/cannot be verified/u.test(f))).toEqual([]);
  });
});
