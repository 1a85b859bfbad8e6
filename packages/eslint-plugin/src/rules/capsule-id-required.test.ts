import { testRule, type InvalidCase } from '../testing/rule-tester';

/**
 * A capsule-isolated OrderEntity with the given members, followed by other declarations.
 * Class-level errors are on `OrderEntity`: line 4, columns 14 to 25.
 */
function isolated(members: readonly string[], after: readonly string[] = [], heritage = ''): string {
  return [
    "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';",
    "@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })",
    '@capsuleIsolated',
    `export class OrderEntity${heritage} {`,
    ...members.map((member) => `  ${member}`),
    '}',
    ...after,
    '',
  ].join('\n');
}

const atOrderEntity = { line: 4, column: 14, endLine: 4, endColumn: 25 } as const;

/** The class has no usable capsuleId; `detail` says what was found and rejected, if anything. */
function missing(name: string, members: readonly string[], detail: string, after: readonly string[] = [], heritage = ''): InvalidCase {
  return {
    name,
    code: isolated(members, after, heritage),
    errors: [
      {
        messageId: 'missingCapsuleId',
        data: { className: 'OrderEntity', capsuleField: 'capsuleId', detail },
        ...atOrderEntity,
      },
    ],
  };
}

function unverifiable(name: string, members: readonly string[], reason: string, after: readonly string[] = [], heritage = ''): InvalidCase {
  return {
    name,
    code: isolated(members, after, heritage),
    errors: [
      {
        messageId: 'unverifiableCapsuleId',
        data: { className: 'OrderEntity', capsuleField: 'capsuleId', reason },
        ...atOrderEntity,
      },
    ],
  };
}

const IMPORT_CONTEXT = "import { EntityContext, IsolatedBase, OptionalContext } from './context';";
const IMPORT_TYPES = "import { WithCapsule, type CapsuleId, type MaybeCapsule } from './context';";

