import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RULES } from '@capsule-guard/engine';
import { FAILING_ENTITY, failingEntityFindings, typeScriptFailingAt } from '../../engine/src/testing/failing-typescript';
import { createInMemoryProgram, ROOT, type Files } from '../../engine/src/testing/in-memory-program';
import transform from './transform';

const ENTRY = { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true };
const FORMAT_HOST: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/** A real program over in-memory files (names relative to /project), as tsc would create it. */
function createProgram(files: Files, options: ts.CompilerOptions = {}, oldProgram?: ts.Program): ts.Program {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2022.d.ts'],
    skipLibCheck: true,
    ...options,
  };
  return createInMemoryProgram(files, compilerOptions, oldProgram);
}

function transformed(files: Files, options?: ts.CompilerOptions, entry: Record<string, unknown> = ENTRY): ts.Program {
  const program = createProgram(files, options);
  return transform(program, undefined, entry, { ts });
}

function printed(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, FORMAT_HOST).trimEnd());
}

/** Ours only: rule id and position, e.g. 'entities.ts(3,15) capsule-guard/isolated-key-templates'. */
function ours(diagnostics: readonly ts.Diagnostic[]): string[] {
  return printed(diagnostics)
    .map((line) => /^(\S+\(\d+,\d+\)): error TS99\d{4}: .* \[(capsule-guard\/[a-z-]+)\]$/u.exec(line))
    .filter((match) => match !== null)
    .map((match) => `${match[1]} ${match[2]}`);
}

const KEYS = `export const ORDER_PK = 'TENANT#{tenantId}#' + 'ORDER#{id}';\n`;
const ORDER = `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { ORDER_PK } from './keys.js';

@entity({ pk: ORDER_PK })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;
const NOTE = `import { entity } from '@capsule-guard/core';

const count: number = 'one';

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#NOTE#{id}' })
export class NoteEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;
const PROJECT: Files = { 'keys.ts': KEYS, 'order.ts': ORDER, 'note.ts': NOTE };
const ORDER_FINDING = 'order.ts(4,15) capsule-guard/isolated-key-templates';
const NOTE_FINDING = 'note.ts(6,14) capsule-guard/isolation-scope-required';
/** The leaky const is a key written by hand as well, reported where it is written. */
const KEYS_FINDING = 'keys.ts(1,25) capsule-guard/isolated-key-literals';

