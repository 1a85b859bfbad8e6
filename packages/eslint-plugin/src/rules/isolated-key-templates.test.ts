import * as path from 'node:path';
import { EXPERIMENTAL_FIXTURES, testRule, type InvalidCase, type ValidCase } from '../testing/rule-tester';

const IMPORT = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";
const FIELDS = 'tenantId!: string; capsuleId!: string; id!: string; email!: string;';
const FIELD_SUGGESTION = "'{tenantId}', '{capsuleId}', '{id}', '{email}'";
const CANONICAL_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}';

interface EntityShape {
  /** The @entity options as written, on line 2 right after `@entity(`. */
  readonly options: string;
  readonly scope?: string;
  readonly fields?: string;
  /** Declarations after the class (line 5 on). */
  readonly after?: readonly string[];
  readonly importLine?: string;
}

/** An entity on lines 1-4: import, `@entity(<options>)` (options start at column 9), scope, class. */
function entityCode({ options, scope = '@capsuleIsolated', fields = FIELDS, after = [], importLine = IMPORT }: EntityShape): string {
  return [importLine, `@entity(${options})`, scope, `export class OrderEntity { ${fields} }`, ...after, ''].join('\n');
}

/** An entity whose options are `{ pk: <pk> }`; the pk expression starts on line 2, column 15. */
const withPk = (pk: string, shape: Omit<EntityShape, 'options'> = {}) => entityCode({ ...shape, options: `{ pk: ${pk} }` });

/** Location of `text` on one line, starting at `column`. */
const at = (line: number, column: number, text: string) => ({ line, column, endLine: line, endColumn: column + text.length });
/** Location of a pk expression written by `withPk`. */
const atPk = (pk: string) => at(2, 15, pk);

const order = { className: 'OrderEntity' };
const pkData = (template: string, templateName = 'pk') => ({ ...order, templateName, template });

function valid(name: string, code: string, extra: Partial<ValidCase> = {}): ValidCase {
  return { name, code, ...extra };
}

/** The literal pk `'<template>'` lacks the tenant segment, the capsule segment or both; the fix is offered as a suggestion. */
function missingSegments(name: string, template: string, fixed: string, missing: ('tenant' | 'capsule')[]): InvalidCase {
  const literal = `'${template}'`;
  const code = withPk(literal);
  const suggestions = [{ desc: `Change the pk template to '${fixed}'`, output: code.replace(literal, `'${fixed}'`) }];
  return {
    name,
    code,
    errors: missing.map((segment) => ({
      messageId: segment === 'tenant' ? 'missingTenantSegment' : 'missingCapsuleSegment',
      data: { ...pkData(template), expected: segment === 'tenant' ? 'TENANT#{tenantId}' : 'CAPSULE#{capsuleId}', fixed },
      ...atPk(literal),
      suggestions,
    })),
  };
}

function malformed(name: string, template: string, problem: string, scope = '@capsuleIsolated'): InvalidCase {
  const literal = `'${template}'`;
  return {
    name,
    code: withPk(literal, { scope }),
    errors: [{ messageId: 'malformedTemplate', data: { ...pkData(template), problem }, ...atPk(literal) }],
  };
}

function unverifiable(name: string, pk: string, reason: string, after: readonly string[] = []): InvalidCase {
  return {
    name,
    code: withPk(pk, { after }),
    errors: [{ messageId: 'unverifiableTemplate', data: { ...order, templateName: 'pk', reason: `: ${reason}` }, ...atPk(pk) }],
  };
}

/** The pk cannot be read only because it is imported and there is no type information. */
function needsTypeInformation(name: string, pk: string, reason: string): InvalidCase {
  return {
    name,
    code: withPk(pk, { after: [IMPORT_KEYS] }),
    errors: [{ messageId: 'needsTypeInformation', data: { ...order, subject: 'pk template', reason }, ...atPk(pk) }],
  };
}

/** The pk is read from a value that can change, declared on line 5. */
function mutable(name: string, pk: string, declaration: string, reason: string): InvalidCase {
  return {
    name,
    code: withPk(pk, { after: [declaration] }),
    errors: [{ messageId: 'mutableValue', data: { ...order, subject: 'pk template', reason }, ...atPk(pk) }],
  };
}

/** An entity whose pk, on line 4, lacks the capsule segment; `comment` is on line 3. */
function suppressed(comment: string): string {
  return [IMPORT, '@entity({', `  ${comment}`, "  pk: 'TENANT#{tenantId}#ORDER#{id}',", '})', '@capsuleIsolated', `export class OrderEntity { ${FIELDS} }`, ''].join('\n');
}

