import { describe, expect, it } from 'vitest';
import { checkBothModes, where } from './testing/both-modes';

const IMPORTS = "import { entity, capsuleIsolated, apiEndpoint } from '@capsule-guard/core';\nimport * as cg from '@capsule-guard/core';\n";
const FIELDS = 'tenantId!: string; capsuleId!: string; id!: string;';

describe.each([false, true])('parenthesised decorators (experimentalDecorators: %s)', (experimentalDecorators) => {
  const check = (code: string) => where(checkBothModes(IMPORTS + code, { experimentalDecorators }));

  it.each([
    ['@(entity({ … }))', "@(entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' }))\n@capsuleIsolated"],
    ['@(capsuleIsolated)', "@entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })\n@(capsuleIsolated)"],
    ['@(cg.entity(…))', "@(cg.entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' }))\n@(cg.capsuleIsolated)"],
    ['nested parentheses', "@(((entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' }))))\n@((capsuleIsolated))"],
    ['a parenthesised callee', "@((entity))({ pk: 'TENANT#{tenantId}#ITEM#{id}' })\n@(capsuleIsolated)()"],
    ['a type assertion and a non-null assertion', "@(entity as typeof entity)({ pk: 'TENANT#{tenantId}#ITEM#{id}' })\n@(capsuleIsolated!)"],
  ])('checks %s', (_, decorators) => {
    const code = `${decorators}\nexport class Item { ${FIELDS} }\n`;
    const column = code.indexOf("'TENANT") + 1;
    expect(check(code)).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 3, column, "'TENANT#{tenantId}#ITEM#{id}'"],
    ]);
  });

  it('checks a parenthesised class scope and route', () => {
    const code = `@(entity({ pk: 'ITEM#{id}' }))
export class Item { id!: string }
export class Items {
  @(apiEndpoint({ path: '/items/{id}', method: 'GET', pathParams: ['id'], queryParams: [] }))
  get(id: string, extra: string) { return id + extra; }
}
`;
    expect(check(code)).toEqual([
      ['capsule-guard/isolation-scope-required', 'missingScope', 4, 14, 'Item'],
      ['capsule-guard/explicit-route-params', 'undeclaredParameter', 7, 19, 'extra'],
    ]);
  });
});

describe('every occurrence of a decorator is checked', () => {
  it('checks a second @apiEndpoint on one method as a route of its own', () => {
    const code = `${IMPORTS}export class Items {
  @apiEndpoint({ path: '/v1/items/{id}', method: 'GET', pathParams: ['id'], queryParams: [] })
  @apiEndpoint({ path: '/v2/items/{itemId}', method: 'GET', pathParams: ['itemId'], queryParams: [] })
  get(id: string) { return id; }
}
`;
    const findings = checkBothModes(code);
    expect(where(findings)).toEqual([
      ['capsule-guard/explicit-route-params', 'notAMethodParameter', 5, 74, "'itemId'"],
      ['capsule-guard/explicit-route-params', 'undeclaredParameter', 6, 7, 'id'],
    ]);
    expect(findings.map((f) => f.data.route)).toEqual(['GET /v2/items/{itemId}', 'GET /v2/items/{itemId}']);
  });

  it('checks a second @apiEndpoint written through a namespace', () => {
    const code = `${IMPORTS}export class Items {
  @apiEndpoint({ path: '/v1/items', method: 'GET', pathParams: [], queryParams: [] })
  @cg.apiEndpoint({ path: '/v2/items', method: 'GET' })
  list() { return []; }
}
`;
    expect(where(checkBothModes(code)).map((f) => f.slice(0, 4))).toEqual([
      ['capsule-guard/explicit-route-params', 'missingList', 5, 19],
      ['capsule-guard/explicit-route-params', 'missingList', 5, 19],
    ]);
  });

  it.each([false, true])('reports two @entity on one class, and checks the templates of each (experimentalDecorators: %s)', (experimentalDecorators) => {
    const code = `${IMPORTS}@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}' })
@cg.entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })
@capsuleIsolated
export class Item { ${FIELDS} }
`;
    expect(where(checkBothModes(code, { experimentalDecorators }))).toEqual([
      ['capsule-guard/isolation-scope-required', 'duplicateEntity', 4, 2, "cg.entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })"],
      ['capsule-guard/isolated-key-templates', 'missingCapsuleSegment', 4, 18, "'TENANT#{tenantId}#ITEM#{id}'"],
    ]);
  });

  it('reports each extra @entity, also on a platform-scoped class', () => {
    const code = `${IMPORTS}@entity({ pk: 'A#{id}' })
@entity({ pk: 'B#{id}' })
@(entity({ pk: 'C#{nope}' }))
@cg.platformScoped({ reason: 'shared by every capsule' })
export class Shared { id!: string }
`;
    expect(where(checkBothModes(code))).toEqual([
      ['capsule-guard/isolation-scope-required', 'duplicateEntity', 4, 2, "entity({ pk: 'B#{id}' })"],
      ['capsule-guard/isolation-scope-required', 'duplicateEntity', 5, 2, "(entity({ pk: 'C#{nope}' }))"],
      ['capsule-guard/isolated-key-templates', 'unknownField', 5, 16, "'C#{nope}'"],
    ]);
  });
});