describe('the ts-patch Program transformer', () => {
  it('returns the program it was given', () => {
    const program = createProgram(PROJECT);
    expect(transform(program, undefined, ENTRY, { ts })).toBe(program);
  });

  it("adds a file's findings to its semantic diagnostics, after TypeScript's own", () => {
    const program = transformed(PROJECT);
    const lines = printed(program.getSemanticDiagnostics(program.getSourceFile(`${ROOT}/note.ts`)));

    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("note.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(lines[1]).toMatch(/^note\.ts\(6,14\): error TS990001: Entity 'NoteEntity' declares no isolation scope\. .* \[capsule-guard\/isolation-scope-required\]$/u);
  });

  it('resolves a const imported from another file through the type checker', () => {
    const program = transformed(PROJECT);
    const lines = printed(program.getSemanticDiagnostics(program.getSourceFile(`${ROOT}/order.ts`)));

    expect(lines).toEqual([
      expect.stringMatching(
        /^order\.ts\(4,15\): error TS990003: Capsule-isolated entity 'OrderEntity': the pk template 'TENANT#\{tenantId\}#ORDER#\{id\}' has no 'CAPSULE#\{capsuleId\}' segment .* \[capsule-guard\/isolated-key-templates\]$/u,
      ),
    ]);
  });

  it('covers every source file, and only source files, when asked for all diagnostics', () => {
    const program = transformed({
      ...PROJECT,
      'lib.ts': `export { NoteEntity as VendorNote } from 'vendor';\n`,
      // Code from node_modules is not the user's to fix, even when it is TypeScript source.
      'node_modules/vendor/package.json': '{"name":"vendor"}',
      'node_modules/vendor/index.ts': NOTE.replace("const count: number = 'one';\n", ''),
    });

    expect(program.getSourceFile(`${ROOT}/node_modules/vendor/index.ts`)).toBeDefined();
    expect(ours(program.getSemanticDiagnostics())).toEqual([KEYS_FINDING, NOTE_FINDING, ORDER_FINDING]);
  });

  it('adds findings to the bind-and-check diagnostics that non-incremental builders ask for, once', () => {
    const program = transformed(PROJECT) as ts.Program & {
      getBindAndCheckDiagnostics(sourceFile: ts.SourceFile): readonly ts.Diagnostic[];
    };
    const note = program.getSourceFile(`${ROOT}/note.ts`)!;

    expect(ours(program.getBindAndCheckDiagnostics(note))).toEqual([NOTE_FINDING]);
    expect(ours(program.getBindAndCheckDiagnostics(note))).toEqual([NOTE_FINDING]);
    // TypeScript's cached array behind both getters was not changed in place.
    expect(ours(program.getSemanticDiagnostics(note))).toEqual([NOTE_FINDING]);
  });

  it.each([
    ['a non-incremental build', {}],
    ['an incremental build', { incremental: true, tsBuildInfoFile: `${ROOT}/tsbuildinfo` }],
  ])('reports every finding exactly once through the builder of %s', (_, options) => {
    const program = transformed(PROJECT, options);
    const builder = ts.createSemanticDiagnosticsBuilderProgram(program, ts.createCompilerHost(program.getCompilerOptions()));

    // Builders return diagnostics in program file order; tsc sorts them before printing.
    expect(ours(builder.getSemanticDiagnostics()).sort()).toEqual([KEYS_FINDING, NOTE_FINDING, ORDER_FINDING]);
  });

  it('rechecks a file in an incremental build when a const it imports changes value but not type', () => {
    // Emitting declarations makes the builder record each file's declaration signature, which for
    // ORDER_PK (a concatenation) is `string` whatever its value: TypeScript sees no reason to
    // recheck order.ts when only keys.ts changes.
    const options = { incremental: true, tsBuildInfoFile: `${ROOT}/tsbuildinfo`, noEmit: false, declaration: true };
    const clean = { ...PROJECT, 'keys.ts': KEYS.replace("'TENANT#{tenantId}#'", "'TENANT#{tenantId}#CAPSULE#{capsuleId}#'") };
    const host = ts.createCompilerHost(options);
    const firstProgram = transform(createProgram(clean, options), undefined, ENTRY, { ts });
    const first = ts.createEmitAndSemanticDiagnosticsBuilderProgram(firstProgram, host);
    expect(ours(first.getSemanticDiagnostics())).toEqual([NOTE_FINDING]);
    first.emit(undefined, () => undefined);

    const secondProgram = transform(createProgram(PROJECT, options, firstProgram), undefined, ENTRY, { ts });
    const second = ts.createEmitAndSemanticDiagnosticsBuilderProgram(secondProgram, host, first);
    expect(ours(second.getSemanticDiagnostics()).sort()).toEqual([KEYS_FINDING, NOTE_FINDING, ORDER_FINDING]);
  });

  it('fails the build with a global error, checking nothing, when an option is invalid', () => {
    // A transformer's entry has no `name`, which TypeScript's type of a plugin entry requires.
    const plugins = [{ ...ENTRY, tenantFeild: 'tenantId' }] as unknown as ts.PluginImport[];
    const program = transformed(PROJECT, { plugins }, ENTRY);

    expect(printed(program.getGlobalDiagnostics())).toEqual([
      expect.stringMatching(
        /^error TS990000: capsule-guard: invalid options: unknown option "tenantFeild"; .*\(in tsconfig\.json compilerOptions\.plugins\)$/u,
      ),
    ]);
    expect(ours(program.getSemanticDiagnostics())).toEqual([]);
  });

  it('refuses to run under TypeScript 7, which has no plugin API, instead of passing unchecked', () => {
    const program = createProgram(PROJECT);
    const originalGetter = program.getSemanticDiagnostics;
    const typescript7 = { ...ts, version: '7.0.2', versionMajorMinor: '7.0' } as unknown as typeof ts;

    expect(() => transform(program, undefined, ENTRY, { ts: typescript7 })).toThrow(
      /TypeScript 7\.0\.2 has no compiler plugin API.*"npx capsule-guard check -p tsconfig\.json" in CI.*pin "typescript": "~6\.0"/u,
    );
    expect(program.getSemanticDiagnostics).toBe(originalGetter);
  });

  it('refuses to run when ts-patch hands it no TypeScript instance', () => {
    expect(() => transform(createProgram(PROJECT), undefined, ENTRY, {})).toThrow(
      /ts-patch did not provide a TypeScript instance/u,
    );
  });
});

describe('an internal error of the engine', () => {
  it("is reported as the engine's finding of each rule that failed, and the build goes on", () => {
    const program = transform(createProgram({ 'order.ts': FAILING_ENTITY }), undefined, ENTRY, { ts: typeScriptFailingAt(ts) });
    const expected = failingEntityFindings(`${ROOT}/order.ts`).map(
      (f) => `order.ts(${f.line},${f.column}): error TS${RULES[f.rule].code}: ${f.message} [${f.ruleId}]`,
    );
    expect(printed(program.getSemanticDiagnostics(program.getSourceFile(`${ROOT}/order.ts`)))).toEqual(expected);
  });
});
