import { describe, expect, it } from 'vitest';
import { checkBothModes, where } from '../testing/both-modes';
import { checkCode } from '../testing/check-code';

/**
 * How every check reads the values written in a decorator: only values that cannot change are
 * read, every indirection of a platform-scoped reason is refused, findings about a value that
 * came through a spread sit on that spread, and a value that is unknown only because type
 * information is missing says so.
 */
const KEYS_RULE = 'capsule-guard/isolated-key-templates';
const ROUTE_RULE = 'capsule-guard/explicit-route-params';
const SCOPE_RULE = 'capsule-guard/isolation-scope-required';
const IMPORTS = "import { apiEndpoint, capsuleIsolated, entity, platformScoped } from '@capsule-guard/core';";
const FIELDS = '{ tenantId!: string; capsuleId!: string; id!: string; email!: string }';
const GOOD_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}';

describe('key templates read from values that can change', () => {
  it.each([
    ['a property of a mutable object assigned to', `const KEYS = { pk: '${GOOD_PK}' };\nKEYS.pk = 'PLATFORM#X#{id}';`, '{ pk: KEYS.pk }', 15, 'KEYS.pk'],
    ['an element access of a mutable object', `const KEYS = { pk: '${GOOD_PK}' };`, "{ pk: KEYS['pk'] }", 15, "KEYS['pk']"],
    ['a const copied from a mutable object', `const KEYS = { pk: '${GOOD_PK}' };\nconst PK = KEYS.pk;`, '{ pk: PK }', 15, 'PK'],
    ['a whole mutable options object', `const OPTS = { pk: '${GOOD_PK}' };`, 'OPTS', 9, 'OPTS'],
    ['a spread of a mutable options object', `const OPTS = { pk: '${GOOD_PK}' };`, '{ ...OPTS }', 9, '{ ...OPTS }'],
    ['a mutable GSI map', `const GSI = { byEmail: { pk: '${GOOD_PK}' } };`, `{ pk: '${GOOD_PK}', gsi: GSI }`, 71, 'GSI'],
    ['a mutable GSI', `const BY_EMAIL = { pk: '${GOOD_PK}' };`, `{ pk: '${GOOD_PK}', gsi: { byEmail: BY_EMAIL } }`, 82, 'BY_EMAIL'],
    ['a property whose type is not readonly', `const KEYS: { pk: string } = { pk: '${GOOD_PK}' };`, '{ pk: KEYS.pk }', 15, 'KEYS.pk'],
    ['a shallow Readonly<…>', `const KEYS: Readonly<{ gsi: { pk: string } }> = { gsi: { pk: '${GOOD_PK}' } };`, '{ pk: KEYS.gsi.pk }', 15, 'KEYS.gsi.pk'],
    ['a frozen object', `const KEYS = Object.freeze({ pk: '${GOOD_PK}' });`, '{ pk: KEYS.pk }', 15, 'KEYS.pk'],
  ])('reports %s, in both modes', (_, before, options, column, text) => {
    const code = `${IMPORTS}\n${before}\n@entity(${options})\n@capsuleIsolated\nexport class Item ${FIELDS}\n`;
    const line = before.split('\n').length + 2;
    expect(where(checkBothModes(code))).toEqual([[KEYS_RULE, 'mutableValue', line, column, text]]);
  });

  it('says what can change and that as const fixes it', () => {
    const code = `${IMPORTS}\nconst KEYS = { pk: '${GOOD_PK}' };\n@entity({ pk: KEYS.pk })\n@capsuleIsolated\nexport class Item ${FIELDS}\n`;
    expect(checkBothModes(code)[0].message).toBe(
      "Entity 'Item': the pk template is read from a value that can change ('KEYS' is declared without 'as const' or a " +
        'readonly type, so its contents can change), so what is checked here need not be what is stored. Declare that ' +
        "object or array 'as const' (or with a readonly type), or write the value in the decorator.",
    );
  });

  it.each([
    ['an as const object', `const KEYS = { pk: '${GOOD_PK}' } as const;`, '{ pk: KEYS.pk }'],
    ['an as const options object', `const OPTS = { pk: '${GOOD_PK}', gsi: { byEmail: { pk: '${GOOD_PK}' } } } as const;`, 'OPTS'],
    ['a spread of an as const object', `const BASE = { table: 't', pk: '${GOOD_PK}' } as const;`, "{ ...BASE, sk: 'X' }"],
    ['as const with satisfies', `const KEYS = { pk: '${GOOD_PK}' } as const satisfies Record<string, string>;`, '{ pk: KEYS.pk }'],
    ['a Readonly<…> object', `const KEYS: Readonly<{ pk: string }> = { pk: '${GOOD_PK}' };`, '{ pk: KEYS.pk }'],
    ['readonly at every step', `type Gsi = { readonly pk: string };\nconst KEYS: { readonly gsi: Gsi } = { gsi: { pk: '${GOOD_PK}' } };`, `{ pk: KEYS.gsi.pk, gsi: { a: KEYS.gsi } }`],
    ['a string enum member', `enum Key { Pk = '${GOOD_PK}' }`, '{ pk: Key.Pk }'],
    ['a string-named member of a merged const enum', `const enum Key { Sk = 'X' }\nconst enum Key { 'Pk' = '${GOOD_PK}' }`, "{ pk: Key.Pk, sk: Key['Sk'] }"],
    ['consts, concatenations and templates of literals', "const T = 'TENANT#{tenantId}';\nconst C = `${T}#CAPSULE#{capsuleId}`;", "{ pk: C + '#ITEM#{id}' }"],
  ])('accepts %s, in both modes', (_, before, options) => {
    const code = `${IMPORTS}\n${before}\n@entity(${options})\n@capsuleIsolated\nexport class Item ${FIELDS}\n`;
    expect(checkBothModes(code)).toEqual([]);
  });
});

