import type * as ts from 'typescript';
import { barrelUses } from './adapters/barrel-uses';
import type { LibraryTarget } from './adapters/library-checks';
import type { AdapterContext } from './adapters/library-entity';
import { libraryEntitiesIn, libraryReexportsIn, mayDeclareLibraryEntities, mayUseEntityLibrary } from './adapters/library-entities';
import { RULE_NAMES, RULES, ruleId, type RuleName } from './catalog';
import { decoratorModulesIn, mentionsDecoratorModule, type DecoratorModules } from './decorator-modules';
import { DecoratorResolver } from './decorators';
import { withDirectExports } from './direct-exports';
import { fileTools, type FileTools } from './file-tools';
import { createFinding, rangeOf, ruleFinding, type Finding, type TS } from './finding';
import { declaresNoLibraryInstance } from './import-reach';
import { DEFAULT_OPTIONS, type CapsuleGuardOptions } from './options';
import { decoratorReexports } from './reexports';
import type { CheckedFile, DecoratedClass, DecoratedMethod, Report } from './rules/check-targets';
import type { RuleModule } from './rules/rule-module';
import { mayImportModules } from './require-bindings';
import { mayDeclareFrameworkRoutes, mayDeclareFrameworkRoutesIn } from './routes/check-framework-routes';
import type { RouteFile } from './routes/route-file';
import { applySuppressions, mentionsSuppression } from './rules/valid-ignore-comments/suppressions';
import { forEachNodeContaining } from './walk';