testRule('capsule-id-required', {
  valid: [
    { name: 'own definitely-assigned property', code: isolated(['capsuleId!: string;']) },
    { name: 'own property with an initializer', code: isolated(["capsuleId: string = 'DEVUS';"]) },
    { name: 'own property without a type annotation', code: isolated(["capsuleId = 'DEVUS';"]) },
    {
      name: 'own property of a branded type',
      code: isolated(['capsuleId!: CapsuleId;'], ["type CapsuleId = string & { readonly brand: 'CapsuleId' };"]),
    },
    { name: 'constructor parameter property', code: isolated(['constructor(public readonly capsuleId: string) {}']) },
    { name: 'inherited from an inline base class', code: isolated([], [], ' extends class { capsuleId!: string }') },
    { name: 'inherited from a class in a namespace of the file', code: isolated([], ['namespace Bases { export class Scoped { capsuleId!: string } }'], ' extends Bases.Scoped') },
    { name: 'inherited from a generic base given a string', code: isolated([], ['class Scoped<T> { capsuleId!: T }'], ' extends Scoped<string>') },
    { name: 'one level down in a nested namespace of the file', code: isolated(['ctx!: A.B.Capsule;'], ['namespace A.B { export interface Capsule { capsuleId: string } }']) },
    { name: 'private constructor parameter property', code: isolated(['constructor(private capsuleId: string) {}']) },
    {
      name: 'inherited from a base class',
      code: isolated([], ['class IsolatedBase { capsuleId!: string; }'], ' extends IsolatedBase'),
    },
    {
      name: "inherited from a base class's base class",
      code: isolated(
        [],
        ['class Scoped extends Root {}', 'class Root { constructor(readonly capsuleId: string) {} }'],
        ' extends Scoped',
      ),
    },
    {
      name: 'one level down through an interface',
      code: isolated(['context!: EntityContext;'], ['interface EntityContext { tenantId: string; capsuleId: string }']),
    },
    {
      name: 'one level down through an interface that inherits it',
      code: isolated(
        ['context!: EntityContext;'],
        ['interface EntityContext extends Scoped { tenantId: string }', 'interface Scoped { capsuleId: string }'],
      ),
    },
    {
      name: 'one level down through a type alias',
      code: isolated(['context!: EntityContext;'], ['type EntityContext = { capsuleId: string };']),
    },
    {
      name: 'one level down through a class',
      code: isolated(['context!: EntityContext;'], ['class EntityContext { capsuleId!: string; }']),
    },
    {
      name: 'one level down through a type literal',
      code: isolated(['context!: { tenantId: string; capsuleId: string };']),
    },
    {
      name: 'one level down through a constructor parameter property',
      code: isolated(['constructor(readonly context: EntityContext) {}'], ['interface EntityContext { capsuleId: string }']),
    },
    {
      name: 'the capsule field named by the capsuleField option',
      code: isolated(['environmentId!: string;']),
      options: [{ capsuleField: 'environmentId' }],
    },
    {
      name: 'a @platformScoped entity needs no capsuleId',
      code: [
        "import { entity, platformScoped } from '@capsule-guard/core';",
        "@entity({ pk: 'PLATFORM#TENANT#{id}' })",
        "@platformScoped({ reason: 'tenant registry is shared by all capsules' })",
        'export class TenantEntity { id!: string }',
        '',
      ].join('\n'),
    },
    {
      name: 'a @capsuleIsolated decorator from another module is not ours',
      code: [
        "import { entity } from '@capsule-guard/core';",
        "import { capsuleIsolated } from './legacy-decorators';",
        "@entity({ pk: 'ORDER#{id}' })",
        '@capsuleIsolated',
        'export class OrderEntity { id!: string }',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    missing('no capsuleId at all', ['id!: string;'], ''),
    missing('optional property', ['capsuleId?: string;'], " ('capsuleId' is optional)"),
    missing(
      'optional constructor parameter property',
      ['constructor(public capsuleId?: string) {}'],
      " ('capsuleId' is optional)",
    ),
    missing('static property', ["static capsuleId: string = 'DEVUS';"], " ('capsuleId' is static)"),
    missing('typed undefined', ['capsuleId!: undefined;'], " ('capsuleId' is typed 'undefined')"),
    missing('typed null', ['capsuleId!: null;'], " ('capsuleId' is typed 'null')"),
    missing('typed never', ['capsuleId!: never;'], " ('capsuleId' is typed 'never')"),
    missing('typed void', ['capsuleId!: void;'], " ('capsuleId' is typed 'void')"),
    missing('typed as possibly undefined', ['capsuleId!: string | undefined;'], " ('capsuleId' may be undefined)"),
    missing('typed as a parenthesised maybe type', ['capsuleId!: (string | (undefined));'], " ('capsuleId' may be undefined)"),
    missing('typed unknown', ['capsuleId!: unknown;'], " ('capsuleId' is typed 'unknown', so it may be undefined)"),
    missing('initialised to undefined', ['capsuleId = undefined;'], " ('capsuleId' is initialised to 'undefined' and has no type annotation)"),
    missing('initialised to null', ['capsuleId = null;'], " ('capsuleId' is initialised to 'null' and has no type annotation)"),
    missing(
      'inherited from a generic base given undefined',
      [],
      " ('capsuleId' is typed 'undefined')",
      ['class Scoped<TCapsule> { capsuleId!: TCapsule }'],
      ' extends Scoped<undefined>',
    ),
    missing(
      'one level down in a namespace of the file, optional',
      ['ctx!: Scopes.Capsule;'],
      " ('ctx.capsuleId' is unusable: 'capsuleId' is optional)",
      ['namespace Scopes { export interface Capsule { capsuleId?: string } }'],
    ),
    missing('inherited from an inline base class, optional', [], " ('capsuleId' is optional)", [], ' extends class { capsuleId?: string }'),
    missing('a method is not a field', ["capsuleId() { return 'DEVUS'; }"], ''),
    missing(
      'inherited but optional',
      [],
      " ('capsuleId' is optional)",
      ['class IsolatedBase { capsuleId?: string; }'],
      ' extends IsolatedBase',
    ),
    missing(
      'one level down but optional there',
      ['context!: EntityContext;'],
      " ('context.capsuleId' is unusable: 'capsuleId' is optional)",
      ['interface EntityContext { capsuleId?: string }'],
    ),
    missing(
      'one level down through an optional field',
      ['context?: EntityContext;'],
      " ('context.capsuleId' is unusable: 'context' is optional)",
      ['interface EntityContext { capsuleId: string }'],
    ),
    missing(
      'two levels down',
      ['context!: EntityContext;'],
      " ('context.scope.capsuleId' is nested more than one level deep)",
      ['interface EntityContext { scope: Scope }', 'interface Scope { capsuleId: string }'],
    ),
    {
      ...missing('a capsuleField other than capsuleId', ['capsuleId!: string;'], ''),
      options: [{ capsuleField: 'environmentId' }],
      errors: [
        {
          messageId: 'missingCapsuleId',
          data: { className: 'OrderEntity', capsuleField: 'environmentId', detail: '' },
          ...atOrderEntity,
        },
      ],
    },
    {
      name: 'a class decorated with @capsuleIsolated only (no @entity) is checked too',
      code: [
        "import { capsuleIsolated } from '@capsule-guard/core';",
        '@capsuleIsolated',
        'export class OrderView { id!: string }',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'missingCapsuleId',
          data: { className: 'OrderView', capsuleField: 'capsuleId', detail: '' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 23,
        },
      ],
    },
  ],
  typedOnly: {
    valid: [
      {
        name: 'inherited from a base class imported from another file',
        code: isolated([], [IMPORT_CONTEXT], ' extends IsolatedBase'),
      },
      {
        name: 'one level down through an interface imported from another file',
        code: isolated(['context!: EntityContext;'], [IMPORT_CONTEXT]),
      },
      { name: 'inherited from a mixin imported from another file', code: isolated([], [IMPORT_TYPES], ' extends WithCapsule(Object)') },
      { name: 'own, of a branded type imported from another file', code: isolated(['capsuleId!: CapsuleId;'], [IMPORT_TYPES]) },
    ],
    invalid: [
      missing('own, of an imported alias that may be undefined', ['capsuleId!: MaybeCapsule;'], " ('capsuleId' may be undefined)", [IMPORT_TYPES]),
      // With type information the mixin's instance type is read, and it has no capsuleId.
      missing(
        'a base class computed at run time',
        [],
        '',
        ['declare function mixin<T>(base: T): T;'],
        ' extends mixin(Object)',
      ),
      missing(
        'one level down through an imported interface where it is optional',
        ['context!: OptionalContext;'],
        " ('context.capsuleId' is unusable: 'capsuleId' is optional)",
        [IMPORT_CONTEXT],
      ),
    ],
  },
  untypedOnly: {
    invalid: [
    unverifiable(
      'a base class computed at run time',
      [],
      "its base class 'mixin(Object)' is returned by a call (a mixin), whose fields are known only with type information",
      ['declare function mixin<T>(base: T): T;'],
      ' extends mixin(Object)',
    ),
      unverifiable(
        'a mixin base class imported from another file',
        [],
        "its base class 'WithCapsule(Object)' is returned by a call (a mixin), whose fields are known only with type information",
        [IMPORT_TYPES],
        ' extends WithCapsule(Object)',
      ),
      {
        name: 'an own capsuleId typed with an alias imported from another file',
        code: isolated(['capsuleId!: MaybeCapsule;'], [IMPORT_TYPES]),
        errors: [
          {
            messageId: 'unverifiableCapsuleIdType',
            data: {
              className: 'OrderEntity',
              capsuleField: 'capsuleId',
              reason: "the type of 'capsuleId' cannot be checked: 'MaybeCapsule' is imported from './context', and resolving it across files needs type information",
            },
            ...atOrderEntity,
          },
        ],
      },
      unverifiable(
        'a base class imported from another file',
        [],
        "its base class 'IsolatedBase' cannot be resolved: 'IsolatedBase' is imported from './context', and resolving it across files needs type information",
        [IMPORT_CONTEXT],
        ' extends IsolatedBase',
      ),
      unverifiable(
        'a field whose type is imported from another file',
        ['context!: EntityContext;'],
        "the type of 'context' cannot be checked ('EntityContext' is imported from './context', and resolving it across files needs type information)",
        [IMPORT_CONTEXT],
      ),
      unverifiable(
        'a field whose imported type has it optional',
        ['context!: OptionalContext;'],
        "the type of 'context' cannot be checked ('OptionalContext' is imported from './context', and resolving it across files needs type information)",
        [IMPORT_CONTEXT],
      ),
    ],
  },
});
