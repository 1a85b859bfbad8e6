// @ts-check
/**
 * Every in-process front end, each run on one batch of files: the engine without type information,
 * ESLint untyped and typed (the plugin's `recommended` config), the ts-patch Program transformer
 * and the tsserver plugin (with its quick fixes). For each file and front end the outcome is one of
 *   - findings, normalised to `line:column ruleId message` so front ends can be compared;
 *   - internal errors: findings saying the engine could not finish (must never happen);
 *   - a crash: the front end threw where the bare host tool (no capsule-guard) did not;
 *   - a host error: the bare tool itself fails on the file (a parse error, a TypeScript crash),
 *     which is not ours to fix and is only counted.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pluginLanguageService } from '../bench/plugin-language-service.mjs';

const INTERNAL_ERROR = /could not finish checking/u;
const OUR_CODES = { min: 990000, max: 990999 };
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];

/**
 * @typedef {{ file: string, error: string }} FileError a file and what went wrong with it
 * @typedef {{ name: string, path: string, text: string }} BatchFile a file of a batch: its name in the report, where it is, its text
 * @typedef {{ frontEnd: string, findings: Record<string, string[]>, checked: number, ms?: number,
 *   internalErrors: FileError[], crashes: FileError[], hostErrors: FileError[] }} Outcome
 *   one front end's outcomes on a batch, as the worker writes them (files without findings left out)
 * @typedef {ReturnType<typeof loadFrontEnds>} FrontEnds
 */

/** @param {string} workspace the repository whose built packages are loaded */
export function loadFrontEnds(workspace) {
  // What `require` returns is unknown until cast to the module's type.
  const require = /** @type {(id: string) => unknown} */ (createRequire(join(workspace, 'package.json')));
  return {
    ts: /** @type {typeof import('typescript')} */ (require('typescript')),
    engine: /** @type {typeof import('@capsule-guard/engine')} */ (require('@capsule-guard/engine')),
    eslintPlugin: /** @type {typeof import('@capsule-guard/eslint-plugin')} */ (require('@capsule-guard/eslint-plugin')),
    transform: /** @type {typeof import('@capsule-guard/ts-plugin/transform')} */ (require('@capsule-guard/ts-plugin/transform')),
    tsPlugin: /** @type {typeof import('@capsule-guard/ts-plugin')} */ (require('@capsule-guard/ts-plugin')),
    Linter: /** @type {typeof import('eslint')} */ (require('eslint')).Linter,
    parser: /** @type {typeof import('@typescript-eslint/parser')} */ (require('@typescript-eslint/parser')),
  };
}

/** One front end's outcomes on a batch, keyed by file name. */
export class Outcomes {
  /** @param {string} frontEnd */
  constructor(frontEnd) {
    this.frontEnd = frontEnd;
    /** @type {Map<string, string[]>} */
    this.findings = new Map();
    /** @type {FileError[]} */
    this.internalErrors = [];
    /** @type {FileError[]} */
    this.crashes = [];
    /** @type {FileError[]} */
    this.hostErrors = [];
    /** @type {number | undefined} how long the front end took on the batch, set by whoever ran it */
    this.ms = undefined;
  }

  /**
   * @param {string} file
   * @param {string[]} lines
   */
  record(file, lines) {
    /** @type {string[]} */
    const ours = [];
    for (const line of lines) {
      if (INTERNAL_ERROR.test(line)) this.internalErrors.push({ file, error: line });
      else ours.push(line);
    }
    this.findings.set(file, ours);
  }

  /**
   * @param {string} file
   * @param {unknown} error
   */
  crash(file, error) {
    this.crashes.push({ file, error: describe(error) });
  }

  /**
   * @param {string} file
   * @param {unknown} error
   */
  hostError(file, error) {
    this.hostErrors.push({ file, error: describe(error) });
  }

  /** @returns {Outcome} */
  toJSON() {
    return {
      frontEnd: this.frontEnd,
      findings: Object.fromEntries([...this.findings].filter(([, lines]) => lines.length > 0)),
      checked: this.findings.size,
      ms: this.ms,
      internalErrors: this.internalErrors,
      crashes: this.crashes,
      hostErrors: this.hostErrors,
    };
  }
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(error);
}

/**
 * @param {number} line
 * @param {number} column
 * @param {string | null} ruleId
 * @param {string} message
 */
const normalise = (line, column, ruleId, message) => `${line}:${column} ${ruleId} ${message}`;

/**
 * TypeScript reads files without their byte-order mark, and so does ESLint.
 * @param {string} text
 */
const withoutBom = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The engine on a freshly parsed file, no checker: the path every untyped front end takes.
 * @param {Pick<FrontEnds, 'ts' | 'engine'>} frontEnds
 * @param {Omit<BatchFile, 'path'>[]} files
 */