/** What a file is checked within: its program's type checker, if any, the options and the project directory. */
export interface CheckEnvironment {
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

/**
 * A rule's check, registered for one kind of target. Each check is typed against its own rule's
 * messages where the rule is defined; here any of them is a check reporting message ids.
 */
interface RegisteredCheck<Target> {
  readonly rule: RuleName;
  readonly run: (target: Target, report: Report<string>) => void;
}

const RULE_MODULES: readonly RuleModule<RuleName>[] = Object.values(RULES);

const CLASS_CHECKS: readonly RegisteredCheck<DecoratedClass>[] = RULE_MODULES.flatMap(({ name, check }) =>
  check.on === 'class' ? [{ rule: name, run: check.run }] : [],
);

const METHOD_CHECKS: readonly RegisteredCheck<DecoratedMethod>[] = RULE_MODULES.flatMap(({ name, check }) =>
  check.on === 'method' ? [{ rule: name, run: check.run }] : [],
);

/** A check of every file whose text `mayApply` accepts (keys built by hand). */
interface RegisteredFileCheck extends RegisteredCheck<CheckedFile> {
  readonly mayApply: (text: string, options: CapsuleGuardOptions) => boolean;
}

const FILE_CHECKS: readonly RegisteredFileCheck[] = RULE_MODULES.flatMap(({ name, check }) =>
  check.on === 'file' ? [{ rule: name, run: check.run, mayApply: check.mayApply }] : [],
);

/** The entity rules again, for each entity declared with a modelling library (ElectroDB, OneTable, TypeDORM). */
const LIBRARY_CHECKS: readonly RegisteredCheck<LibraryTarget>[] = RULE_MODULES.flatMap(({ name, libraryCheck }) =>
  libraryCheck ? [{ rule: name, run: libraryCheck }] : [],
);

/** The route rule again, for routes declared with a web framework (NestJS, tsoa, Fastify). */
const FRAMEWORK_CHECKS: readonly RegisteredCheck<RouteFile>[] = RULE_MODULES.flatMap(({ name, frameworkCheck }) =>
  frameworkCheck ? [{ rule: name, run: frameworkCheck }] : [],
);

/**
 * Checks one file and returns every finding, sorted by position. Never throws: an internal
 * error becomes a finding of the rule that failed (of every rule, if it happened outside one),
 * naming the file. Front ends therefore need no guard of their own around this call.
 */
export function checkSourceFile(ts: TS, sourceFile: ts.SourceFile, environment: CheckEnvironment = {}): Finding[] {
  return checkSourceFileWithSuppressed(ts, sourceFile, environment).findings;
}

/**
 * `checkSourceFile`, also returning the findings that suppression comments removed: a front end
 * that replaces another layer's report of the same problem needs to know the engine saw it.
 */
export function checkSourceFileWithSuppressed(ts: TS, sourceFile: ts.SourceFile, environment: CheckEnvironment = {}): CheckResult {
  const options = environment.options ?? DEFAULT_OPTIONS;
  try {
    const direct = withDirectExports(ts);
    const modules = decoratorModulesIn(ts, options, environment.projectDirectory);
    const { checker } = environment;
    const input: FileInput = { ts: direct, sourceFile, options, checker, modules, tools: fileTools(direct, sourceFile, modules, checker) };
    // Our decorators first: the readers of the libraries then find the file's imports already read,
    // and need not read them at all where every decorator was ours.
    const ours = analyze(input);
    const declaresNoInstance = declaresNoLibraryInstance(sourceFile, ours.onlyOurDecorators);
    const libraries = analyzeLibraryEntities(input, declaresNoInstance);
    const all = [...ours.findings, ...libraries.findings, ...analyzeFile(input, libraries.declarations), ...analyzeFrameworkRoutes(input, declaresNoInstance)];
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
    FILE_CHECKS.some((check) => check.mayApply(text, options)) ||
    mayUseEntityLibrary(text, typeInformation) ||
    mayDeclareFrameworkRoutes(text, typeInformation) ||
    (typeInformation && mayImportDecorators(text))
  );
}

/** One file to check, and what it is checked with. */
interface FileInput {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly modules: DecoratorModules;
  readonly checker: ts.TypeChecker | undefined;
  /** The readers every analysis of this file shares, built when the first one needs them. */
  readonly tools: () => FileTools;
}

/** Library entities and the nodes declaring them: literals there are entity keys, not keys written by hand. */
interface LibraryAnalysis {
  readonly findings: readonly Finding[];
  readonly declarations: ReadonlySet<ts.Node>;
}

function analyzeLibraryEntities({ ts, sourceFile, options, checker, tools }: FileInput, declaresNoInstance: boolean): LibraryAnalysis {
  if (!mayDeclareLibraryEntities(ts, sourceFile, checker, declaresNoInstance)) return { findings: [], declarations: new Set() };
  try {
    const { evaluator, fields, ours } = tools();
    const context = { ts, sourceFile, options, checker, evaluator, fields, ours };
    const { entities, declarations } = libraryEntitiesIn(context);
    const findings: Finding[] = [];
    if (!checker) reportUnfollowedLibraryBarrels(context, findings);
    for (const entity of entities) {
      for (const ruleCheck of LIBRARY_CHECKS) runCheck(ruleCheck, { ...context, entity }, entity.nameNode, findings);
    }
    return { findings, declarations };
  } catch (error) {
    const findings = LIBRARY_CHECKS.map(({ rule }) => internalError(rule, error, sourceFile, sourceFile));
    return { findings, declarations: new Set() };
  }
}

/** Routes declared with NestJS, tsoa or Fastify are checked wherever they are, as our own decorator's are. */
function analyzeFrameworkRoutes({ ts, sourceFile, options, checker, tools }: FileInput, declaresNoInstance: boolean): Finding[] {
  if (!mayDeclareFrameworkRoutesIn(ts, sourceFile, checker, declaresNoInstance)) return [];
  // Built when a route is met: most files that write a `.get(` call declare none.
  const file: RouteFile = {
    ts,
    sourceFile,
    options,
    checker,
    get finder() {
      return tools().finder;
    },
    get evaluator() {
      return tools().evaluator;
    },
    get ours() {
      return tools().ours;
    },
  };
  const findings: Finding[] = [];
  for (const check of FRAMEWORK_CHECKS) runCheck(check, file, sourceFile, findings);
  return findings;
}

/** Some rules (keys built by hand) check every file, whether or not it imports a decorator of ours. */
function analyzeFile({ ts, sourceFile, options, tools }: FileInput, entityDeclarations: ReadonlySet<ts.Node>): Finding[] {
  const checks = FILE_CHECKS.filter((check) => check.mayApply(sourceFile.text, options));
  if (checks.length === 0) return [];
  const { evaluator, ours } = tools();
  const file: CheckedFile = { ts, sourceFile, options, entityDeclarations, evaluator, decorators: ours };
  const findings: Finding[] = [];
  for (const check of checks) runCheck(check, file, sourceFile, findings);
  return findings;
}

/** A decorator of ours reached through a barrel is imported and written with an '@'. */
function mayImportDecorators(text: string): boolean {
  return text.includes('@') && mayImportModules(text);
}

/** What the check of our own decorators found in a file. */
interface OurAnalysis {
  readonly findings: Finding[];
  /**
   * With type information, every class and method decorator of the file was resolved and found
   * ours: no library's entity or controller is declared with a decorator there.
   */
  readonly onlyOurDecorators: boolean;
}

function analyze({ ts, sourceFile, options, modules, checker, tools }: FileInput): OurAnalysis {
  const { text } = sourceFile;
  const findings: Finding[] = [];
  if (!mentionsDecoratorModule(text, options) && !(checker && mayImportDecorators(text))) return { findings, onlyOurDecorators: false };
  let others = false;
  try {
    const { ours: decorators, evaluator, fields } = tools();
    // With type information, importers of this file are checked themselves.
    if (!checker) reportReexports(ts, sourceFile, modules, decorators, findings);
    if (!decorators.mayFindDecorators) return { findings, onlyOurDecorators: false };
    /** A class or method decorator that is not ours: a library may declare something with it. */
    const noteOther = () => {
      others = true;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
        const uses = decorators.decoratorsOf(node, noteOther);
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
        const uses = decorators.decoratorsOf(node, noteOther);
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
    return { findings: RULE_NAMES.map((rule) => internalError(rule, error, sourceFile, sourceFile)), onlyOurDecorators: false };
  }
  return { findings, onlyOurDecorators: checker !== undefined && !others };
}

function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

function runCheck<Target extends { readonly sourceFile: ts.SourceFile }>(
  { rule, run }: RegisteredCheck<Target>,
  target: Target,
  errorNode: ts.Node,
  findings: Finding[],
): void {
  const { sourceFile } = target;
  try {
    run(target, (messageId, data, node, suggestions) => {
      findings.push(ruleFinding(rule, messageId, data, sourceFile, rangeOf(node, sourceFile), suggestions));
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

/**
 * Without type information a local module that re-exports a library is not followed: it is
 * reported where it re-exports (as a barrel of our decorators is), and so is a declaration of the
 * library's shape whose callee is imported from a local module.
 */
function reportUnfollowedLibraryBarrels(context: AdapterContext, findings: Finding[]): void {
  const { ts, sourceFile } = context;
  for (const { node, names, library } of libraryReexportsIn(context)) {
    findings.push(createFinding('isolation-scope-required', 'uncheckedLibraryReexport', { names, library }, sourceFile, rangeOf(node, sourceFile)));
  }
  for (const { callee, module, shape } of barrelUses(ts, sourceFile)) {
    const data = { callee: callee.getText(sourceFile), module, library: shape.library, exported: shape.exported, packageName: shape.packageName };
    findings.push(createFinding('isolation-scope-required', 'libraryEntityNeedsTypeInformation', data, sourceFile, rangeOf(callee, sourceFile)));
  }
}

function reportReexports(ts: TS, sourceFile: ts.SourceFile, modules: DecoratorModules, decorators: DecoratorResolver, findings: Finding[]): void {
  for (const { node, names } of decoratorReexports(ts, sourceFile, modules, decorators)) {
    findings.push(createFinding('isolation-scope-required', 'uncheckedReexport', { names }, sourceFile, rangeOf(node, sourceFile)));
  }
}