describe('a GSI that comes through a spread', () => {
  const code = (gsi: string) => `${IMPORTS}
const LEAKY_GSI = { byEmail: { pk: 'EMAIL#{email}' } } as const;
@entity({
  pk: '${GOOD_PK}',
  gsi: {
${gsi}
  },
})
@capsuleIsolated
export class Item ${FIELDS}
`;

  it('is reported on the spread, not on the GSI map', () => {
    expect(where(checkBothModes(code('    ...LEAKY_GSI,')))).toEqual([
      [KEYS_RULE, 'missingTenantSegment', 6, 5, '...LEAKY_GSI'],
      [KEYS_RULE, 'missingCapsuleSegment', 6, 5, '...LEAKY_GSI'],
    ]);
  });

  it('is reported on its own template when the spread object is written in place', () => {
    expect(where(checkBothModes(code("    ...{ byName: { pk: 'NAME#{id}' } },")))).toEqual([
      [KEYS_RULE, 'missingTenantSegment', 6, 24, "'NAME#{id}'"],
      [KEYS_RULE, 'missingCapsuleSegment', 6, 24, "'NAME#{id}'"],
    ]);
  });

  it('can be suppressed by a comment above the spread', () => {
    const suppressed = code('    // capsule-guard-ignore capsule-guard/isolated-key-templates -- a lookup shared on purpose\n    ...LEAKY_GSI,');
    expect(checkBothModes(suppressed)).toEqual([]);
  });
});

