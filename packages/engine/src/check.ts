import type * as ts from 'typescript';
import { checkCapsuleId } from './checks/capsule-id-required';
import type { ClassCheck, DecoratedClass, DecoratedMethod, MethodCheck } from './checks/check-context';
import { checkRouteParams } from './checks/explicit-route-params';
import { checkKeyLiterals, mentionsKeySegment, type KeyLiteralFile } from './checks/isolated-key-literals';
import { checkKeyTemplates } from './checks/isolated-key-templates';
import { checkIsolationScope } from './checks/isolation-scope-required';
import { DeclarationFinder } from './declarations';
import { decoratorModulesIn, mentionsDecoratorModule, type DecoratorModules } from './decorator-modules';
import { DecoratorResolver } from './decorators';
import { withDirectExports } from './direct-exports';
import { FieldResolver } from './fields';
import { createFinding, rangeOf, type Finding, type TS } from './finding';
import { DEFAULT_OPTIONS, type CapsuleGuardOptions } from './options';
import { decoratorReexports } from './reexports';
import { checkFrameworkRoutes, mayDeclareFrameworkRoutes } from './routes/check-framework-routes';
import type { RouteFile } from './routes/route-file';
import { RULE_NAMES, ruleId, type RuleName } from './rules';
import { StaticEvaluator } from './static-value';
import { applySuppressions, mentionsSuppression } from './suppressions';
import { forEachNodeContaining } from './walk';

export interface CheckContext {
  /** With a checker, names resolve across files; without one, within the file only. */
  readonly checker?: ts.TypeChecker;
  readonly options?: CapsuleGuardOptions;
  /**
   * The directory relative `decoratorModules` entries are resolved against: the directory of the
   * project's tsconfig.json, or ESLint's working directory when it lints without one. Defaults
   * to the process's working directory.
   */
  readonly projectDirectory?: string;
}

/** What one file's check found, and which of those findings a capsule-guard-ignore comment suppressed. */
export interface CheckResult {
  readonly findings: Finding[];
  readonly suppressed: readonly Finding[];
}

/** A check paired with its rule; the pairing keeps each check's message ids typed. */
type RuleCheck<Target> = {
  [R in RuleName]: readonly [R, (target: Target, report: Parameters<ClassCheck<R>>[1]) => void];
}[RuleName];

const CLASS_CHECKS: readonly RuleCheck<DecoratedClass>[] = [
  ['isolation-scope-required', checkIsolationScope],
  ['capsule-id-required', checkCapsuleId],
  ['isolated-key-templates', checkKeyTemplates],
];

const METHOD_CHECKS: readonly RuleCheck<DecoratedMethod>[] = [['explicit-route-params', checkRouteParams satisfies MethodCheck<'explicit-route-params'>]];

/**
 * Checks one file and returns every finding, sorted by position. Never throws: an internal
 * error becomes a finding of the rule that failed (of every rule, if it happened outside one),
 * naming the file. Front ends therefore need no guard of their own around this call.
 */
export function checkSourceFile(ts: TS, sourceFile: ts.SourceFile, context: CheckContext = {}): Finding[] {
  return checkSourceFileWithSuppressed(ts, sourceFile, context).findings;
}

/**
 * `checkSourceFile`, also returning the findings that suppression comments removed: a front end
 * that replaces another layer's report of the same problem needs to know the engine saw it.
 */
export function checkSourceFileWithSuppressed(ts: TS, sourceFile: ts.SourceFile, context: CheckContext = {}): CheckResult {
  const options = context.options ?? DEFAULT_OPTIONS;
  try {
    const direct = withDirectExports(ts);
    const modules = decoratorModulesIn(ts, options, context.projectDirectory);
    const all = [
      ...analyze(direct, sourceFile, options, modules, context.checker),
      ...analyzeKeyLiterals(direct, sourceFile, options, modules, context.checker),
      ...analyzeFrameworkRoutes(direct, sourceFile, options, context.checker),
    ];
    const findings = applySuppressions(direct, sourceFile, all);
    const kept = new Set(findings);
    return { findings: sortByPosition(findings), suppressed: all.filter((finding) => !kept.has(finding)) };
  } catch (error) {
    // Nothing was verified, so every rule says so; the host tool keeps running.
    return { findings: RULE_NAMES.map((rule) => internalError(rule, error, sourceFile, sourceFile)), suppressed: [] };
  }
}

/**
 * Cheap pre-filter on a file's text: false when it can hold no finding, because it neither names
 * a decorator module, nor holds a suppression comment, nor the text of a key segment (`TENANT#`).
 * Most files of a project are like that, and a front end may skip them without parsing or
 * walking anything. With type information a decorator may also come through a local barrel the
 * file never names, so there any file that imports something and writes an '@' may hold one.
 */
export function mayHaveFindings(text: string, options: CapsuleGuardOptions = DEFAULT_OPTIONS, typeInformation = false): boolean {
  return (
    mentionsDecoratorModule(text, options) ||
    mentionsSuppression(text) ||
    mentionsKeySegment(text, options) ||
    mayDeclareFrameworkRoutes(text, typeInformation) ||
    (typeInformation && mayImportDecorators(text))
  );
}

