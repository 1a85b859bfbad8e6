/**
 * The type-level errors the fixtures must produce, the same under TypeScript 6 and 7 and in both
 * decorator modes. A class decorator's error is reported on its expression (after the '@'); an
 * options error on the options object.
 */
import type { TypeLevelError } from './compilers';

const CLASS = 'TS1238';
const OPTIONS = 'TS2345';

/** What a class decorator's message adds for builds where a capsule-guard-ignore comment suppresses the finding. */
const suppressed = (remedy: string, seenAlso = '') =>
  `; if this is suppressed with capsule-guard-ignore${seenAlso}, which plain tsc cannot see, ${remedy}`;
const AS_STRING = "write the template 'as string': the engine still checks it";

const capsuleId = (why: string, field = 'capsuleId') =>
  `capsule-guard/capsule-id-required: a @capsuleIsolated class needs a usable '${field}' field, but ${why}; declare a required '${field}' on it, on a base class, or one level down (e.g. 'context: EntityContext')${suppressed("put '// @ts-expect-error' above this decorator too")}`;
const key = (sentence: string) => `capsule-guard/isolated-key-templates: ${sentence}${suppressed(AS_STRING)}`;
/** A missing segment: the type layer cannot tell a platform-scoped entity, so its message says what to do then. */
const leak = (sentence: string) =>
  `capsule-guard/isolated-key-templates: ${sentence}${suppressed(AS_STRING, ' or the entity is @platformScoped')}`;
const route = (sentence: string) => `capsule-guard/explicit-route-params: ${sentence}`;
const EMPTY_REASON =
  'capsule-guard/isolation-scope-required: @platformScoped needs a reason saying why every capsule may share this data; an empty reason decides nothing';

const at = (file: string, line: number, column: number, code: string, sentence: string): TypeLevelError => ({
  file,
  line,
  column,
  code,
  sentence,
});

