export { ENTITY_LIBRARY_PACKAGES } from './adapters/library-entities';
export { ROUTE_LIBRARY_PACKAGES } from './routes/libraries';
export { checkSourceFile, checkSourceFileWithSuppressed, mayHaveFindings, type CheckEnvironment, type CheckResult } from './check';
export { decoratorModulesFor, projectDirectoryOf, type DecoratorModules } from './decorator-modules';
export { entityMetadata, type EntityMetadata } from './entities';
export { createFinding, rangeOf, type Finding, type Suggestion, type TextEdit, type TS } from './finding';
export {
  CORE_MODULE,
  DEFAULT_OPTIONS,
  differingOption,
  OPTION_NAMES,
  OptionsError,
  optionsFromPluginEntries,
  resolveOptions,
  type CapsuleGuardOptions,
} from './options';
export { OPTIONS_JSON_SCHEMA, optionsMarkdownTable, pluginEntryJsonSchema, RULE_OPTIONS_SCHEMA } from './options-json-schema';
export { isUserSourceFile } from './source-files';
export { combinedEdits } from './combined-edits';
export { ignoreSuggestion } from './rules/valid-ignore-comments/suppressions';
export {
  HOMEPAGE_URL,
  RULES,
  RULE_NAMES,
  RULE_PREFIX,
  docsUrl,
  formatMessage,
  ruleId,
  type MessageId,
  type RuleId,
  type RuleName,
} from './catalog';