describe('route values read from values that can change', () => {
  const route = (before: string, options: string) => `${IMPORTS}
${before}
class Routes {
  @apiEndpoint(${options})
  get(id: string) { return id; }
}
`;

  it.each([
    ['a pushed parameter list', "const PARAMS = ['id'];\nPARAMS.push('extra');", "{ path: '/items/{id}', method: 'GET', pathParams: PARAMS, queryParams: [] }", 4, 66, 'PARAMS', "'pathParams' list"],
    ['a spread of a mutable list', "const PARAMS = ['id'];", "{ path: '/items/{id}', method: 'GET', pathParams: [...PARAMS], queryParams: [] }", 4, 66, '[...PARAMS]', "'pathParams' list"],
    ['a string[] query list', "const QUERY: string[] = [];", "{ path: '/items/{id}', method: 'GET', pathParams: ['id'], queryParams: QUERY }", 4, 87, 'QUERY', "'queryParams' list"],
    ['a path in a mutable object', "const PATHS = { item: '/items/{id}' };", "{ path: PATHS.item, method: 'GET', pathParams: ['id'], queryParams: [] }", 4, 24, 'PATHS.item', 'path'],
    ['a body in a mutable object', "const NAMES = { body: 'id' };", "{ path: '/items', method: 'POST', pathParams: [], queryParams: [], body: NAMES.body }", 4, 89, 'NAMES.body', 'body'],
    ['a mutable options object', "const OPTS = { path: '/items/{id}', method: 'GET', pathParams: ['id'], queryParams: [] };", 'OPTS', 4, 16, 'OPTS', '@apiEndpoint options object'],
  ])('reports %s, in both modes', (_, before, options, lineOffset, column, text, subject) => {
    const code = route(before, options);
    const line = before.split('\n').length + lineOffset - 1;
    const findings = checkBothModes(code);
    // A body that cannot be read leaves its parameter undeclared: that second finding is not the subject here.
    expect(where(findings)[0]).toEqual([ROUTE_RULE, 'mutableValue', line, column, text]);
    expect(findings[0].data.subject).toBe(subject);
  });

  it.each([
    ['an as const list', "const PARAMS = ['id'] as const;", "{ path: '/items/{id}', method: 'GET', pathParams: PARAMS, queryParams: [] }"],
    ['a readonly list', "const PARAMS: readonly string[] = ['id'];\nconst NONE: ReadonlyArray<string> = [];", "{ path: '/items/{id}', method: 'GET', pathParams: PARAMS, queryParams: NONE }"],
    ['an as const options object', "const OPTS = { path: '/items/{id}', method: 'GET', pathParams: ['id'], queryParams: [] } as const;", 'OPTS'],
    ['a spread of an as const object', "const BASE = { method: 'GET', queryParams: [] } as const;", "{ ...BASE, path: '/items/{id}', pathParams: ['id'] }"],
  ])('accepts %s, in both modes', (_, before, options) => {
    expect(checkBothModes(route(before, options))).toEqual([]);
  });
});

describe('a platform-scoped reason is written in the decorator', () => {
  const scoped = (before: string, options: string) =>
    `${IMPORTS}\n${before}\n@entity({ pk: 'SETTING#{id}' })\n@platformScoped(${options})\nexport class Setting { id!: string }\n`;

  it.each([
    ['an as const options object', "const REASON_OPTS = { reason: 'shared by every capsule' } as const;", 'REASON_OPTS'],
    ['a mutable options object', "const REASON_OPTS = { reason: 'shared by every capsule' };", 'REASON_OPTS'],
    ['a spread of an options object', "const REASON_OPTS = { reason: 'shared by every capsule' } as const;", '{ ...REASON_OPTS }'],
    ['a property of a const object', "const REASONS = { setting: 'shared by every capsule' } as const;", '{ reason: REASONS.setting }'],
    ['a const', "const REASON = 'shared by every capsule';", '{ reason: REASON }'],
    ['a template with a substitution', "const WHY = 'shared';", '{ reason: `${WHY} by every capsule` }'],
    ['an imported options object', "import { REASON_OPTS } from './reasons.js';", 'REASON_OPTS'],
  ])('refuses %s, in both modes', (_, before, options) => {
    const findings = checkBothModes(scoped(before, options));
    expect(where(findings)).toEqual([[SCOPE_RULE, 'unverifiableReason', 5, 14, 'Setting']]);
  });

  it.each([
    ['a string literal', "{ reason: 'shared by every capsule' }"],
    ['a template without substitutions', '{ reason: `shared by every capsule` }'],
    ['a spread of an object written in place', "{ ...{ reason: 'shared by every capsule' } }"],
  ])('accepts %s', (_, options) => {
    expect(checkBothModes(scoped('', options))).toEqual([]);
  });
});