const IMPORT_KEYS = "import { ISOLATED_PK, LEAKY_PK, TENANT } from './keys';";

testRule('isolated-key-templates', {
  valid: [
    valid(
      'Unicode placeholders naming Unicode fields',
      withPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#U#{naïve}#{名前}#{méta.propriétaire}#{𝑥}'", {
        fields: 'tenantId!: string; capsuleId!: string; naïve!: string; 名前!: string; méta!: { propriétaire: string }; 𝑥!: string;',
      }),
    ),
    valid('fields of an inline base class', `${IMPORT}\n@entity({ pk: '${CANONICAL_PK}' })\n@capsuleIsolated\nexport class OrderEntity extends class { tenantId!: string; capsuleId!: string } { id!: string }\n`),
    valid(
      'a context in a namespace of the file',
      withPk("'TENANT#{ctx.tenantId}#CAPSULE#{ctx.capsuleId}#ORDER#{id}'", {
        fields: 'ctx!: Scopes.Capsule; id!: string;',
        after: ['namespace Scopes { export interface Capsule { tenantId: string; capsuleId: string } }'],
      }),
    ),
    valid(
      'the SPEC example: pk and GSI pk carry both segments, in order',
      entityCode({
        options:
          "{ table: 'platform_data', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ROLE#{id}', sk: 'METADATA#v{version}', gsi: { gsi1: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'ROLE#{id}' } } }",
        fields: 'tenantId!: string; capsuleId!: string; id!: string; email!: string; version!: number;',
      }),
    ),
    valid('with scopeAtStart off, segments need not be adjacent or first', withPk("'ORG#TENANT#{tenantId}#REGION#eu#CAPSULE#{capsuleId}#ORDER#{id}'"), {
      options: [{ scopeAtStart: false }],
    }),
    valid(
      'placeholders one level down',
      withPk("'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ORDER#{id}'", {
        fields: 'context!: EntityContext; id!: string;',
        after: ['interface EntityContext { tenantId: string; capsuleId: string }'],
      }),
    ),
    valid('a template literal without substitutions', withPk(`\`${CANONICAL_PK}\``)),
    valid('a const', withPk('ORDER_PK', { after: [`const ORDER_PK = '${CANONICAL_PK}';`] })),
    valid('an `as const` const', withPk('ORDER_PK', { after: [`const ORDER_PK = '${CANONICAL_PK}' as const;`] })),
    valid(
      'a concatenation of consts and literals',
      withPk("TENANT + '#' + CAPSULE + '#ORDER#{id}'", {
        after: ["const TENANT = 'TENANT#{tenantId}';", "const CAPSULE = 'CAPSULE#{capsuleId}';"],
      }),
    ),
    valid(
      'a template literal over consts',
      withPk('`${TENANT}#${CAPSULE}#ORDER#{id}`', {
        after: ["const TENANT = 'TENANT#{tenantId}';", "const CAPSULE = 'CAPSULE#{capsuleId}';"],
      }),
    ),
    valid(
      'a const built from another const',
      withPk('ORDER_PK', { after: ["const ORDER_PK = `${SCOPE}#ORDER#{id}`;", "const SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';"] }),
    ),
    valid(
      'sk and GSI sk need no isolation segments',
      entityCode({ options: `{ pk: '${CANONICAL_PK}', sk: 'ORDER#{id}', gsi: { byEmail: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'EMAIL#{email}' } } }` }),
    ),
    valid(
      'a platform-scoped entity needs no isolation segments',
      withPk("'PLATFORM#TENANT#{id}'", {
        scope: "@platformScoped({ reason: 'tenant registry is shared by all capsules' })",
        fields: 'id!: string;',
      }),
    ),
    valid(
      'custom prefixes, delimiter and field names',
      withPk("'T|{orgId}|ENV|{envId}|ORDER|{id}'", { fields: 'orgId!: string; envId!: string; id!: string;' }),
      { options: [{ tenantField: 'orgId', capsuleField: 'envId', tenantPrefix: 'T', capsulePrefix: 'ENV', delimiter: '|' }] },
    ),
    valid(
      'an @entity decorator from another module is not ours',
      withPk("'ORDER#{{id}}'", { importLine: "import { entity, capsuleIsolated } from 'some-orm';" }),
    ),
    valid(
      'decorators through a namespace import',
      [
        "import * as cg from '@capsule-guard/core';",
        `@cg.entity({ pk: '${CANONICAL_PK}' })`,
        '@cg.capsuleIsolated',
        `export class OrderEntity { ${FIELDS} }`,
        '',
      ].join('\n'),
    ),
    valid(
      'a finding suppressed by a capsule-guard-ignore comment with a reason',
      suppressed('// capsule-guard-ignore capsule-guard/isolated-key-templates -- archive written before capsules existed'),
    ),
  ],
  invalid: [
    mutable('a property of a mutable object', 'KEYS.pk', `const KEYS = { pk: '${CANONICAL_PK}' };`, "'KEYS' is declared without 'as const' or a readonly type, so its contents can change"),
    mutable(
      'a property whose declared type is not readonly',
      'KEYS.pk',
      `const KEYS: { pk: string } = { pk: '${CANONICAL_PK}' };`,
      "the declared type of 'KEYS' does not make 'KEYS.pk' readonly; declare it 'as const'",
    ),
    {
      name: 'a capsule segment whose nested field is optional says so, instead of calling the segment missing',
      code: withPk("'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ORDER#{id}'", {
        fields: 'context!: OptionalCtx; id!: string;',
        after: ['interface OptionalCtx { tenantId: string; capsuleId?: string }'],
      }),
      errors: [
        {
          messageId: 'unusableKeyField',
          data: {
            ...pkData('TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ORDER#{id}'),
            segment: "'CAPSULE#'",
            placeholder: '{context.capsuleId}',
            reason: "'context.capsuleId' is unusable: 'capsuleId' is optional",
            field: 'capsuleId',
          },
          ...atPk("'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ORDER#{id}'"),
        },
      ],
    },
    {
      name: 'a Unicode placeholder that is no identifier is malformed',
      code: withPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#{a€}'"),
      errors: [
        {
          messageId: 'malformedTemplate',
          data: {
            ...pkData('TENANT#{tenantId}#CAPSULE#{capsuleId}#{a€}'),
            problem: "'{a€}' is not a field reference ('a€' is not an identifier)",
          },
          ...atPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#{a€}'"),
        },
      ],
    },
    {
      name: 'a capsule-guard-ignore comment without a reason suppresses nothing',
      code: suppressed('// capsule-guard-ignore capsule-guard/isolated-key-templates'),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: CANONICAL_PK },
          ...at(4, 7, "'TENANT#{tenantId}#ORDER#{id}'"),
          suggestions: [
            {
              desc: `Change the pk template to '${CANONICAL_PK}'`,
              output: suppressed('// capsule-guard-ignore capsule-guard/isolated-key-templates').replace(
                "'TENANT#{tenantId}#ORDER#{id}'",
                `'${CANONICAL_PK}'`,
              ),
            },
          ],
        },
      ],
    },
    missingSegments('a literal tenant instead of a placeholder: TENANT#acme', 'TENANT#acme#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}', ['tenant']),
    missingSegments('a prefix that only ends in TENANT: XTENANT#{tenantId}', 'XTENANT#{tenantId}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#XTENANT#{tenantId}', ['tenant']),
    missingSegments('the capsule segment holding the tenant: CAPSULE#{tenantId}', 'TENANT#{tenantId}#CAPSULE#{tenantId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}', ['capsule']),
    missingSegments('a fixed capsule: CAPSULE#DEFAULT', 'TENANT#{tenantId}#CAPSULE#DEFAULT', 'TENANT#{tenantId}#CAPSULE#{capsuleId}', ['capsule']),
    missingSegments('capsule before tenant', 'CAPSULE#{capsuleId}#TENANT#{tenantId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}', ['capsule']),
    missingSegments('no delimiter after TENANT', 'TENANT{tenantId}#CAPSULE#{capsuleId}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#TENANT{tenantId}', ['tenant']),
    missingSegments(
      'no delimiter between the segments',
      'TENANT#{tenantId}CAPSULE#{capsuleId}',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}',
      ['tenant', 'capsule'],
    ),
    missingSegments(
      'a repaired capsule value keeps the segments after it',
      'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#FINCONFIG',
      ['capsule'],
    ),
    missingSegments(
      'a capsule pair moved after the tenant pair keeps the segments after it',
      'CAPSULE#{capsuleId}#TENANT#{tenantId}#ORDER#{id}',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}',
      ['capsule'],
    ),
    missingSegments(
      'a restored delimiter keeps the segments after it',
      'TENANT#{tenantId}CAPSULE#{capsuleId}#ORDER#{id}',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}',
      ['tenant', 'capsule'],
    ),
    missingSegments('pk without CAPSULE', 'TENANT#{tenantId}#ORDER#{id}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}', ['capsule']),
    missingSegments('pk without either segment', 'ORDER#{id}', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}', ['tenant', 'capsule']),
    {
      name: 'a GSI pk without TENANT, reported on that template',
      code: entityCode({ options: `{ pk: '${CANONICAL_PK}', gsi: { byEmail: { pk: 'CAPSULE#{capsuleId}#EMAIL#{email}' } } }` }),
      errors: [
        {
          messageId: 'missingTenantSegment',
          data: {
            ...pkData('CAPSULE#{capsuleId}#EMAIL#{email}', "GSI 'byEmail' pk"),
            expected: 'TENANT#{tenantId}',
            fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}',
          },
          ...at(2, 89, "'CAPSULE#{capsuleId}#EMAIL#{email}'"),
          suggestions: [
            {
              desc: "Change the GSI 'byEmail' pk template to 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}'",
              output: entityCode({
                options: `{ pk: '${CANONICAL_PK}', gsi: { byEmail: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}' } } }`,
              }),
            },
          ],
        },
      ],
    },
    {
      name: 'a GSI without pk, reported on that index',
      code: entityCode({ options: `{ pk: '${CANONICAL_PK}', gsi: { byEmail: { sk: 'EMAIL#{email}' } } }` }),
      errors: [
        {
          messageId: 'missingGsiPk',
          data: { ...order, index: 'byEmail', example: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' },
          ...at(2, 83, "{ sk: 'EMAIL#{email}' }"),
          suggestions: [
            {
              desc: "Add pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}'",
              output: entityCode({
                options: `{ pk: '${CANONICAL_PK}', gsi: { byEmail: { sk: 'EMAIL#{email}', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' } } }`,
              }),
            },
          ],
        },
      ],
    },
    {
      name: 'a const pk is reported on the identifier inside the decorator, and no suggestion rewrites the const',
      code: withPk('ORDER_PK', { after: ["const ORDER_PK = 'TENANT#{tenantId}#ORDER#{id}';"] }),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' },
          ...atPk('ORDER_PK'),
        },
      ],
    },
    {
      name: 'a concatenation is reported on the whole expression',
      code: withPk("TENANT + '#ORDER#{id}'", { after: ["const TENANT = 'TENANT#{tenantId}';"] }),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' },
          ...atPk("TENANT + '#ORDER#{id}'"),
        },
      ],
    },
    {
      name: 'placeholders one level down must still be the tenant and capsule fields',
      code: withPk("'TENANT#{context.tenantId}#CAPSULE#{context.regionId}'", {
        fields: 'context!: EntityContext;',
        after: ['interface EntityContext { tenantId: string; capsuleId: string; regionId: string }'],
      }),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: {
            ...pkData('TENANT#{context.tenantId}#CAPSULE#{context.regionId}'),
            expected: 'CAPSULE#{context.capsuleId}',
            fixed: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}',
          },
          ...atPk("'TENANT#{context.tenantId}#CAPSULE#{context.regionId}'"),
          suggestions: [
            {
              desc: "Change the pk template to 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}'",
              output: withPk("'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}'", {
                fields: 'context!: EntityContext;',
                after: ['interface EntityContext { tenantId: string; capsuleId: string; regionId: string }'],
              }),
            },
          ],
        },
      ],
    },
    {
      name: 'a placeholder naming no field',
      code: withPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{orderId}'"),
      errors: [
        {
          messageId: 'unknownField',
          data: {
            ...pkData('TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{orderId}'),
            placeholder: '{orderId}',
            reason: "the class has no field 'orderId'",
            suggestion: FIELD_SUGGESTION,
          },
          ...atPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{orderId}'"),
        },
      ],
    },
    {
      name: 'a nested placeholder naming no field of the nested type',
      code: withPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{meta.orderId}'", {
        fields: 'tenantId!: string; capsuleId!: string; meta!: { id: string };',
      }),
      errors: [
        {
          messageId: 'unknownField',
          data: {
            ...pkData('TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{meta.orderId}'),
            placeholder: '{meta.orderId}',
            reason: "the type of 'meta' has no field 'orderId'",
            suggestion: "'{tenantId}', '{capsuleId}', '{meta}'",
          },
          ...atPk("'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{meta.orderId}'"),
        },
      ],
    },
    {
      name: 'unknown fields are errors in every template of every entity, isolated or not',
      code: entityCode({
        options: "{ pk: 'PLATFORM#{code}', sk: 'V#{version}' }",
        scope: "@platformScoped({ reason: 'shared' })",
        fields: 'id!: string;',
      }),
      errors: [
        {
          messageId: 'unknownField',
          data: { ...pkData('PLATFORM#{code}'), placeholder: '{code}', reason: "the class has no field 'code'", suggestion: "'{id}'" },
          ...at(2, 15, "'PLATFORM#{code}'"),
        },
        {
          messageId: 'unknownField',
          data: { ...pkData('V#{version}', 'sk'), placeholder: '{version}', reason: "the class has no field 'version'", suggestion: "'{id}'" },
          ...at(2, 38, "'V#{version}'"),
        },
      ],
    },
    malformed('an empty placeholder {}', `${CANONICAL_PK}#{}`, "'{}' is an empty placeholder; name a field, e.g. '{id}'"),
    malformed('an unclosed brace', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#{id', "'{' at position 39 is never closed"),
    malformed('an unopened brace', 'TENANT#{tenantId}#CAPSULE#{capsuleId}#id}', "'}' at position 41 has no matching '{'"),
    malformed(
      'JavaScript interpolation ${x} inside a string',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#${id}',
      "'${id}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{id}'",
    ),
    malformed(
      'double braces {{x}}',
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#{{id}}',
      "'{{id}}' uses double braces; a placeholder takes single braces, e.g. '{id}'",
    ),
    malformed(
      'two nesting levels {a.b.c}',
      'TENANT#{tenantId}#CAPSULE#{a.b.c}',
      "'{a.b.c}' nests 2 levels deep; at most one level is allowed, e.g. '{b.c}'",
    ),
    malformed(
      'malformed templates are errors on platform-scoped entities too',
      'PLATFORM#{}',
      "'{}' is an empty placeholder; name a field, e.g. '{id}'",
      "@platformScoped({ reason: 'shared' })",
    ),
    unverifiable('a function call fails closed', 'buildPk()', "'buildPk()' is a function call, whose result is only known at run time", [
      "function buildPk(): string { return 'TENANT#{tenantId}#CAPSULE#{capsuleId}'; }",
    ]),
    unverifiable(
      'a template literal with a function call fails closed',
      '`TENANT#{tenantId}#CAPSULE#${capsule()}`',
      "'capsule()' is a function call, whose result is only known at run time",
      ["function capsule(): string { return '{capsuleId}'; }"],
    ),
    unverifiable('a let variable fails closed', 'orderPk', "'orderPk' is declared with let or var, so its value can change", [
      `let orderPk = '${CANONICAL_PK}';`,
    ]),
    {
      name: 'missing pk, reported on the @entity call',
      code: entityCode({ options: "{ sk: 'ORDER#{id}' }" }),
      errors: [
        {
          messageId: 'missingPk',
          data: { ...order, example: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' },
          ...at(2, 2, "entity({ sk: 'ORDER#{id}' })"),
          suggestions: [
            {
              desc: "Add pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}'",
              output: entityCode({ options: "{ sk: 'ORDER#{id}', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' }" }),
            },
          ],
        },
      ],
    },
    {
      name: '@entity() without options',
      code: entityCode({ options: '' }),
      errors: [
        {
          messageId: 'missingPk',
          data: { ...order, example: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' },
          ...at(2, 2, 'entity()'),
          suggestions: [
            {
              desc: "Add pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}'",
              output: entityCode({ options: "{ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' }" }),
            },
          ],
        },
      ],
    },
    {
      name: 'options that are not statically known fail closed',
      code: entityCode({ options: 'entityOptions()' }),
      errors: [{ messageId: 'unverifiableOptions', data: order, ...at(2, 9, 'entityOptions()') }],
    },
    {
      name: 'decorators under aliases',
      code: [
        "import { entity as model, capsuleIsolated as isolated } from '@capsule-guard/core';",
        "@model({ pk: 'TENANT#{tenantId}#ORDER#{id}' })",
        '@isolated',
        `export class OrderEntity { ${FIELDS} }`,
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: CANONICAL_PK },
          ...at(2, 14, "'TENANT#{tenantId}#ORDER#{id}'"),
          suggestions: [
            {
              desc: `Change the pk template to '${CANONICAL_PK}'`,
              output: [
                "import { entity as model, capsuleIsolated as isolated } from '@capsule-guard/core';",
                `@model({ pk: '${CANONICAL_PK}' })`,
                '@isolated',
                `export class OrderEntity { ${FIELDS} }`,
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'decorators through a namespace import',
      code: [
        "import * as cg from '@capsule-guard/core';",
        "@cg.entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })",
        '@cg.capsuleIsolated',
        `export class OrderEntity { ${FIELDS} }`,
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: CANONICAL_PK },
          ...at(2, 18, "'TENANT#{tenantId}#ORDER#{id}'"),
          suggestions: [
            {
              desc: `Change the pk template to '${CANONICAL_PK}'`,
              output: [
                "import * as cg from '@capsule-guard/core';",
                `@cg.entity({ pk: '${CANONICAL_PK}' })`,
                '@cg.capsuleIsolated',
                `export class OrderEntity { ${FIELDS} }`,
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'custom prefixes, delimiter and field names shape the expected segments',
      code: withPk("'T|{orgId}|ORDER|{id}'", { fields: 'orgId!: string; envId!: string; id!: string;' }),
      options: [{ tenantField: 'orgId', capsuleField: 'envId', tenantPrefix: 'T', capsulePrefix: 'ENV', delimiter: '|' }],
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('T|{orgId}|ORDER|{id}'), expected: 'ENV|{envId}', fixed: 'T|{orgId}|ENV|{envId}|ORDER|{id}' },
          ...atPk("'T|{orgId}|ORDER|{id}'"),
          suggestions: [
            {
              desc: "Change the pk template to 'T|{orgId}|ENV|{envId}|ORDER|{id}'",
              output: withPk("'T|{orgId}|ENV|{envId}|ORDER|{id}'", { fields: 'orgId!: string; envId!: string; id!: string;' }),
            },
          ],
        },
      ],
    },
    {
      name: 'experimentalDecorators code (same syntax, compiled with the legacy option)',
      filename: path.join(EXPERIMENTAL_FIXTURES, 'file.ts'),
      code: withPk("'TENANT#{tenantId}#ORDER#{id}'"),
      errors: [
        {
          messageId: 'missingCapsuleSegment',
          data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: CANONICAL_PK },
          ...atPk("'TENANT#{tenantId}#ORDER#{id}'"),
          suggestions: [{ desc: `Change the pk template to '${CANONICAL_PK}'`, output: withPk(`'${CANONICAL_PK}'`) }],
        },
      ],
    },
  ],
  typedOnly: {
    valid: [
      valid(
        'fields of a mixin base class imported from another file',
        `${IMPORT}\nimport { WithCapsule } from './context';\n@entity({ pk: '${CANONICAL_PK}' })\n@capsuleIsolated\nexport class OrderEntity extends WithCapsule(Object) { id!: string }\n`,
      ),
      valid('a const imported from another file', withPk('ISOLATED_PK', { after: [IMPORT_KEYS] })),
      valid('a concatenation with an imported const', withPk("TENANT + '#CAPSULE#{capsuleId}#ORDER#{id}'", { after: [IMPORT_KEYS] })),
    ],
    invalid: [
      unverifiable('an undeclared name fails closed', 'ORDER_PK', "'ORDER_PK' cannot be resolved"),
      {
        name: 'an imported const that lacks the capsule segment',
        code: withPk('LEAKY_PK', { after: [IMPORT_KEYS] }),
        errors: [
          {
            messageId: 'missingCapsuleSegment',
            data: { ...pkData('TENANT#{tenantId}#ORDER#{id}'), expected: 'CAPSULE#{capsuleId}', fixed: CANONICAL_PK },
            ...atPk('LEAKY_PK'),
          },
        ],
      },
    ],
  },
  untypedOnly: {
    invalid: [
      needsTypeInformation('a const imported from another file', 'ISOLATED_PK', "'ISOLATED_PK' is imported from './keys', and resolving it across files needs type information"),
      needsTypeInformation(
        'a concatenation with an imported const',
        "TENANT + '#CAPSULE#{capsuleId}#ORDER#{id}'",
        "'TENANT' is imported from './keys', and resolving it across files needs type information",
      ),
      unverifiable('an undeclared name fails closed', 'ORDER_PK', "'ORDER_PK' is not declared in this file"),
      needsTypeInformation('an imported const that lacks the capsule segment', 'LEAKY_PK', "'LEAKY_PK' is imported from './keys', and resolving it across files needs type information"),
    ],
  },
});
