/**
 * ts-patch Program transformer: `{ "transform": "@capsule-guard/ts-plugin/transform",
 * "transformProgram": true }` in tsconfig `compilerOptions.plugins`, built with `tspc`.
 *
 * Source transformers only run when files are emitted (never under --noEmit), so instead of
 * transforming code this adds our findings to the program's own diagnostics. Emit is untouched:
 * the JavaScript written is exactly what plain tsc writes.
 */
import type * as ts from 'typescript';
import { checkSourceFileWithSuppressed, isUserSourceFile, projectDirectoryOf, type CheckResult, type TS } from '@capsule-guard/engine';
import { findingToDiagnostic, resolvePluginOptions, supportedTypeScript, withoutTypeLayer } from './diagnostics';

const ENTRY_NAME = '@capsule-guard/ts-plugin/transform';

/** What ts-patch passes as the fourth argument to a Program transformer. */
interface ProgramTransformerExtras {
  readonly ts?: TS;
}

type DiagnosticsGetter = (sourceFile?: ts.SourceFile, ...rest: unknown[]) => readonly ts.Diagnostic[];

type FileDiagnosticsGetter = (sourceFile: ts.SourceFile, ...rest: unknown[]) => readonly ts.Diagnostic[];

/**
 * Builder programs (`tsc -b`, `--incremental`, watch mode) never call `getSemanticDiagnostics`.
 * Per file they concatenate two internal getters: `getBindAndCheckDiagnostics`, whose result they
 * cache (in .tsbuildinfo when incremental) and reuse while the file itself is unchanged, and
 * `getProgramDiagnostics`, which they ask again for every new program.
 */
type ProgramInternals = ts.Program & {
  getBindAndCheckDiagnostics?: FileDiagnosticsGetter;
  getProgramDiagnostics?: FileDiagnosticsGetter;
};

function capsuleGuardTransformer(
  program: ts.Program,
  _host: ts.CompilerHost | undefined,
  _pluginEntry: Record<string, unknown>,
  extras: ProgramTransformerExtras | undefined,
): ts.Program {
  const ts = supportedTypeScript(extras?.ts, ENTRY_NAME, 'ts-patch did not provide a TypeScript instance');
  const internals = program as ProgramInternals;
  const resolved = resolvePluginOptions(ts, program.getCompilerOptions().plugins);

  if (!resolved.valid) {
    // Nothing can be checked with unknown options; a global error fails the build instead.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a Program's methods are closures over it and read no `this`
    const originalGlobal = program.getGlobalDiagnostics;
    program.getGlobalDiagnostics = (...args) => [...originalGlobal(...args), resolved.diagnostic];
    return program;
  }

  const { options } = resolved;
  const projectDirectory = projectDirectoryOf(program);
  const results = new Map<ts.SourceFile, CheckResult>();
  const resultOf = (sourceFile: ts.SourceFile): CheckResult | undefined => {
    if (!isUserSourceFile(program, sourceFile)) return undefined;
    let result = results.get(sourceFile);
    if (!result) {
      // The program's checker resolves consts, base classes and barrels declared in other files.
      result = checkSourceFileWithSuppressed(ts, sourceFile, { checker: program.getTypeChecker(), options, projectDirectory });
      results.set(sourceFile, result);
    }
    return result;
  };
  const engineFindings = (sourceFile: ts.SourceFile) => {
    const result = resultOf(sourceFile);
    return result ? [...result.findings, ...result.suppressed] : [];
  };
  const cache = new Map<ts.SourceFile, readonly ts.Diagnostic[]>();
  const diagnosticsOf = (sourceFile: ts.SourceFile): readonly ts.Diagnostic[] => {
    let diagnostics = cache.get(sourceFile);
    if (!diagnostics) {
      diagnostics = (resultOf(sourceFile)?.findings ?? []).map((finding) => findingToDiagnostic(ts, finding, sourceFile));
      cache.set(sourceFile, diagnostics);
    }
    return diagnostics;
  };
  const withoutCovered = (diagnostics: readonly ts.Diagnostic[]) => withoutTypeLayer(ts, diagnostics, engineFindings);

  // Our diagnostic objects are cached, so identity tells whether TypeScript already returned one
  // (e.g. a getter that delegates to the other wrapped getter); each is reported once.
  const withOurs = (base: readonly ts.Diagnostic[], ours: readonly ts.Diagnostic[]): readonly ts.Diagnostic[] => {
    const missing = ours.filter((diagnostic) => !base.includes(diagnostic));
    return missing.length === 0 ? base : [...base, ...missing];
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- a Program's methods are closures over it and read no `this`
  const originalSemantic = program.getSemanticDiagnostics as DiagnosticsGetter;
  program.getSemanticDiagnostics = (sourceFile?: ts.SourceFile, ...rest: unknown[]) => {
    const base = withoutCovered(originalSemantic(sourceFile, ...rest));
    if (sourceFile) return withOurs(base, diagnosticsOf(sourceFile));
    return ts.sortAndDeduplicateDiagnostics(withOurs(base, program.getSourceFiles().flatMap(diagnosticsOf)));
  };

  // The checker's own results (where the type layer's errors appear) lose the type layer's errors
  // the engine reports itself; our findings join whichever getter the build mode asks on every run.
  const builderGetter = builderGetterFor(internals);
  const originalBindAndCheck = internals.getBindAndCheckDiagnostics;
  if (originalBindAndCheck) {
    internals.getBindAndCheckDiagnostics = (sourceFile: ts.SourceFile, ...rest: unknown[]) => {
      const base = withoutCovered(originalBindAndCheck(sourceFile, ...rest));
      return builderGetter === 'getBindAndCheckDiagnostics' ? withOurs(base, diagnosticsOf(sourceFile)) : base;
    };
  }
  const originalProgramDiagnostics = internals.getProgramDiagnostics;
  if (builderGetter === 'getProgramDiagnostics' && originalProgramDiagnostics) {
    internals.getProgramDiagnostics = (sourceFile: ts.SourceFile, ...rest: unknown[]) =>
      withOurs(originalProgramDiagnostics(sourceFile, ...rest), diagnosticsOf(sourceFile));
  }
  return program;
}

/**
 * Which builder getter carries our findings. Incremental builds cache bind-and-check results
 * across runs and recheck a file only when it or the declarations it imports change; but a
 * finding can depend on another file's const *value* while its declaration stays `string`, so
 * there our findings go with the getter that is asked on every run. Without `incremental`,
 * `tsc -b` decides whether a project needs rebuilding from an errors flag that counts only
 * bind-and-check results, and nothing is cached between separate runs, so they go with that getter.
 */
function builderGetterFor(program: ProgramInternals): 'getBindAndCheckDiagnostics' | 'getProgramDiagnostics' {
  const { incremental, composite } = program.getCompilerOptions();
  return (incremental || composite) && program.getProgramDiagnostics ? 'getProgramDiagnostics' : 'getBindAndCheckDiagnostics';
}

export = capsuleGuardTransformer;
