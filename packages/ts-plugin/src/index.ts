/**
 * TypeScript language-service plugin: `{ "name": "@capsule-guard/ts-plugin" }` in tsconfig
 * `compilerOptions.plugins` shows capsule-guard findings as editor squiggles, with quick fixes
 * that mirror the ESLint suggestions. It only decorates the language service it is given: every
 * other feature (completions, quick info, …) is passed through untouched.
 */
import type * as ts from 'typescript';
import {
  checkSourceFileWithSuppressed,
  combinedEdits,
  ignoreSuggestion,
  isUserSourceFile,
  projectDirectoryOf,
  RULE_NAMES,
  RULES,
  ruleId,
  type CheckResult,
  type Finding,
  type Suggestion,
  type TextEdit,
  type TS,
} from '@capsule-guard/engine';
import { findingToDiagnostic, resolvePluginOptions, supportedTypeScript, withoutTypeLayer } from './diagnostics';
import capsuleGuardTransformer from './transform';

const ENTRY_NAME = '@capsule-guard/ts-plugin';
const FIX_NAME = 'capsuleGuard';
const IGNORE_FIX_NAME = 'capsuleGuardIgnore';
const OUR_CODES: ReadonlySet<number> = new Set(Object.values(RULES).map((rule) => rule.code));
/** "Fix all in file" is offered per rule: its id is the rule id, e.g. `capsule-guard/explicit-route-params`. */
const FIX_IDS: ReadonlySet<string> = new Set(RULE_NAMES.map(ruleId));

type TransformerArguments = Parameters<typeof capsuleGuardTransformer>;

/**
 * tsserver calls this with `{ typescript }`. ts-patch calls it with a Program when a tsconfig
 * names this module under "transform" instead of `@capsule-guard/ts-plugin/transform`: handed to
 * the transformer, which fails the build with an error naming that entry and what to write,
 * rather than a Node stack.
 */
function init(modules: { typescript: TS }): ts.server.PluginModule;
function init(...transformerArguments: TransformerArguments): ts.Program;
function init(...args: [{ typescript: TS }] | TransformerArguments): ts.server.PluginModule | ts.Program {
  if (typeof (args[0] as Partial<ts.Program>).getTypeChecker === 'function') return capsuleGuardTransformer(...(args as TransformerArguments));
  return languageServicePlugin((args as [{ typescript: TS }])[0]);
}

