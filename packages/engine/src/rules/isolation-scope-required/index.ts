import { checkLibraryScope } from '../../adapters/library-checks';
import { defineRule } from '../rule-module';
import { checkIsolationScope } from './check';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
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
  uncheckedLibraryReexport:
    "This module re-exports {{names}} of {{library}}. Entities declared with them in modules that import them from here are checked only with type information (ESLint with parserOptions.projectService, tspc, the editor plugin, capsule-guard check). Import them from '{{library}}' directly, or lint with type information.",
  libraryEntityNeedsTypeInformation:
    "'{{callee}}' is imported from '{{module}}', and this declaration has the shape of a {{library}} entity. Without type information that module is not followed, so whether '{{callee}}' is {{library}}'s {{exported}} cannot be told and the entity was not checked. Import {{exported}} from '{{packageName}}' directly, or lint with type information (parserOptions.projectService) or run 'capsule-guard check'.",
  platformCommentWithoutReason:
    "{{entity}} is marked '// capsule-guard-platform-scoped' without a reason, so it stays capsule-isolated. Write '// capsule-guard-platform-scoped -- <why every capsule may share this data>' on the line before it, or remove the comment.",
};

export default defineRule({
  name: 'isolation-scope-required',
  code: 990001,
  description:
    'Every @entity class declares its scope: @capsuleIsolated or @platformScoped({ reason }).',
  messages,
  options: [],
  suggestions: true,
  check: { on: 'class', run: checkIsolationScope },
  libraryCheck: checkLibraryScope,
});