/** Routes declared with NestJS, tsoa or Fastify are checked wherever they are, as our own decorator's are. */
function analyzeFrameworkRoutes(ts: TS, sourceFile: ts.SourceFile, options: CapsuleGuardOptions, checker: ts.TypeChecker | undefined): Finding[] {
  if (!mayDeclareFrameworkRoutes(sourceFile.text, checker !== undefined)) return [];
  const finder = new DeclarationFinder(ts, checker);
  const file: RouteFile = { ts, sourceFile, options, checker, finder, evaluator: new StaticEvaluator(ts, finder, checker) };
  const findings: Finding[] = [];
  runCheck(['explicit-route-params', checkFrameworkRoutes], file, sourceFile, findings);
  return findings;
}

/** Keys built by hand are checked in every file, whether or not it imports a decorator of ours. */
function analyzeKeyLiterals(
  ts: TS,
  sourceFile: ts.SourceFile,
  options: CapsuleGuardOptions,
  modules: DecoratorModules,
  checker: ts.TypeChecker | undefined,
): Finding[] {
  if (!mentionsKeySegment(sourceFile.text, options)) return [];
  const finder = new DeclarationFinder(ts, checker);
  const file: KeyLiteralFile = {
    ts, sourceFile, options,
    evaluator: new StaticEvaluator(ts, finder, checker),
    decorators: new DecoratorResolver(ts, sourceFile, modules, checker),
  };
  const findings: Finding[] = [];
  runCheck(['isolated-key-literals', checkKeyLiterals], file, sourceFile, findings);
  return findings;
}

/** A decorator of ours reached through a barrel is imported and written with an '@'. */
function mayImportDecorators(text: string): boolean {
  return text.includes('@') && text.includes('import');
}

function analyze(
  ts: TS,
  sourceFile: ts.SourceFile,
  options: CapsuleGuardOptions,
  modules: DecoratorModules,
  checker: ts.TypeChecker | undefined,
): Finding[] {
  const { text } = sourceFile;
  if (!mentionsDecoratorModule(text, options) && !(checker && mayImportDecorators(text))) return [];
  const findings: Finding[] = [];
  try {
    const decorators = new DecoratorResolver(ts, sourceFile, modules, checker);
    // With type information, importers of this file are checked themselves.
    if (!checker) reportReexports(ts, sourceFile, modules, decorators, findings);
    if (!decorators.mayFindDecorators) return findings;
    const finder = new DeclarationFinder(ts, checker);
    const evaluator = new StaticEvaluator(ts, finder, checker);
    const fields = new FieldResolver(ts, finder, checker);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
        const uses = decorators.decoratorsOf(node);
        if (uses.length > 0) {
          const nameNode = node.name ?? uses[0].decorator;
          const target: DecoratedClass = {
            ts, sourceFile, options, evaluator, fields, declaration: node, decorators: uses,
            className: node.name?.text ?? '(anonymous class)', nameNode,
            accessTo: (name) => decorators.accessTo(name),
          };
          for (const ruleCheck of CLASS_CHECKS) runCheck(ruleCheck, target, target.nameNode, findings);
        }
      }
      if (ts.isMethodDeclaration(node)) {
        const uses = decorators.decoratorsOf(node);
        if (uses.length > 0) {
          const className = ts.isClassLike(node.parent) ? (node.parent.name?.text ?? '(anonymous class)') : '(object)';
          const target: DecoratedMethod = {
            ts, sourceFile, options, evaluator, declaration: node, decorators: uses,
            methodName: `${className}.${node.name.getText(sourceFile)}`,
          };
          for (const ruleCheck of METHOD_CHECKS) runCheck(ruleCheck, target, node.name, findings);
        }
      }
    };
    // A decorator is always written with an '@': subtrees without one hold nothing to check.
    forEachNodeContaining(ts, sourceFile, '@', visit);
  } catch (error) {
    return RULE_NAMES.map((rule) => internalError(rule, error, sourceFile, sourceFile));
  }
  return findings;
}

function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

function runCheck<Target extends { readonly sourceFile: ts.SourceFile }>(
  [rule, check]: RuleCheck<Target>,
  target: Target,
  errorNode: ts.Node,
  findings: Finding[],
): void {
  const { sourceFile } = target;
  try {
    (check as (target: Target, report: Parameters<ClassCheck<RuleName>>[1]) => void)(target, (messageId, data, node, suggestions) => {
      findings.push(createFinding(rule, messageId as never, data, sourceFile, rangeOf(node, sourceFile), suggestions));
    });
  } catch (error) {
    findings.push(internalError(rule, error, errorNode, sourceFile));
  }
}

function internalError(rule: RuleName, error: unknown, node: ts.Node, sourceFile: ts.SourceFile): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const range = node === sourceFile ? { start: 0, end: 0 } : rangeOf(node, sourceFile);
  return createFinding(rule, 'internalError', { fileName: sourceFile.fileName, ruleId: ruleId(rule), error: message }, sourceFile, range);
}

function reportReexports(ts: TS, sourceFile: ts.SourceFile, modules: DecoratorModules, decorators: DecoratorResolver, findings: Finding[]): void {
  for (const { node, names } of decoratorReexports(ts, sourceFile, modules, decorators)) {
    findings.push(createFinding('isolation-scope-required', 'uncheckedReexport', { names }, sourceFile, rangeOf(node, sourceFile)));
  }
}