function languageServicePlugin(modules: { typescript: TS }): ts.server.PluginModule {
  const ts = supportedTypeScript(modules.typescript, ENTRY_NAME, 'tsserver did not provide a TypeScript instance');

  function create(info: ts.server.PluginCreateInfo): ts.LanguageService {
    const languageService = info.languageService;
    const log = (message: string) => info.project.projectService.logger.info(`[${ENTRY_NAME}] ${message}`);
    const resolved = resolvePluginOptions(ts, info.project.getCompilerOptions().plugins);
    if (!resolved.valid) log(ts.flattenDiagnosticMessageText(resolved.diagnostic.messageText, '\n'));
    log(`loaded under TypeScript ${ts.version}`);

    // Findings are cached per program and file: any edit makes a new program, so a stale entry is never read.
    const cache = new WeakMap<ts.Program, Map<string, CheckResult>>();
    const resultOf = (program: ts.Program, sourceFile: ts.SourceFile): CheckResult | undefined => {
      if (!resolved.valid || program.getSourceFile(sourceFile.fileName) !== sourceFile || !isUserSourceFile(program, sourceFile)) {
        return undefined;
      }
      let perFile = cache.get(program);
      if (!perFile) cache.set(program, (perFile = new Map<string, CheckResult>()));
      let result = perFile.get(sourceFile.fileName);
      if (!result) {
        result = checkSourceFileWithSuppressed(ts, sourceFile, {
          checker: program.getTypeChecker(),
          options: resolved.options,
          projectDirectory: projectDirectoryOf(program),
        });
        perFile.set(sourceFile.fileName, result);
      }
      return result;
    };
    /**
     * A request's findings, read from the program asked for once per request: asking for it brings
     * the language service up to date with its host, which a host without a project version does
     * by comparing every file's version.
     */
    const findingsOf = (program: ts.Program | undefined, fileName: string): { findings: readonly Finding[]; sourceFile?: ts.SourceFile } => {
      const sourceFile = program?.getSourceFile(fileName);
      const result = program && sourceFile && resultOf(program, sourceFile);
      return result ? { findings: result.findings, sourceFile } : { findings: [] };
    };
    const engineFindingsIn = (program: ts.Program | undefined) => (sourceFile: ts.SourceFile) => {
      const result = program && resultOf(program, sourceFile);
      return result ? [...result.findings, ...result.suppressed] : [];
    };

    const proxy = Object.create(null) as ts.LanguageService;
    for (const key of Object.keys(languageService) as (keyof ts.LanguageService)[]) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- a method is called below with the language service as `this`
      const member = languageService[key];
      (proxy as unknown as Record<string, unknown>)[key] =
        typeof member === 'function' ? (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(languageService, args) : member;
    }

    proxy.getSemanticDiagnostics = (fileName) => {
      const theirs = languageService.getSemanticDiagnostics(fileName);
      const program = languageService.getProgram();
      const base = withoutTypeLayer(ts, theirs, engineFindingsIn(program));
      if (!resolved.valid) {
        const sourceFile = program?.getSourceFile(fileName);
        return sourceFile ? [...base, { ...resolved.diagnostic, file: sourceFile, start: 0, length: 0 }] : base;
      }
      const { findings, sourceFile } = findingsOf(program, fileName);
      if (!sourceFile || findings.length === 0) return base;
      // Under a `ts-patch install`-patched TypeScript the transformer already ran in this program.
      const alreadyReported = (d: ts.Diagnostic) =>
        base.some((b) => b.code === d.code && b.start === d.start && b.length === d.length);
      const ours = findings.map((finding) => findingToDiagnostic(ts, finding, sourceFile));
      return [...base, ...ours.filter((d) => !alreadyReported(d))];
    };

    proxy.getSupportedCodeFixes = (fileName?: string) => [
      ...languageService.getSupportedCodeFixes(fileName),
      ...[...OUR_CODES].map(String),
    ];

    proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
      const ourCodes = errorCodes.filter((code) => OUR_CODES.has(code));
      const theirCodes = errorCodes.filter((code) => !OUR_CODES.has(code));
      const base = theirCodes.length > 0
        ? languageService.getCodeFixesAtPosition(fileName, start, end, theirCodes, formatOptions, preferences)
        : [];
      if (ourCodes.length === 0) return base;
      const { findings, sourceFile } = findingsOf(languageService.getProgram(), fileName);
      if (!sourceFile) return base;
      const fixes = findings
        .filter((f) => f.start <= end && start <= f.end && ourCodes.includes(RULES[f.rule].code))
        .flatMap((finding) => {
          // The first suggestion is the one "fix all" applies, so it alone carries the rule's fixId.
          const own = finding.suggestions.map((suggestion, index) =>
            toCodeFix(FIX_NAME, fileName, suggestion, index === 0 ? finding.ruleId : undefined),
          );
          const ignore = ignoreSuggestion(sourceFile.text, finding);
          return ignore ? [...own, toCodeFix(IGNORE_FIX_NAME, fileName, ignore)] : own;
        });
      return [...base, ...fixes];
    };

    proxy.getCombinedCodeFix = (scope, fixId, formatOptions, preferences) => {
      if (typeof fixId !== 'string' || !FIX_IDS.has(fixId)) {
        return languageService.getCombinedCodeFix(scope, fixId, formatOptions, preferences);
      }
      const fileName = scope.fileName;
      const edits = combinedEdits(findingsOf(languageService.getProgram(), fileName).findings.filter((f) => f.ruleId === fixId));
      return { changes: edits.length > 0 ? [{ fileName, textChanges: edits.map(toTextChange) }] : [] };
    };

    return proxy;
  }

  return { create };
}

function toCodeFix(fixName: string, fileName: string, suggestion: Suggestion, fixId?: string): ts.CodeFixAction {
  const action: ts.CodeFixAction = {
    fixName,
    description: suggestion.description,
    changes: [{ fileName, textChanges: suggestion.edits.map(toTextChange) }],
  };
  return fixId ? { ...action, fixId, fixAllDescription: `Fix all ${fixId} findings in this file` } : action;
}

function toTextChange(edit: TextEdit): ts.TextChange {
  return { span: { start: edit.start, length: edit.end - edit.start }, newText: edit.text };
}

export = init;
