import { code, testRule, type InvalidCase } from '../testing/rule-tester';

const EXPECTED = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#…';
const SEGMENTS = { tenantSegment: 'TENANT#', capsuleSegment: 'CAPSULE#', expected: EXPECTED };

/**
 * One finding on `key`, which is written on line 2 from `column`; the key to write is in the
 * syntax of the key (`{tenantId}` in a template of ours, `${tenantId}` in a template literal).
 */
function invalid(name: string, source: string, messageId: string, key: string, found?: string, expected = EXPECTED): InvalidCase {
  const column = source.split('\n')[1].indexOf(key) + 1;
  return {
    name,
    code: source,
    errors: [
      {
        messageId,
        data: { ...SEGMENTS, expected, key, ...(found === undefined ? {} : { found }) },
        line: 2,
        column,
        endLine: 2,
        endColumn: column + key.length,
      },
    ],
  };
}

testRule('isolated-key-literals', {
  valid: [
    { name: 'a complete key', code: code`
      declare const tenantId: string, capsuleId: string, id: string;
      export const key = \`TENANT#\${tenantId}#CAPSULE#\${capsuleId}#ACCESS#\${id}\`;
    ` },
    { name: 'a platform key', code: "declare const id: string;\nexport const key = 'PLATFORM#TENANT#' + id;\n" },
    { name: 'a log message', code: 'declare const t: string;\nconsole.info(`no item for TENANT#${t}`);\n' },
    { name: 'a prefix fragment', code: "export const TENANT_PREFIX = 'TENANT#';\n" },
    {
      name: 'the key declaration in @entity',
      code: code`
        import { entity, platformScoped } from '@capsule-guard/core';
        @entity({ pk: 'TENANT#{id}#PROFILE' })
        @platformScoped({ reason: 'tenant profiles are shared by all capsules' })
        export class TenantProfile { id!: string }
      `,
    },
    {
      name: 'a suppressed finding',
      code: code`
        declare const t: string;
        // capsule-guard-ignore capsule-guard/isolated-key-literals -- tenant-wide audit trail, reviewed
        export const key = \`TENANT#\${t}#AUDIT\`;
      `,
    },
  ],
  invalid: [
    invalid(
      'a template literal without the capsule segment',
      'declare const tenantId: string, id: string;\nexport const key = `TENANT#${tenantId}#ACCESS#${id}`;\n',
      'missingCapsuleSegment',
      '`TENANT#${tenantId}#ACCESS#${id}`',
      "'ACCESS' follows it",
    ),
    invalid(
      'a concatenation, reported once',
      "declare const tenantId: string, id: string;\nexport const key = 'TENANT#' + tenantId + '#ACCOUNT#' + id;\n",
      'missingCapsuleSegment',
      "'TENANT#' + tenantId + '#ACCOUNT#' + id",
      "'ACCOUNT' follows it",
    ),
    invalid(
      'a literal tenant value',
      "declare const c: string;\nexport const key = 'TENANT#acme#CAPSULE#' + c;\n",
      'missingTenantValue',
      "'TENANT#acme#CAPSULE#' + c",
      "'acme'",
    ),
    invalid(
      'a literal capsule value',
      "const unused = 0;\nexport const key = 'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG';\n",
      'missingCapsuleValue',
      "'TENANT#{tenantId}#CAPSULE#DEFAULT#FINCONFIG'",
      "'DEFAULT'",
      'TENANT#{tenantId}#CAPSULE#{capsuleId}#…',
    ),
    invalid(
      'the capsule segment first',
      'declare const c: string, t: string;\nexport const key = `CAPSULE#${c}#TENANT#${t}`;\n',
      'capsuleBeforeTenant',
      '`CAPSULE#${c}#TENANT#${t}`',
    ),
    {
      ...invalid(
        'interpolation written in a plain string where the key is used',
        "declare function put(item: { pk: string }): void;\nput({ pk: 'TENANT#${t}#CAPSULE#${c}' });\n",
        'malformedKey',
        "'TENANT#${t}#CAPSULE#${c}'",
      ),
      errors: [
        {
          messageId: 'malformedKey',
          data: {
            ...SEGMENTS,
            key: "'TENANT#${t}#CAPSULE#${c}'",
            problem: "'${t}' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{t}'",
          },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 37,
        },
      ],
    },
    invalid(
      'a const resolved in a template',
      "const TENANT_PREFIX = 'TENANT#';\nexport const key = (t: string) => `${TENANT_PREFIX}${t}#ORDER`;\n",
      'missingCapsuleSegment',
      '`${TENANT_PREFIX}${t}#ORDER`',
      "'ORDER' follows it",
    ),
  ],
});
