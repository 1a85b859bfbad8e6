/**
 * Translation of engine findings into TypeScript diagnostics. The ts-patch transformer (build
 * failures) and the language-service plugin (editor squiggles) both report through this module,
 * so tsc and the editor show the same message, code and position for the same finding.
 */
import type * as ts from 'typescript';
import {
  checkSourceFile,
  createFinding,
  optionsFromPluginEntries,
  RULE_NAMES,
  RULE_PREFIX,
  RULES,
  ruleId,
  type CapsuleGuardOptions,
  type Finding,
  type TS,
} from '@capsule-guard/engine';

/**
 * Code of the diagnostic for an invalid plugin entry in tsconfig.json. Rule findings use their
 * rule's code (990001 and up), so this one sits just below them.
 */
export const INVALID_OPTIONS_CODE = 990000;

/** Shown as the diagnostic's source in editors, next to the message. */
const DIAGNOSTIC_SOURCE = RULE_PREFIX;

export function findingToDiagnostic(ts: TS, finding: Finding, sourceFile: ts.SourceFile): ts.Diagnostic {
  return {
    file: sourceFile,
    start: finding.start,
    length: finding.end - finding.start,
    messageText: `${finding.message} [${finding.ruleId}]`,
    category: ts.DiagnosticCategory.Error,
    code: RULES[finding.rule].code,
    source: DIAGNOSTIC_SOURCE,
  };
}

/**
 * Runs the engine on one file. The engine reports its own failures as findings; this guard
 * catches anything that still escapes, so the compiler or editor never crashes because of us and
 * the file is reported as unverified (for every rule, since none of them finished) instead.
 */
export function checkSourceFileSafely(
  ts: TS,
  sourceFile: ts.SourceFile,
  context: { checker?: ts.TypeChecker; options: CapsuleGuardOptions },
): readonly Finding[] {
  try {
    return checkSourceFile(ts, sourceFile, context);
  } catch (error) {
    const start = { start: 0, end: 0 };
    return RULE_NAMES.map((rule) =>
      createFinding(
        rule,
        'internalError',
        { fileName: sourceFile.fileName, ruleId: ruleId(rule), error: describeError(error) },
        sourceFile,
        start,
      ),
    );
  }
}

export type PluginOptions =
  | { readonly valid: true; readonly options: CapsuleGuardOptions }
  | { readonly valid: false; readonly diagnostic: ts.Diagnostic };

/**
 * Reads our options from tsconfig `compilerOptions.plugins`: the transformer's and the editor
 * plugin's entries, which must agree (the engine compares them, as the CLI does), so the build
 * and the editor never check with different settings. An invalid option becomes a global
 * diagnostic that names the option, so the build fails with a clear message instead of a stack
 * trace, and a typo is never silently ignored.
 */
export function resolvePluginOptions(ts: TS, plugins: unknown): PluginOptions {
  try {
    return { valid: true, options: optionsFromPluginEntries(plugins) };
  } catch (error) {
    return {
      valid: false,
      diagnostic: {
        file: undefined,
        start: undefined,
        length: undefined,
        messageText: `${describeError(error, false)} (in tsconfig.json compilerOptions.plugins)`,
        category: ts.DiagnosticCategory.Error,
        code: INVALID_OPTIONS_CODE,
        source: DIAGNOSTIC_SOURCE,
      },
    };
  }
}

function describeError(error: unknown, withName = true): string {
  if (!(error instanceof Error)) return String(error);
  return withName ? `${error.name}: ${error.message}` : error.message;
}

/** `capsule-guard/<rule>: …`, the sentence @capsule-guard/core's decorator types put in a type error. */
const TYPE_LAYER_SENTENCE = new RegExp(`${RULE_PREFIX}/(?:${RULE_NAMES.join('|')}): `, 'u');

/**
 * Drops the type errors of @capsule-guard/core's type-level checks. They are the safety net for
 * builds without a plugin (plain tsc, TypeScript 7); where this plugin runs, the engine reports
 * the same problems itself, at the template or parameter at fault and honouring
 * capsule-guard-ignore comments, so the type layer's copy would only repeat them.
 */
export function withoutTypeLayer(ts: TS, diagnostics: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  return diagnostics.filter(
    (d) => d.source === DIAGNOSTIC_SOURCE || !TYPE_LAYER_SENTENCE.test(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  );
}

/**
 * TypeScript 7 is the native port: it has no JavaScript API and loads no plugins. Should either
 * plugin ever be handed such an instance, passing silently would turn the check off, so it stops
 * with an error that says what to do instead.
 */
export function supportedTypeScript(ts: TS | undefined, entryName: string, whenMissing: string): TS {
  const version = ts?.versionMajorMinor ?? ts?.version;
  const major = Number(/^(\d+)\./u.exec(version ?? '')?.[1]);
  if (!ts || !Number.isInteger(major)) {
    throw new Error(
      `${entryName}: ${whenMissing} with a known version, so capsule-guard cannot check this build. ` +
        'Use ts-patch 3.x with typescript >=5.0 <6.1, or run "npx capsule-guard check -p tsconfig.json" instead.',
    );
  }
  if (major >= 7) {
    throw new Error(
      `${entryName}: TypeScript ${ts.version} has no compiler plugin API, so capsule-guard cannot check this build ` +
        'and will not let it pass unchecked. Run "npx capsule-guard check -p tsconfig.json" in CI (it works with every ' +
        'TypeScript version), or pin "typescript": "~6.0" to keep build-time checks with tspc.',
    );
  }
  return ts;
}