export function runEngineUntyped({ ts, engine }, files) {
  const outcomes = new Outcomes('engine-untyped');
  for (const { name, text } of files) {
    try {
      const sourceFile = ts.createSourceFile(name, withoutBom(text), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const lines = engine.checkSourceFile(ts, sourceFile).map((finding) => {
        const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
        return normalise(line + 1, character + 1, finding.ruleId, finding.message);
      });
      outcomes.record(name, lines);
    } catch (error) {
      outcomes.crash(name, error);
    }
  }
  return outcomes;
}

/**
 * ESLint's Linter with the recommended config. `program` makes it typed (typescript-eslint's
 * `programs` option: the rules get that program's checker). `paths` maps a file to the name the
 * linter sees (an absolute path in the program when typed).
 * @param {Pick<FrontEnds, 'Linter' | 'parser' | 'eslintPlugin'>} frontEnds
 * @param {BatchFile[]} files
 * @param {{ program?: import('typescript').Program, cwd?: string, paths?: (file: BatchFile) => string }} [typed]
 */
export function runEslint({ Linter, parser, eslintPlugin }, files, { program, cwd, paths = (f) => f.name } = {}) {
  const frontEnd = program ? 'eslint-typed' : 'eslint-untyped';
  const outcomes = new Outcomes(frontEnd);
  const parserConfig = {
    files: TS_FILES,
    languageOptions: { parser, parserOptions: program ? { programs: [program] } : {} },
  };
  const withRules = [parserConfig, { ...eslintPlugin.configs.recommended, files: TS_FILES }];
  // Config patterns match relative to cwd: the typed files are absolute paths in the batch project.
  const linter = new Linter({ configType: 'flat', ...(cwd ? { cwd } : {}) });
  for (const file of files) {
    const filename = paths(file);
    /** @type {import('eslint').Linter.LintMessage[]} */
    let messages;
    try {
      messages = linter.verify(file.text, withRules, { filename });
    } catch (error) {
      // Ours only if ESLint with the parser alone gets through the same file.
      try {
        linter.verify(file.text, [parserConfig], { filename });
        outcomes.crash(file.name, error);
      } catch (hostError) {
        outcomes.hostError(file.name, hostError);
      }
      continue;
    }
    const fatal = messages.find((m) => m.fatal);
    if (fatal) {
      outcomes.hostError(file.name, `ESLint could not parse the file: ${fatal.message}`);
      continue;
    }
    // Other messages come from the file's own eslint-disable comments (rules this config lacks).
    outcomes.record(
      file.name,
      messages.filter((m) => m.ruleId?.startsWith('capsule-guard/')).map((m) => normalise(m.line, m.column, m.ruleId, m.message)),
    );
  }
  return outcomes;
}

/**
 * Our diagnostics among TypeScript's, normalised; TypeScript's own errors are not our subject.
 * @param {typeof import('typescript')} ts
 * @param {readonly import('typescript').Diagnostic[]} diagnostics
 */
function ourDiagnostics(ts, diagnostics) {
  return diagnostics
    .filter((d) => d.code >= OUR_CODES.min && d.code <= OUR_CODES.max && d.file)
    .map((d) => {
      // A diagnostic in a file has a position in it.
      const { file, start } = /** @type {import('typescript').DiagnosticWithLocation} */ (d);
      const { line, character } = file.getLineAndCharacterOfPosition(start);
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const match = /^(.*) \[(capsule-guard\/[a-z-]+)\]$/su.exec(text);
      return match ? normalise(line + 1, character + 1, match[2], match[1]) : normalise(line + 1, character + 1, '?', text);
    });
}

/**
 * The ts-patch Program transformer, handed the batch's program as ts-patch hands it one, then
 * asked for each file's semantic diagnostics as tsc asks.
 * @param {Pick<FrontEnds, 'ts' | 'transform'>} frontEnds
 * @param {import('typescript').Program} program
 * @param {BatchFile[]} files
 */
export function runTransform({ ts, transform }, program, files) {
  const outcomes = new Outcomes('ts-patch-transform');
  const original = program.getSemanticDiagnostics.bind(program);
  const transformed = transform(program, undefined, { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true }, { ts });
  for (const file of files) {
    const sourceFile = program.getSourceFile(file.path);
    if (!sourceFile) {
      outcomes.hostError(file.name, 'not part of the program');
      continue;
    }
    try {
      outcomes.record(file.name, ourDiagnostics(ts, transformed.getSemanticDiagnostics(sourceFile)));
    } catch (error) {
      try {
        original(sourceFile);
        outcomes.crash(file.name, error);
      } catch (hostError) {
        outcomes.hostError(file.name, hostError);
      }
    }
  }
  // tsc without a file argument asks for all of them at once, through a different branch.
  try {
    transformed.getSemanticDiagnostics();
  } catch (error) {
    outcomes.crash('(all files)', error);
  }
  return outcomes;
}

/**
 * The tsserver plugin decorating a language service over the batch, asked for semantic
 * diagnostics and for the quick fixes of each of its findings, as an editor asks.
 * @param {Pick<FrontEnds, 'ts' | 'tsPlugin'>} frontEnds
 * @param {string[]} rootNames
 * @param {import('typescript').CompilerOptions} options
 * @param {BatchFile[]} files
 */
export function runTsserverPlugin({ ts, tsPlugin }, rootNames, options, files) {
  const outcomes = new Outcomes('tsserver-plugin');
  const { languageService, proxy } = pluginLanguageService(ts, tsPlugin, {
    rootNames,
    options,
    currentDirectory: ts.sys.getCurrentDirectory(),
  });
  for (const file of files) {
    try {
      const diagnostics = proxy.getSemanticDiagnostics(file.path);
      // The plugin reports every finding at a position in the file.
      const ours = /** @type {import('typescript').DiagnosticWithLocation[]} */ (diagnostics.filter((d) => d.code >= OUR_CODES.min && d.code <= OUR_CODES.max));
      for (const d of ours) {
        proxy.getCodeFixesAtPosition(file.path, d.start, d.start + d.length, [d.code], {}, {});
      }
      outcomes.record(file.name, ourDiagnostics(ts, ours));
    } catch (error) {
      try {
        languageService.getSemanticDiagnostics(file.path);
        outcomes.crash(file.name, error);
      } catch (hostError) {
        outcomes.hostError(file.name, hostError);
      }
    }
  }
  return outcomes;
}
