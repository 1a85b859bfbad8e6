import { checkLibraryKeys } from '../../adapters/library-checks';
import { defineRule } from '../rule-module';
import { checkKeyTemplates } from './check';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
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
  libraryUnverifiable:
    "{{entity}}: the {{subject}} cannot be resolved statically ({{reason}}), so its keys were not checked. {{instead}}",
  libraryMutableValue:
    "{{entity}}: the {{subject}} is read from a value that can change ({{reason}}), so what is checked here need not be what is stored. {{instead}}",
  libraryNeedsTypeInformation:
    "{{entity}}: the {{subject}} was not checked, because {{reason}}. This is a limit of linting without type information, not a problem found in the value: lint with type information (parserOptions.projectService) or run 'capsule-guard check', which read other modules.",
  libraryMissingKey:
    "{{entity}}: the {{keyName}} is missing, so its partition cannot be checked. Add {{example}}.",
  libraryMalformedTemplate:
    "{{entity}}: the {{keyName}} template '{{template}}' is malformed: {{problem}}.",
  libraryUnknownAttribute:
    "{{entity}}: the {{keyName}} template '{{template}}' uses '{{placeholder}}', but there is no attribute '{{attribute}}'. Use one of its attributes, e.g. {{suggestion}}.",
  libraryUnknownCompositeAttribute:
    "{{entity}}: the {{keyName}} composite names '{{attribute}}', which is not one of its attributes. Use one of its attributes, e.g. {{suggestion}}.",
  libraryMissingTenantSegment:
    "Capsule-isolated {{entity}}: the {{keyName}} template '{{template}}' has no '{{expected}}' segment, so its items leak across tenants. Write '{{fixed}}'.",
  libraryMissingCapsuleSegment:
    "Capsule-isolated {{entity}}: the {{keyName}} template '{{template}}' has no '{{expected}}' segment after the tenant segment, so its items leak across capsules. Write '{{fixed}}'.",
  libraryScopeNotAtStart:
    "Capsule-isolated {{entity}}: the {{keyName}} template '{{template}}' does not begin with '{{expected}}', so an IAM dynamodb:LeadingKeys condition cannot confine its items to one capsule. Write '{{fixed}}', or set the option scopeAtStart to false.",
  compositeNotScoped:
    "Capsule-isolated {{entity}}: the {{keyName}} is composed of [{{composite}}], which does not begin with '{{tenantField}}' then '{{capsuleField}}', so its items leak across {{leak}}. Write composite: [{{fixed}}].",
  compositeTemplateMismatch:
    "{{entity}}: the {{keyName}} has composite [{{composite}}], but its template '{{template}}' uses the attributes [{{fixed}}]. ElectroDB requires the composite to list exactly the template's attributes in the same order, and otherwise throws \"Incompatible {{keyKind}} 'template' and 'composite' properties\" when the entity is created. Write composite: [{{fixed}}], or remove composite: ElectroDB reads it from the template.",
  lowercasedKey:
    "Capsule-isolated {{entity}}: the {{keyName}} holds {{attributes}}, but {{caseChange}}, so tenants or capsules whose ids differ only in case ('Acme' and 'acme') share a partition. {{instead}}",
};

export default defineRule({
  name: 'isolated-key-templates',
  code: 990003,
  description:
    'Partition keys of capsule-isolated entities contain TENANT#{…} and CAPSULE#{…} segments (at the start, with scopeAtStart); every key template is well-formed, static and names existing fields.',
  messages,
  options: ['tenantField', 'capsuleField', 'tenantPrefix', 'capsulePrefix', 'delimiter', 'scopeAtStart'],
  suggestions: true,
  check: { on: 'class', run: checkKeyTemplates },
  libraryCheck: checkLibraryKeys,
});