export const INVALID: readonly TypeLevelError[] = [
  at('src/capsule-id.ts', 7, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/capsule-id.ts', 13, 2, CLASS, capsuleId("'capsuleId' is optional")),
  at('src/capsule-id.ts', 19, 2, CLASS, capsuleId("'capsuleId' is typed undefined, null or void")),
  at('src/capsule-id.ts', 24, 2, CLASS, capsuleId("'capsuleId' may be null")),
  at('src/capsule-id.ts', 29, 2, CLASS, capsuleId("'capsuleId' is typed never")),
  at('src/capsule-id.ts', 34, 2, CLASS, capsuleId("'capsuleId' is typed undefined, null or void")),
  at('src/capsule-id.ts', 39, 2, CLASS, capsuleId("'capsuleId' is static")),
  at('src/capsule-id.ts', 45, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/capsule-id.ts', 50, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/capsule-id.ts', 55, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/capsule-id.ts', 60, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/isolation.ts', 13, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#CONTRACT#{contractId}')")),
  at('src/isolation.ts', 20, 2, CLASS, leak("the GSI 'byCustomer' pk template lacks 'TENANT#{context.tenantId}' before 'CAPSULE#{context.capsuleId}', so its items leak across tenants (GSI 'byCustomer' pk: 'CAPSULE#{context.capsuleId}#CUSTOMER#{customerId}')")),
  at('src/isolation.ts', 31, 2, CLASS, leak("the GSI 'byEmail' pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (GSI 'byEmail' pk: 'TENANT#{tenantId}#CAPSULE#{tenantId}#EMAIL#{email}')")),
  at('src/isolation.ts', 43, 2, CLASS, leak("the pk template lacks 'TENANT#{tenantId}' before 'CAPSULE#{capsuleId}', so its items leak across tenants (pk: 'TENANT#acme#CAPSULE#{capsuleId}#ITEM#{id}')")),
  at('src/isolation.ts', 51, 2, CLASS, leak("the pk template lacks 'TENANT#{tenantId}' before 'CAPSULE#{capsuleId}', so its items leak across tenants (pk: 'XTENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{id}')")),
  at('src/isolation.ts', 61, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG')")),
  at('src/isolation.ts', 69, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'CAPSULE#{capsuleId}#TENANT#{tenantId}#ITEM#{id}')")),
  at('src/isolation.ts', 77, 2, CLASS, leak("the pk template lacks 'TENANT#{tenantId}' and 'CAPSULE#{capsuleId}', so its items leak across tenants and capsules (pk: 'ROLE#{id}')")),
  at('src/isolation.ts', 85, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#CAPSULE#v{capsuleId}#ITEM#{id}')")),
  at('src/isolation.ts', 93, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#ORDER#{id}')")),
  // The documented trade-off: a platform-scoped entity whose instances carry a capsule id.
  at('src/isolation.ts', 103, 2, CLASS, leak("the pk template lacks 'TENANT#{tenantId}' and 'CAPSULE#{capsuleId}', so its items leak across tenants and capsules (pk: 'PLATFORM#CAPSULES#{tenantId}')")),
  at('src/options.ts', 4, 9, OPTIONS, "'gsis' is not an option of @entity"),
  at('src/options.ts', 11, 9, OPTIONS, "'sortKey' is not an option of GSI 'byName' of @entity"),
  at('src/options.ts', 12, 17, OPTIONS, "'reviewedBy' is not an option of @platformScoped"),
  at('src/options.ts', 19, 16, OPTIONS, "'bodyParam' is not an option of @apiEndpoint"),
  at('src/placeholders.ts', 9, 2, CLASS, key("the pk template uses '{idd}' but the class has no field 'idd' (pk: 'PLATFORM#USER#{idd}')")),
  at('src/placeholders.ts', 15, 2, CLASS, key("the sk template uses '{owner.email}' but the type of 'owner' has no field 'email' (sk: 'OWNER#{owner.email}')")),
  at('src/placeholders.ts', 22, 2, CLASS, key("the GSI 'byOwner' pk template uses '{person.name}' but the class has no field 'person' (GSI 'byOwner' pk: 'OWNER#{person.name}')")),
  at('src/placeholders.ts', 29, 2, CLASS, key("the GSI 'byOwner' sk template uses '{userId}' but the class has no field 'userId' (GSI 'byOwner' sk: 'USER#{userId}')")),
  at('src/placeholders.ts', 36, 2, CLASS, key("the pk template is malformed: '{}' is an empty placeholder; name a field, e.g. '{id}' (pk: 'PLATFORM#USER#{}')")),
  at('src/placeholders.ts', 42, 2, CLASS, key("the pk template is malformed: '{{' uses double braces; a placeholder takes single braces, e.g. '{id}' (pk: 'PLATFORM#USER#{{id}}')")),
  at('src/placeholders.ts', 48, 2, CLASS, key("the pk template is malformed: '${' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{id}' (pk: 'PLATFORM#USER#${id}')")),
  at('src/placeholders.ts', 54, 2, CLASS, key("the pk template is malformed: '{owner.name.first}' nests more than one level; at most one is allowed, e.g. '{context.capsuleId}' (pk: 'PLATFORM#USER#{owner.name.first}')")),
  at('src/placeholders.ts', 60, 2, CLASS, key("the pk template is malformed: a '{' is never closed (pk: 'PLATFORM#USER#{id')")),
  at('src/placeholders.ts', 66, 2, CLASS, key("the sk template is malformed: a '}' closes no placeholder (sk: 'PROFILE}')")),
  at('src/placeholders.ts', 72, 2, CLASS, key("the pk template is malformed: '{owner.}' has an empty field name (pk: 'PLATFORM#USER#{owner.}')")),
  at('src/routes.ts', 6, 16, OPTIONS, route("pathParams declares 'query' but the path has no such placeholder; if it comes from the query string, move it to queryParams (path: '/customers/{customerId}/contracts')")),
  at('src/routes.ts', 11, 16, OPTIONS, route("path placeholder 'contractId' is not in pathParams; add 'contractId' to pathParams (path: '/customers/{customerId}/contracts/{contractId}')")),
  at('src/routes.ts', 16, 19, OPTIONS, route("path placeholder 'roleId' is not in pathParams; add 'roleId' to pathParams (path: '/roles/:roleId')")),
  at('src/routes.ts', 21, 16, OPTIONS, route("'id' appears twice in pathParams; remove the duplicate")),
  at('src/routes.ts', 26, 16, OPTIONS, route("'page' appears twice in queryParams; remove the duplicate")),
  at('src/routes.ts', 31, 16, OPTIONS, route("'id' is declared in both pathParams and queryParams; a parameter comes from one place, so keep it in one list")),
  at('src/routes.ts', 36, 16, OPTIONS, route("placeholder 'id' appears twice in the path; each path parameter has one place (path: '/roles/{id}/copy/{id}')")),
  at('src/scope.ts', 5, 17, OPTIONS, EMPTY_REASON),
  at('src/scope.ts', 11, 17, OPTIONS, EMPTY_REASON),
];

/** The project tells the type layer its engine options: fields orgId/envId, prefixes ORG/ENV, delimiter '|'. */
export const CUSTOM_OPTIONS: readonly TypeLevelError[] = [
  at('src/entities.ts', 29, 2, CLASS, leak("the pk template lacks 'ENV|{envId}' after 'ORG|{orgId}', so its items leak across capsules (pk: 'ORG|{orgId}|PAYMENT|{id}')")),
  at('src/entities.ts', 38, 2, CLASS, capsuleId("it has no 'envId'", 'envId')),
];

/** With the type-level checks switched off, only what plain typing reports: a misspelt option key. */
export const CHECKS_OFF: readonly TypeLevelError[] = [
  at('src/leaks.ts', 31, 9, OPTIONS, "'sortKey' is not an option of @entity"),
];

/** With `isolationByCapsuleId: false`, the capsule registry passes and every other check still runs. */
export const ISOLATION_RULE_OFF: readonly TypeLevelError[] = [
  at('src/entities.ts', 11, 2, CLASS, key("the pk template uses '{itemId}' but the class has no field 'itemId' (pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ITEM#{itemId}')")),
  at('src/entities.ts', 19, 2, CLASS, capsuleId("it has no 'capsuleId'")),
];

/**
 * examples/leaky under a plain tsc. Not caught at the type level (the engine catches them):
 * AccessEntity's pk is built by a function, so its type is `string`; ContractAmendmentEntity
 * lacks a scope decorator, which `@entity` cannot see; getContract's undeclared `includeLines`
 * is a parameter name, which is not part of a method's type.
 */
export const LEAKY_EXAMPLE: readonly TypeLevelError[] = [
  at('src/access.ts', 20, 2, CLASS, leak("the GSI 'byEmail' pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (GSI 'byEmail' pk: 'TENANT#{tenantId}#CAPSULE#{tenantId}#EMAIL#{email}')")),
  at('src/contract-routes.ts', 12, 16, OPTIONS, route("pathParams declares 'query' but the path has no such placeholder; if it comes from the query string, move it to queryParams (path: '/customers/{customerId}/contracts')")),
  at('src/contract-routes.ts', 36, 16, OPTIONS, route("'contractId' is declared in both pathParams and queryParams; a parameter comes from one place, so keep it in one list")),
  at('src/contracts.ts', 9, 2, CLASS, leak("the GSI 'byCustomer' pk template lacks 'TENANT#{context.tenantId}' before 'CAPSULE#{context.capsuleId}', so its items leak across tenants (GSI 'byCustomer' pk: 'CAPSULE#{context.capsuleId}#CUSTOMER#{customerId}')")),
  at('src/contracts.ts', 34, 2, CLASS, capsuleId("it has no 'capsuleId'")),
  at('src/financial-config.ts', 8, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG')")),
  at('src/revenue-schedule.ts', 11, 2, CLASS, leak("the pk template lacks 'CAPSULE#{capsuleId}' after 'TENANT#{tenantId}', so its items leak across capsules (pk: 'TENANT#{tenantId}#CONTRACT#{contractId}')")),
  at('src/tenant.ts', 7, 17, OPTIONS, EMPTY_REASON),
];

/** What the engine reports on the fixture of leaks the type layer cannot see: rule id per line. */
export const BEYOND_THE_TYPE_LAYER_ENGINE_FINDINGS: readonly string[] = [
  // A key built at run time whose tenant value is followed by anything but the capsule segment.
  '6:10 capsule-guard/isolated-key-literals',
  '11:15 capsule-guard/isolated-key-templates',
  '11:72 capsule-guard/isolated-key-templates',
  '22:14 capsule-guard/isolation-scope-required',
  '30:15 capsule-guard/isolated-key-templates',
  '46:35 capsule-guard/explicit-route-params',
  '59:14 capsule-guard/isolation-scope-required',
  '64:24 capsule-guard/explicit-route-params',
  '64:64 capsule-guard/explicit-route-params',
  '72:14 capsule-guard/capsule-id-required',
];
