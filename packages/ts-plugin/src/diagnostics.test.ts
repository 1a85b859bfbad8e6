import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checkSourceFileWithSuppressed, createFinding, RULES, ruleId, type RuleName } from '@capsule-guard/engine';
import { findingToDiagnostic, INVALID_OPTIONS_CODE, resolvePluginOptions, supportedTypeScript, withoutTypeLayer } from './diagnostics';

const FORMAT_HOST: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => '/project',
  getNewLine: () => '\n',
};

function sourceFileOf(code: string): ts.SourceFile {
  return ts.createSourceFile('/project/entities.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** What tsc prints with --pretty false, one line per diagnostic. */
function printed(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, FORMAT_HOST).trimEnd());
}

const LEAKY = `import { capsuleIsolated, entity } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#NOTE#{id}' })
export class NoteEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

describe('findingToDiagnostic', () => {
  it('prints each finding as tsc prints an error: position, rule code, message and rule id', () => {
    const sourceFile = sourceFileOf(LEAKY);
    const findings = checkSourceFileWithSuppressed(ts, sourceFile, { options: resolveDefaults() }).findings;
    const diagnostics = findings.map((finding) => findingToDiagnostic(ts, finding, sourceFile));

    expect(findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['capsule-guard/isolated-key-templates', 'missingCapsuleSegment'],
      ['capsule-guard/isolation-scope-required', 'missingScope'],
    ]);
    expect(printed(diagnostics)).toEqual([
      `entities.ts(3,15): error TS990003: ${findings[0].message} [capsule-guard/isolated-key-templates]`,
      `entities.ts(12,14): error TS990001: ${findings[1].message} [capsule-guard/isolation-scope-required]`,
    ]);
    expect(findings[0].message).toContain("'TENANT#{tenantId}#ORDER#{id}'");
    expect(findings[1].message).toContain("'NoteEntity'");
  });

  it('spans exactly the text the finding covers and belongs to the checked file', () => {
    const sourceFile = sourceFileOf(LEAKY);
    const [finding] = checkSourceFileWithSuppressed(ts, sourceFile, { options: resolveDefaults() }).findings;
    const diagnostic = findingToDiagnostic(ts, finding, sourceFile);

    expect(diagnostic.file).toBe(sourceFile);
    expect(diagnostic.category).toBe(ts.DiagnosticCategory.Error);
    expect(diagnostic.code).toBe(RULES['isolated-key-templates'].code);
    expect(sourceFile.text.slice(diagnostic.start, diagnostic.start! + diagnostic.length!)).toBe(
      "'TENANT#{tenantId}#ORDER#{id}'",
    );
  });
});

describe('plugin entry options', () => {
  it('are the options the engine checks with', () => {
    const sourceFile = sourceFileOf(`import { capsuleIsolated, entity } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleKey}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleKey!: string;
  id!: string;
}
`);
    const configured = resolvePluginOptions(ts, [{ name: '@capsule-guard/ts-plugin', capsuleField: 'capsuleKey' }]);
    if (!configured.valid) throw new Error('expected valid options');

    expect(checkSourceFileWithSuppressed(ts, sourceFile, { options: resolveDefaults() }).findings.map((f) => f.messageId)).toEqual([
      'missingCapsuleSegment',
      'missingCapsuleId',
    ]);
    expect(checkSourceFileWithSuppressed(ts, sourceFile, { options: configured.options }).findings).toEqual([]);
  });
});

describe('resolvePluginOptions', () => {
  it('ignores the keys the plugin loaders read and validates the rest', () => {
    const resolved = resolvePluginOptions(ts, [
      { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true, isEsm: false, tenantField: 'accountId' },
      { name: '@capsule-guard/ts-plugin', tenantField: 'accountId' },
      { name: 'some-other-plugin', anything: true },
    ]);
    expect(resolved).toEqual({ valid: true, options: expect.objectContaining({ tenantField: 'accountId', capsuleField: 'capsuleId' }) });
  });

  it('reports an invalid option as a global error naming the option and the plugin entry', () => {
    const resolved = resolvePluginOptions(ts, [{ transform: '@capsule-guard/ts-plugin/transform', delimiter: 'ab' }]);
    if (resolved.valid) throw new Error('expected invalid options');
    const { diagnostic } = resolved;

    expect(diagnostic.file).toBeUndefined();
    expect(diagnostic.category).toBe(ts.DiagnosticCategory.Error);
    expect(diagnostic.code).toBe(INVALID_OPTIONS_CODE);
    expect(printed([diagnostic])).toEqual([
      'error TS990000: capsule-guard: invalid options: option "delimiter" must be a non-empty string of punctuation ' +
        'other than "{", "}", "$", "_" or ".", such as "#"; got "ab" ' +
        '(in tsconfig.json compilerOptions.plugins)',
    ]);
  });
});

function resolveDefaults() {
  const resolved = resolvePluginOptions(ts, undefined);
  if (!resolved.valid) throw new Error('expected valid options');
  return resolved.options;
}

describe('withoutTypeLayer', () => {
  const code = `import { capsuleIsolated, entity } from '@capsule-guard/core';
@entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })
@entity({ pk: 'TENANT#{tenantId}#OTHER#{id}' })
@capsuleIsolated
export class Item { tenantId!: string; capsuleId!: string; id!: string }
const loose = buildKey('TENANT#x');
`;
  const sourceFile = sourceFileOf(code);
  const at = (text: string, messageText: string | ts.DiagnosticMessageChain, source?: string): ts.Diagnostic => ({
    file: sourceFile, start: code.indexOf(text), length: text.length, category: ts.DiagnosticCategory.Error, code: 1238, messageText, source,
  });
  const chain = (text: string, next?: ts.DiagnosticMessageChain[]): ts.DiagnosticMessageChain => ({
    messageText: text, category: ts.DiagnosticCategory.Error, code: 1238, next,
  });
  const sentence = (rule: string) => `Property '"capsule-guard/${rule}: the pk template lacks 'CAPSULE#{capsuleId}'"' is missing.`;
  const finding = (rule: RuleName, text: string) =>
    createFinding(rule, 'internalError', { fileName: 'f', ruleId: ruleId(rule), error: 'x' }, sourceFile, { start: code.indexOf(text), end: code.indexOf(text) + text.length });
  const firstEntity = "entity({ pk: 'TENANT#{tenantId}#ITEM#{id}' })";
  const secondOptions = "{ pk: 'TENANT#{tenantId}#OTHER#{id}' }";

  it('drops a type error, at any message depth, only where an engine finding of its rule lies on the same decorated declaration', () => {
    const coveredTemplate = at(firstEntity, chain('Unable to resolve signature of class decorator.', [chain(sentence('isolated-key-templates'))]));
    const coveredScope = { ...at('@capsuleIsolated', sentence('isolation-scope-required')), start: code.indexOf('@capsuleIsolated') + 1, length: 15 };
    const otherDecorator = at(secondOptions, sentence('isolated-key-templates'));
    const otherRule = at(firstEntity, sentence('capsule-id-required'));
    const outsideDecorators = at("buildKey('TENANT#x')", sentence('isolated-key-templates'));
    const unrelated = at(firstEntity, "Type 'string' is not assignable to type 'number'.");
    const unknownRule = at(firstEntity, '"capsule-guard/not-a-rule: something"');
    const ours = { ...at("'TENANT#{tenantId}#ITEM#{id}'", 'capsule-guard/isolated-key-templates: … [capsule-guard/isolated-key-templates]'), source: 'capsule-guard' };
    const findings = [
      finding('isolated-key-templates', "'TENANT#{tenantId}#ITEM#{id}'"),
      finding('isolation-scope-required', 'Item'),
    ];
    const all = [coveredTemplate, coveredScope, otherDecorator, otherRule, outsideDecorators, unrelated, unknownRule, ours];
    expect(withoutTypeLayer(ts, all, (file) => (file === sourceFile ? findings : []))).toEqual([
      otherDecorator, otherRule, outsideDecorators, unrelated, unknownRule, ours,
    ]);
    // Where the engine found nothing, every type layer error stays.
    expect(withoutTypeLayer(ts, all, () => [])).toEqual(all);
    // Outside decorators, a finding inside the type error's span covers it.
    expect(withoutTypeLayer(ts, [outsideDecorators], () => [finding('isolated-key-templates', "'TENANT#x'")])).toEqual([]);
  });
});

describe('supportedTypeScript', () => {
  it('accepts TypeScript 6 and refuses 7 loudly, naming the plugin and what to run instead', () => {
    expect(supportedTypeScript(ts, '@capsule-guard/ts-plugin', 'no instance')).toBe(ts);
    // TypeScript 6's own types cannot describe a TypeScript 7.
    const typescript7 = { ...ts, version: '7.0.2', versionMajorMinor: '7.0' } as unknown as typeof ts;
    expect(() => supportedTypeScript(typescript7, '@capsule-guard/ts-plugin', 'no instance')).toThrow(
      /^@capsule-guard\/ts-plugin: TypeScript 7\.0\.2 has no compiler plugin API.*npx capsule-guard check -p tsconfig\.json/u,
    );
    expect(() => supportedTypeScript(undefined, '@capsule-guard/ts-plugin', 'tsserver did not provide a TypeScript instance')).toThrow(
      /^@capsule-guard\/ts-plugin: tsserver did not provide a TypeScript instance with a known version/u,
    );
  });
});
