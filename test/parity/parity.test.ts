import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliFindings, eslintFindings, tspcFindings, tsserverFindings, type Finding } from './front-ends';

const FIXTURE = join(__dirname, 'fixture');

/** Where each SPEC bullet of the fixture is reported, and by which rule and message id. */
const EXPECTED = [
  'src/capsule-id.ts:46:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:53:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:58:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:63:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:68:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:73:14 capsule-guard/capsule-id-required',
  'src/capsule-id.ts:78:14 capsule-guard/capsule-id-required',
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
];

const locations = (findings: readonly Finding[]) => findings.map((f) => f.split(' ').slice(0, 2).join(' '));
const sorted = (findings: readonly Finding[]) => [...findings].sort();

describe('every front end reports the same findings at the same places', () => {
  let reference: Finding[];
  beforeAll(async () => {
    reference = sorted(await eslintFindings(FIXTURE, false));
  });

  it('ESLint without type information reports every SPEC case where expected', () => {
    expect(locations(reference)).toEqual(sorted(EXPECTED));
    expect(reference.find((f) => f.startsWith('src/templates.ts:21:15'))).toBe(
      "src/templates.ts:21:15 capsule-guard/isolated-key-templates Capsule-isolated entity 'PkWithoutCapsule': the pk template " +
        "'TENANT#{tenantId}#CONTRACT#{id}' has no 'CAPSULE#{capsuleId}' segment after the tenant segment, so its items leak " +
        "across capsules. Write e.g. 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'.",
    );
  });

  it('ESLint with type information (projectService) agrees', async () => {
    expect(sorted(await eslintFindings(FIXTURE, true))).toEqual(reference);
  });

  it('tspc agrees, and fails the build', async () => {
    const { findings, exitCode } = await tspcFindings(FIXTURE);
    expect(exitCode).not.toBe(0);
    expect(sorted(findings)).toEqual(reference);
  });

  it('the tsserver plugin agrees', async () => {
    expect(sorted(await tsserverFindings(FIXTURE))).toEqual(reference);
  });

  it('capsule-guard check agrees, and exits 1', async () => {
    const { findings, exitCode } = await cliFindings(FIXTURE);
    expect(exitCode).toBe(1);
    expect(sorted(findings)).toEqual(reference);
  });
});

describe.each([
  ['examples/clean', 0],
  ['examples/leaky', 13],
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

  // Without type information a type imported from another file cannot be looked into, so where the
  // typed front ends can say "no usable capsuleId", untyped ESLint says "cannot be verified": the
  // same rule at the same place, failing closed.
  it('ESLint without type information reports the same rules at the same places', async () => {
    expect(locations(sorted(await eslintFindings(project, false)))).toEqual(locations(reference));
  });
});