describe('values unknown only because type information is missing', () => {
  const entity = (imports: string, options: string) => `${IMPORTS}\n${imports}\n@entity(${options})\n@capsuleIsolated\nexport class Item ${FIELDS}\n`;
  const keys = { 'keys.ts': `export const PK = '${GOOD_PK}';\nexport const KEYS = { pk: '${GOOD_PK}' } as const;\nexport default '${GOOD_PK}';\nexport const PARAMS = ['id'] as const;\n` };

  it.each([
    ['a named import', "import { PK } from './keys.js';", '{ pk: PK }', 15, 'PK', "'PK' is imported from './keys.js'"],
    ['a default import', "import DEFAULT_PK from './keys.js';", '{ pk: DEFAULT_PK }', 15, 'DEFAULT_PK', "'DEFAULT_PK' is the default import of './keys.js'"],
    ['a namespace import', "import * as keys from './keys.js';", '{ pk: keys.PK }', 15, 'keys.PK', "'keys' is a namespace import of './keys.js'"],
    ['a property of an imported object', "import { KEYS } from './keys.js';", '{ pk: KEYS.pk }', 15, 'KEYS.pk', "'KEYS' is imported from './keys.js'"],
    ['an imported options object', "import { KEYS } from './keys.js';", 'KEYS', 9, 'KEYS', "'KEYS' is imported from './keys.js'"],
  ])('says so for %s, and reads it with type information', (_, imports, options, column, text, reason) => {
    const code = entity(imports, options);
    const findings = checkCode(code, { files: keys });
    expect(where(findings)).toEqual([[KEYS_RULE, 'needsTypeInformation', 3, column, text]]);
    expect(findings[0].data.reason).toBe(`${reason}, and resolving it across files needs type information`);
    expect(findings[0].message).toContain("lint with type information (parserOptions.projectService) or run 'capsule-guard check'");
    expect(checkCode(code, { typed: true, files: keys })).toEqual([]);
  });

  // A call is unknown in both modes, so it keeps the message that asks for a literal.
  it('tells a leak in another module apart from a value that needs type information', () => {
    const files = { 'keys.ts': "export const PK = 'TENANT#{tenantId}#ITEM#{id}';\nexport function keyFor(kind: string) { return kind; }\n" };
    const code = `${IMPORTS}\nimport { PK, keyFor } from './keys.js';\n@entity({ pk: PK, sk: keyFor('X') })\n@capsuleIsolated\nexport class Item ${FIELDS}\n`;
    expect(where(checkCode(code, { files }))).toEqual([
      [KEYS_RULE, 'needsTypeInformation', 3, 15, 'PK'],
      [KEYS_RULE, 'unverifiableTemplate', 3, 23, "keyFor('X')"],
    ]);
    expect(where(checkCode(code, { typed: true, files }))).toEqual([
      [KEYS_RULE, 'missingCapsuleSegment', 3, 15, 'PK'],
      [KEYS_RULE, 'unverifiableTemplate', 3, 23, "keyFor('X')"],
    ]);
  });

  it('reports an object mutated in another module as mutable with type information', () => {
    const files = {
      'keys.ts': `export const KEYS = { pk: '${GOOD_PK}' };\n`,
      'mutate.ts': "import { KEYS } from './keys.js';\nKEYS.pk = 'TENANT#{tenantId}#LEAK#{id}';\n",
    };
    const code = entity("import { KEYS } from './keys.js';", '{ pk: KEYS.pk }');
    expect(where(checkCode(code, { typed: true, files }))).toEqual([[KEYS_RULE, 'mutableValue', 3, 15, 'KEYS.pk']]);
    expect(where(checkCode(code, { files }))).toEqual([[KEYS_RULE, 'needsTypeInformation', 3, 15, 'KEYS.pk']]);
  });

  it('says so for route values', () => {
    const code = `${IMPORTS}\nimport { PARAMS } from './keys.js';\nclass Routes {\n  @apiEndpoint({ path: '/items/{id}', method: 'GET', pathParams: PARAMS, queryParams: [] })\n  get(id: string) { return id; }\n}\n`;
    expect(where(checkCode(code, { files: keys }))).toEqual([[ROUTE_RULE, 'needsTypeInformation', 4, 66, 'PARAMS']]);
    expect(checkCode(code, { typed: true, files: keys })).toEqual([]);
  });

  it.each([
    ['a function', 'export default function DEFAULT_PK() { return 1; }', "'DEFAULT_PK' is a function, not a const"],
    ['a class', 'export default class DEFAULT_PK {}', "'DEFAULT_PK' is a class, not a const"],
  ])('says what a default import is when it is %s, with type information', (_, keysCode, reason) => {
    const code = entity("import DEFAULT_PK from './keys.js';", '{ pk: DEFAULT_PK }');
    const findings = checkCode(code, { typed: true, files: { 'keys.ts': keysCode } });
    expect(where(findings)).toEqual([[KEYS_RULE, 'unverifiableTemplate', 3, 15, 'DEFAULT_PK']]);
    expect(findings[0].data.reason).toBe(`: ${reason}`);
  });
});
