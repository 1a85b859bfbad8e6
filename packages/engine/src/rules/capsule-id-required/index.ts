import { checkLibraryCapsule } from '../../adapters/library-checks';
import { defineRule } from '../rule-module';
import { checkCapsuleId } from './check';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
  missingCapsuleId:
    "Capsule-isolated class '{{className}}' has no usable '{{capsuleField}}' field{{detail}}. Declare '{{capsuleField}}!: CapsuleId;' on the class or one level down (e.g. 'context: EntityContext' whose type has a required '{{capsuleField}}').",
  unverifiableCapsuleId:
    "Capsule-isolated class '{{className}}' declares no '{{capsuleField}}' field in this file, and whether it has one cannot be verified: {{reason}}. Declare '{{capsuleField}}!: CapsuleId;' in this class, or lint with type information (parserOptions.projectService) so other files are read.",
  unverifiableCapsuleIdType:
    "Capsule-isolated class '{{className}}': whether its '{{capsuleField}}' field can hold a capsule id cannot be verified: {{reason}}. Write the field's type in this file (e.g. '{{capsuleField}}!: string'), or lint with type information (parserOptions.projectService) so other files are read.",
  missingCapsuleAttribute:
    "Capsule-isolated {{entity}} has no required '{{capsuleField}}' attribute{{detail}}. Add {{example}} to its attributes; an entity shared by all capsules is marked with '// capsule-guard-platform-scoped -- <reason>' on the line before it.",
  unverifiableCapsuleAttribute:
    "Capsule-isolated {{entity}}: whether it has a required '{{capsuleField}}' attribute cannot be verified: {{reason}}. Write its attributes as an object literal, or a const declared 'as const'.",
};

export default defineRule({
  name: 'capsule-id-required',
  code: 990002,
  description:
    'A @capsuleIsolated class has a usable capsuleId: own, constructor parameter property, inherited, or one nested level down.',
  messages,
  options: ['capsuleField'],
  suggestions: false,
  check: { on: 'class', run: checkCapsuleId },
  libraryCheck: checkLibraryCapsule,
});
