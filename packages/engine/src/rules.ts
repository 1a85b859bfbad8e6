/**
 * The rule catalog: every rule id, its TypeScript diagnostic code, its description and its
 * message templates. Every front end reads messages from here, so a message is written once.
 * Templates use ESLint's `{{name}}` placeholder syntax so ESLint can format them itself.
 */

export const RULE_PREFIX = 'capsule-guard';

/** The project's home page; rule documentation lives below it. */
export const HOMEPAGE_URL = 'https://github.com/capsule-guard/capsule-guard';

/** Where a rule is documented, for ESLint's `docs.url`, SARIF's `helpUri` and messages. */
export function docsUrl(rule: RuleName): string {
  return `${HOMEPAGE_URL}/blob/main/packages/eslint-plugin/docs/rules/${rule}.md`;
}

/** Every rule can fail internally; the failure is reported, never thrown at the host tool. */
const INTERNAL_ERROR = {
  internalError:
    "capsule-guard could not finish checking '{{fileName}}' for {{ruleId}} ({{error}}). The file was not verified; please report this with the file's code.",
} as const;

export const RULES = {
  'isolation-scope-required': {
    code: 990001,
    description:
      'Every @entity class declares its scope: @capsuleIsolated or @platformScoped({ reason }).',
    messages: {
      ...INTERNAL_ERROR,
      missingScope:
        "Entity '{{className}}' declares no isolation scope. Add @capsuleIsolated (data belongs to one tenant's capsule) or @platformScoped({ reason: '…' }) if it is truly shared by all capsules. When in doubt: isolate it.",
      conflictingScope:
        "Entity '{{className}}' is both @capsuleIsolated and @platformScoped. Keep exactly one: remove @platformScoped unless the data is shared by all capsules.",
      missingReason:
        "Entity '{{className}}' is @platformScoped without a reason. Write @platformScoped({ reason: 'why every capsule may share this data' }).",
      emptyReason:
        "Entity '{{className}}' is @platformScoped with an empty reason. Write a non-empty reason saying why every capsule may share this data.",
      unverifiableReason:
        "Entity '{{className}}' is @platformScoped with a reason that is not a string literal written in the decorator. The reason is reviewed where the entity is declared: write @platformScoped({ reason: '…' }) with the reason itself, not a const, an options object, a spread or a computed string.",
      duplicateEntity:
        "Entity '{{className}}' has more than one @entity decorator. An entity has one table and one set of keys: keep one @entity and remove this one.",
      uncheckedReexport:
        "This module re-exports capsule-guard decorators ({{names}}). Classes that import them from here are checked only with type information (ESLint with parserOptions.projectService, tspc, the editor plugin, capsule-guard check) or when this module is listed in the decoratorModules option. List it there, or import the decorators from @capsule-guard/core directly.",
    },
  },
  'capsule-id-required': {
    code: 990002,
    description:
      'A @capsuleIsolated class has a usable capsuleId: own, constructor parameter property, inherited, or one nested level down.',
    messages: {
      ...INTERNAL_ERROR,
      missingCapsuleId:
        "Capsule-isolated class '{{className}}' has no usable '{{capsuleField}}' field{{detail}}. Declare '{{capsuleField}}!: CapsuleId;' on the class or one level down (e.g. 'context: EntityContext' whose type has a required '{{capsuleField}}').",
      unverifiableCapsuleId:
        "Capsule-isolated class '{{className}}' declares no '{{capsuleField}}' field in this file, and whether it has one cannot be verified: {{reason}}. Declare '{{capsuleField}}!: CapsuleId;' in this class, or lint with type information (parserOptions.projectService) so other files are read.",
      unverifiableCapsuleIdType:
        "Capsule-isolated class '{{className}}': whether its '{{capsuleField}}' field can hold a capsule id cannot be verified: {{reason}}. Write the field's type in this file (e.g. '{{capsuleField}}!: string'), or lint with type information (parserOptions.projectService) so other files are read.",
    },
  },
  'isolated-key-templates': {
    code: 990003,
    description:
      'Partition keys of capsule-isolated entities contain TENANT#{…} and CAPSULE#{…} segments (at the start, with scopeAtStart); every key template is well-formed, static and names existing fields.',
    messages: {
      ...INTERNAL_ERROR,
      missingPk:
        "Entity '{{className}}' has no 'pk' template in @entity. Add pk: '{{example}}'.",
      unverifiableOptions:
        "Entity '{{className}}': the @entity options are not a statically known object literal, so its key templates cannot be checked. Write the options as an object literal in the decorator.",
      missingGsiPk:
        "Entity '{{className}}': GSI '{{index}}' has no 'pk' template. Add pk: '{{example}}'.",
      unverifiableTemplate:
        "Entity '{{className}}': the {{templateName}} template cannot be resolved statically{{reason}}. Use a string literal, a const, or a concatenation of those.",
      mutableValue:
        "Entity '{{className}}': the {{subject}} is read from a value that can change ({{reason}}), so what is checked here need not be what is stored. Declare that object or array 'as const' (or with a readonly type), or write the value in the decorator.",
      needsTypeInformation:
        "Entity '{{className}}': the {{subject}} was not checked, because {{reason}}. This is a limit of linting without type information, not a problem found in the value: lint with type information (parserOptions.projectService) or run 'capsule-guard check', which read other modules.",
      malformedTemplate:
        "Entity '{{className}}': the {{templateName}} template '{{template}}' is malformed: {{problem}}. Placeholders are written '{field}' or '{context.field}'.",
      unknownField:
        "Entity '{{className}}': the {{templateName}} template '{{template}}' uses placeholder '{{placeholder}}' but {{reason}}. Use one of the class's fields, e.g. {{suggestion}}.",
      unverifiableField:
        "Entity '{{className}}': the {{templateName}} template '{{template}}' uses {{placeholders}}, which cannot be verified because {{reason}}. Declare the type in this file, or lint with type information (parserOptions.projectService).",
      missingTenantSegment:
        "Capsule-isolated entity '{{className}}': the {{templateName}} template '{{template}}' has no '{{expected}}' segment, so its items leak across tenants. Write e.g. '{{fixed}}'.",
      missingCapsuleSegment:
        "Capsule-isolated entity '{{className}}': the {{templateName}} template '{{template}}' has no '{{expected}}' segment after the tenant segment, so its items leak across capsules. Write e.g. '{{fixed}}'.",
      unusableKeyField:
        "Capsule-isolated entity '{{className}}': the {{templateName}} template '{{template}}' takes its {{segment}} segment from '{{placeholder}}', which cannot hold a key: {{reason}}. Make '{{field}}' a required field whose type has no undefined or null (e.g. '{{field}}: string', not optional, not in Partial<…>).",
      scopeNotAtStart:
        "Capsule-isolated entity '{{className}}': the {{templateName}} template '{{template}}' does not begin with '{{expected}}', so an IAM dynamodb:LeadingKeys condition cannot confine its items to one capsule. Write e.g. '{{fixed}}', or set the option scopeAtStart to false.",
    },
  },
  'explicit-route-params': {
    code: 990004,
    description:
      'Every @apiEndpoint declares its path and query parameters explicitly, without duplicates, matching the path and the method signature.',
    messages: {
      ...INTERNAL_ERROR,
      unverifiableOptions:
        "Route {{route}}: the @apiEndpoint options are not a statically known object literal ({{reason}}). Write them as an object literal in the decorator.",
      missingPath: "Route {{route}} has no 'path'. Add path: '/resource/{id}'.",
      unverifiablePath:
        "Route {{route}}: the path cannot be resolved statically{{reason}}. Use a string literal, a const, or a concatenation of those.",
      mutableValue:
        "Route {{route}}: the {{subject}} is read from a value that can change ({{reason}}), so what is checked here need not be what is used. Declare that object or array 'as const' (or with a readonly type), or write the value in the decorator.",
      needsTypeInformation:
        "Route {{route}}: the {{subject}} was not checked, because {{reason}}. This is a limit of linting without type information, not a problem found in the value: lint with type information (parserOptions.projectService) or run 'capsule-guard check', which read other modules.",
      malformedPath: "Route {{route}}: the path '{{path}}' is malformed: {{problem}}.",
      duplicatePlaceholder:
        "Route {{route}}: placeholder '{{name}}' appears twice in the path '{{path}}'. Each path parameter has one place; rename one of them.",
      missingList:
        "Route {{route}} does not declare '{{list}}'. Nothing is inferred: add {{list}}: [{{names}}] (an empty array if there are none).",
      unverifiableList:
        "Route {{route}}: '{{list}}' cannot be resolved statically{{reason}}. Use an array literal of strings, or a const of one.",
      duplicateInList: "Route {{route}}: '{{name}}' appears twice in {{list}}. Remove the duplicate.",
      inBothLists:
        "Route {{route}}: '{{name}}' is declared in both pathParams and queryParams. A parameter comes from one place: keep it only in {{keepIn}}.",
      placeholderNotDeclared:
        "Route {{route}}: path placeholder '{{name}}' is not in pathParams. Add '{{name}}' to pathParams.",
      notInPath:
        "Route {{route}}: pathParams declares '{{name}}' but the path '{{path}}' has no such placeholder. {{hint}}",
      notAMethodParameter:
        "Route {{route}}: {{list}} declares '{{name}}' but method '{{method}}' has no parameter named '{{name}}'. Add the parameter or remove '{{name}}' from {{list}}.",
      undeclaredParameter:
        "Route {{route}}: parameter '{{name}}' of method '{{method}}' is not declared. Add '{{name}}' to {{list}}, or write body: '{{name}}' if it is the request body.",
      unnamedParameter:
        "Route {{route}}: a destructured parameter of method '{{method}}' cannot be matched to pathParams or queryParams. Give it a name and declare that name.",
      invalidBody:
        "Route {{route}}: body '{{name}}' {{problem}}. Name the method parameter that receives the request body.",
      placeholderNotBound:
        "Route {{route}}: path parameter '{{placeholder}}' is read by nothing, so the handler never receives '{{name}}'. {{edit}}.",
      bindingNotInPath:
        "Route {{route}}: {{binding}} names no parameter of the path {{path}}, so it is always undefined. {{hint}}",
      duplicateBinding:
        "Route {{route}}: {{binding}} reads '{{name}}', which {{first}} already reads. A parameter is read once: remove one of them.",
      pathAndQuery:
        "Route {{route}}: '{{name}}' is read both from the path ({{pathBinding}}) and from the query string ({{queryBinding}}). A parameter comes from one place: remove {{queryBinding}} or give it another name.",
      missingPathSchema:
        "Route {{route}}: the URL has path parameters {{names}} but the route declares no schema.params, so they are neither validated nor typed. Add {{edit}}.",
      unsourcedParameter:
        "Handler {{method}}: parameter '{{name}}' has no parameter decorator, so {{consequence}}. Say where it comes from: {{edit}}.",
      unverifiableRoutePart:
        "Route {{route}}: {{subject}} cannot be resolved statically ({{reason}}), so its parameters cannot be checked. {{fix}}",
    },
  },
  'valid-ignore-comments': {
    code: 990005,
    description:
      'Every `// capsule-guard-ignore <rule-id> -- <reason>` comment names a known rule, gives a reason and suppresses a finding.',
    messages: {
      ...INTERNAL_ERROR,
      missingReason:
        "This capsule-guard-ignore comment gives no reason, so it suppresses nothing. Write '// capsule-guard-ignore {{rules}} -- <why this is safe>'.",
      missingRuleId:
        "This capsule-guard-ignore comment names no rule. Write '// capsule-guard-ignore capsule-guard/<rule> -- <reason>'; rules: {{known}}.",
      unknownRule:
        "capsule-guard-ignore names unknown rule '{{rule}}'. Use one of: {{known}}.",
      unusedSuppression:
        "This capsule-guard-ignore comment suppresses nothing: no {{rule}} finding on the next line. Remove it.",
    },
  },
  'isolated-key-literals': {
    code: 990006,
    description:
      'A key written by hand (string, template literal or concatenation) that begins with the tenant segment continues TENANT#<value>#CAPSULE#<value>; none begins with the capsule segment.',
    messages: {
      ...INTERNAL_ERROR,
      missingTenantValue:
        "The key {{key}} begins with '{{tenantSegment}}' but {{found}} follows instead of a tenant value, so the key is not scoped to the caller's tenant. Write '{{expected}}', or build the key with buildKeys(Entity, values) from @capsule-guard/core, which is checked against the entity's declaration.",
      missingCapsuleSegment:
        "The key {{key}} has no '{{capsuleSegment}}<value>' segment right after its tenant segment ({{found}}), so it reaches across capsules. Write '{{expected}}', or build the key with buildKeys(Entity, values) from @capsule-guard/core, which is checked against the entity's declaration.",
      missingCapsuleValue:
        "The key {{key}} has '{{capsuleSegment}}' followed by {{found}} instead of a capsule value, so the key is not scoped to the caller's capsule. Write '{{expected}}', or build the key with buildKeys(Entity, values) from @capsule-guard/core, which is checked against the entity's declaration.",
      capsuleBeforeTenant:
        "The key {{key}} begins with the capsule segment '{{capsuleSegment}}': the tenant segment must come first, or the key reaches across tenants. Write '{{expected}}', or build the key with buildKeys(Entity, values) from @capsule-guard/core, which is checked against the entity's declaration.",
      malformedKey:
        "The key {{key}} begins with '{{tenantSegment}}' but cannot be read as a key: {{problem}}. Write '{{expected}}' with values as ${expression} or {field}, or build the key with buildKeys(Entity, values) from @capsule-guard/core.",
    },
  },
} as const;

export type RuleName = keyof typeof RULES;
export type RuleId = `${typeof RULE_PREFIX}/${RuleName}`;
export type MessageId<R extends RuleName> = keyof (typeof RULES)[R]['messages'] & string;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export function ruleId(rule: RuleName): RuleId {
  return `${RULE_PREFIX}/${rule}`;
}

/** Formats a message template exactly as ESLint does: `{{ name }}` is replaced by data[name]. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/gu, (whole, key: string) =>
    key in data ? data[key] : whole,
  );
}
