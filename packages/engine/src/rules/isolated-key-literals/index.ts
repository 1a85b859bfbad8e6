import { defineRule } from '../rule-module';
import { checkKeyLiterals, mentionsKeySegment } from './check';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
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
};

export default defineRule({
  name: 'isolated-key-literals',
  code: 990006,
  description:
    'A key written by hand (string, template literal or concatenation) that begins with the tenant segment continues TENANT#<value>#CAPSULE#<value>; none begins with the capsule segment.',
  messages,
  options: ['tenantPrefix', 'capsulePrefix', 'delimiter', 'tenantField', 'capsuleField'],
  suggestions: false,
  check: { on: 'file', mayApply: mentionsKeySegment, run: checkKeyLiterals },
});
