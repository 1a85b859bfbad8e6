import * as path from 'node:path';
import { code, EXPERIMENTAL_FIXTURES, testRule } from '../testing/rule-tester';

const IMPORT = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';";

/** Error on the class name `OrderEntity` of `export class OrderEntity` on line 3. */
const atOrderEntity = { line: 3, column: 14, endLine: 3, endColumn: 25 } as const;
const order = { className: 'OrderEntity' };

/** A missing scope at `location`, whose suggestion adds `@capsuleIsolated` (as this file writes it) to give `output`. */
const missingScope = (location: object, output: string, data = order, decorator = '@capsuleIsolated') => ({
  messageId: 'missingScope',
  data,
  ...location,
  suggestions: [{ desc: `Add ${decorator}`, output }],
});

testRule('isolation-scope-required', {
  valid: [
    {
      name: '@capsuleIsolated, bare',
      code: code`
        ${IMPORT}
        @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
        @capsuleIsolated
        export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
      `,
    },
    {
      name: '@capsuleIsolated(), called',
      code: code`
        ${IMPORT}
        @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
        @capsuleIsolated()
        export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
      `,
    },
    {
      name: '@platformScoped with a literal reason',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#TENANT#{id}' })
        @platformScoped({ reason: 'tenant registry is shared by all capsules' })
        export class TenantEntity { id!: string }
      `,
    },
    {
      name: '@platformScoped with a reason written as a template literal without substitutions',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#TENANT#{id}' })
        @platformScoped({ reason: \`tenant registry is shared by all capsules\` })
        export class TenantEntity { id!: string }
      `,
    },
    {
      name: 'decorators imported under aliases',
      code: code`
        import { entity as model, capsuleIsolated as isolated } from '@capsule-guard/core';
        @model({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
        @isolated
        export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
      `,
    },
    {
      name: 'decorators through a namespace import',
      code: code`
        import * as cg from '@capsule-guard/core';
        @cg.entity({ pk: 'PLATFORM#TENANT#{id}' })
        @cg.platformScoped({ reason: 'tenant registry is shared by all capsules' })
        export class TenantEntity { id!: string }
      `,
    },
    {
      name: 'an @entity decorator from another module is not ours',
      code: code`
        import { entity } from 'some-orm';
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
    },
    {
      name: 'a local function named entity is not ours, even in a file that imports from core',
      code: code`
        import { capsuleIsolated } from '@capsule-guard/core';
        function entity(_options: unknown) { return (target: unknown) => target; }
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
        void capsuleIsolated;
      `,
    },
    {
      name: 'a type-only import of the decorators is not a use of them',
      code: code`
        import type { entity } from '@capsule-guard/core';
        declare const model: typeof entity;
        @model({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
    },
    {
      name: 'a class without @entity needs no scope',
      code: code`
        ${IMPORT}
        export class OrderService { find(id: string) { return id; } }
      `,
    },
    {
      name: 'a module outside decoratorModules is ignored',
      code: code`
        import { entity } from '@acme/entities';
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
    },
  ],
  invalid: [
    {
      name: 'neither scope',
      code: code`
        ${IMPORT}
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
      errors: [
        missingScope(atOrderEntity, code`
                ${IMPORT}
                @capsuleIsolated
                @entity({ pk: 'ORDER#{id}' })
                export class OrderEntity { id!: string }
              `),
      ],
    },
    {
      name: 'both scopes',
      code: code`
        ${IMPORT}
        @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
        @capsuleIsolated
        @platformScoped({ reason: 'shared' })
        export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
      `,
      errors: [
        {
          messageId: 'conflictingScope',
          data: order,
          line: 5, column: 14, endLine: 5, endColumn: 25,
          suggestions: [
            {
              desc: 'Remove @platformScoped',
              output: code`
                ${IMPORT}
                @entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
                @capsuleIsolated
                export class OrderEntity { tenantId!: string; capsuleId!: string; id!: string }
              `,
            },
          ],
        },
      ],
    },
    {
      name: '@platformScoped written bare, without options',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'missingReason', data: order, ...atOrderEntity }],
    },
    {
      name: '@platformScoped() without options',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped()
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'missingReason', data: order, ...atOrderEntity }],
    },
    {
      name: '@platformScoped({}) without a reason',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({})
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'missingReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'empty reason',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason: '' })
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'emptyReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'blank reason',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason: '   ' })
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'emptyReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason computed by a function call',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason: explain() })
        export class OrderEntity { id!: string }
        function explain(): string { return 'shared'; }
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason held in a let variable',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason })
        export class OrderEntity { id!: string }
        let reason = 'shared';
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason named by a const is not a literal a reviewer sees at the entity',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason: REASON })
        export class OrderEntity { id!: string }
        const REASON = 'shared';
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason held in an as const options object',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped(REASON_OPTS)
        export class OrderEntity { id!: string }
        const REASON_OPTS = { reason: 'shared' } as const;
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason spread from an options object',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ ...REASON_OPTS })
        export class OrderEntity { id!: string }
        const REASON_OPTS = { reason: 'shared' } as const;
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'reason built by concatenation is not a literal',
      code: code`
        ${IMPORT}
        @entity({ pk: 'PLATFORM#ORDER#{id}' }) @platformScoped({ reason: 'shared ' + 'by all' })
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'unverifiableReason', data: order, ...atOrderEntity }],
    },
    {
      name: 'decorators under aliases',
      code: code`
        import { entity as model } from '@capsule-guard/core';
        @model({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
      errors: [{ messageId: 'missingScope', data: order, ...atOrderEntity }],
    },
    {
      name: 'decorators through a namespace import',
      code: code`
        import * as cg from '@capsule-guard/core';
        @cg.entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' }) @cg.capsuleIsolated @cg.platformScoped({ reason: 'x' })
        export class OrderEntity { tenantId!: string; capsuleId!: string }
      `,
      errors: [
        {
          messageId: 'conflictingScope',
          data: order,
          ...atOrderEntity,
          suggestions: [
            {
              desc: 'Remove @platformScoped',
              output: code`
                import * as cg from '@capsule-guard/core';
                @cg.entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' }) @cg.capsuleIsolated
                export class OrderEntity { tenantId!: string; capsuleId!: string }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'decorators through import = require',
      code: code`
        import cg = require('@capsule-guard/core');
        @cg.entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
      errors: [
        missingScope(atOrderEntity, code`
                import cg = require('@capsule-guard/core');
                @cg.capsuleIsolated
                @cg.entity({ pk: 'ORDER#{id}' })
                export class OrderEntity { id!: string }
              `, order, '@cg.capsuleIsolated'),
      ],
    },
    {
      name: 'a module listed in decoratorModules',
      code: code`
        import { entity } from '@acme/entities';
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { id!: string }
      `,
      options: [{ decoratorModules: ['@acme/entities'] }],
      errors: [{ messageId: 'missingScope', data: order, ...atOrderEntity }],
    },
    {
      name: 'every entity of a file, each on its own class name',
      code: code`
        ${IMPORT}
        @entity({ pk: 'ORDER#{id}' }) export class OrderEntity { id!: string }
        @entity({ pk: 'INVOICE#{id}' }) export default class InvoiceEntity { id!: string }
      `,
      errors: [
        missingScope({ line: 2, column: 44, endLine: 2, endColumn: 55 }, code`
                ${IMPORT}
                @capsuleIsolated
                @entity({ pk: 'ORDER#{id}' }) export class OrderEntity { id!: string }
                @entity({ pk: 'INVOICE#{id}' }) export default class InvoiceEntity { id!: string }
              `),
        missingScope({ line: 3, column: 54, endLine: 3, endColumn: 67 }, code`
                ${IMPORT}
                @entity({ pk: 'ORDER#{id}' }) export class OrderEntity { id!: string }
                @capsuleIsolated
                @entity({ pk: 'INVOICE#{id}' }) export default class InvoiceEntity { id!: string }
              `, { className: 'InvoiceEntity' }),
      ],
    },
    {
      name: 'CRLF line endings',
      code: [IMPORT, "@entity({ pk: 'ORDER#{id}' })", 'export class OrderEntity { id!: string }', ''].join('\r\n'),
      errors: [
        missingScope(atOrderEntity, [IMPORT, '@capsuleIsolated', "@entity({ pk: 'ORDER#{id}' })", 'export class OrderEntity { id!: string }', ''].join('\r\n')),
      ],
    },
    {
      name: 'a byte order mark and a hashbang line',
      code: ['\uFEFF#!/usr/bin/env node', "import { entity } from '@capsule-guard/core';", "@entity({ pk: 'ORDER#{id}' }) export class OrderEntity { id!: string }", ''].join('\n'),
      errors: [{ messageId: 'missingScope', data: order, line: 3, column: 44, endLine: 3, endColumn: 55 }],
    },
    {
      name: 'experimentalDecorators code (same syntax, compiled with the legacy option)',
      filename: path.join(EXPERIMENTAL_FIXTURES, 'file.ts'),
      code: code`
        ${IMPORT}
        @entity({ pk: 'ORDER#{id}' })
        export class OrderEntity { constructor(@inject('id') public id: string) {} }
        declare function inject(token: string): ParameterDecorator;
      `,
      errors: [
        missingScope(atOrderEntity, code`
                ${IMPORT}
                @capsuleIsolated
                @entity({ pk: 'ORDER#{id}' })
                export class OrderEntity { constructor(@inject('id') public id: string) {} }
                declare function inject(token: string): ParameterDecorator;
              `),
      ],
    },
  ],
});
