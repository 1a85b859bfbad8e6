/**
 * Translation of engine findings into TypeScript diagnostics. The ts-patch transformer (build
 * failures) and the language-service plugin (editor squiggles) both report through this module,
 * so tsc and the editor show the same message, code and position for the same finding.
 */
import type * as ts from 'typescript';
import { optionsFromPluginEntries, RULE_NAMES, RULE_PREFIX, RULES, type CapsuleGuardOptions, type Finding, type RuleName, type TS } from '@capsule-guard/engine';

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
        messageText: `${error instanceof Error ? error.message : String(error)} (in tsconfig.json compilerOptions.plugins)`,
        category: ts.DiagnosticCategory.Error,
        code: INVALID_OPTIONS_CODE,
        source: DIAGNOSTIC_SOURCE,
      },
    };
  }
}

/** `capsule-guard/<rule>: …`, the sentence @capsule-guard/core's decorator types put in a type error. */
const TYPE_LAYER_SENTENCE = new RegExp(`${RULE_PREFIX}/(${RULE_NAMES.join('|')}): `, 'u');

/** The engine's findings for a file, suppressed ones included; empty for a file the engine does not check. */
export type EngineFindings = (sourceFile: ts.SourceFile) => readonly Finding[];

/**
 * Drops the type errors of @capsule-guard/core's type-level checks that the engine reports
 * itself. They are the safety net for builds without a plugin (plain tsc, TypeScript 7); where
 * this plugin runs, the engine reports the same problem at the template or parameter at fault and
 * honours capsule-guard-ignore comments, so the type layer's copy would only repeat it. A type
 * error is dropped only when an engine finding (reported or suppressed) of the rule it names lies
 * on the same decorated declaration (see `coveringRange`); wherever the engine saw nothing, the
 * type error stays, so the plugin never passes code that plain tsc rejects.
 */
export function withoutTypeLayer(ts: TS, diagnostics: readonly ts.Diagnostic[], engineFindings: EngineFindings): ts.Diagnostic[] {
  return diagnostics.filter((diagnostic) => {
    const { file, start } = diagnostic;
    if (diagnostic.source === DIAGNOSTIC_SOURCE || !file || start === undefined) return true;
    const rule = TYPE_LAYER_SENTENCE.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))?.[1] as RuleName | undefined;
    if (!rule) return true;
    const covers = coveringRange(ts, file, start, start + (diagnostic.length ?? 0));
    return !engineFindings(file).some((finding) => finding.rule === rule && covers(finding));
  });
}

/**
 * Which engine findings report the same thing as a type error at [start, end). A type error of a
 * decorator (its expression or its options) is about the declaration it decorates: the engine
 * reports that at the class name, a template or list element inside the decorator, or a method
 * parameter. Any finding on the declaration covers it, except one inside another decorator (a
 * second `@entity` or `@apiEndpoint` is checked on its own). A type error outside decorators is
 * covered by a finding it contains or that contains it.
 */
function coveringRange(ts: TS, sourceFile: ts.SourceFile, start: number, end: number): (finding: Finding) => boolean {
  const decorator = ts.findAncestor(innermostNodeAt(ts, sourceFile, start, end), ts.isDecorator);
  const within = (node: ts.Node, finding: Finding) => node.getStart(sourceFile) <= finding.start && finding.end <= node.end;
  if (!decorator) {
    return (finding) => (start <= finding.start && finding.end <= end) || (finding.start <= start && end <= finding.end);
  }
  const declaration = decorator.parent;
  const others = (ts.canHaveDecorators(declaration) ? (ts.getDecorators(declaration) ?? []) : []).filter((d) => d !== decorator);
  return (finding) => within(declaration, finding) && !others.some((other) => within(other, finding));
}

function innermostNodeAt(ts: TS, sourceFile: ts.SourceFile, start: number, end: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = ts.forEachChild(node, (c) => (c.getStart(sourceFile) <= start && end <= c.end ? c : undefined));
    if (!child) return node;
    node = child;
  }
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
