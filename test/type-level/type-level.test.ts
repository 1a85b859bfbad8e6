import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkSourceFile } from '@capsule-guard/engine';
import * as ts from 'typescript';
import { describe, it } from 'vitest';
import { COMPILERS, compile, REPO_ROOT, run, TSC_7, typeLevelErrors } from './compilers';
import { BEYOND_THE_TYPE_LAYER_ENGINE_FINDINGS, CHECKS_OFF, CUSTOM_OPTIONS, INVALID, ISOLATION_RULE_OFF } from './expected';

/**
 * The decorators' types fail a plain `tsc` build — TypeScript 6 and the native TypeScript 7, no
 * plugin — on the leaks they can see, with a sentence naming the rule, and accept every valid form
 * of the product contract, in both decorator modes.
 */
const FIXTURES = 'test/type-level/fixtures';
const MODES = [
  { mode: 'standard decorators', tsconfig: 'tsconfig.json' },
  { mode: 'experimentalDecorators', tsconfig: 'tsconfig.legacy.json' },
] as const;

const project = (fixture: string, tsconfig: string) => `${FIXTURES}/${fixture}/${tsconfig}`;

describe.concurrent.each(COMPILERS)('$name', (compiler) => {
  it(`is TypeScript ${compiler.version}`, async ({ expect }) => {
    const { stdout, exitCode } = await run(compiler, ['--version']);
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toBe(`Version ${compiler.version}`);
  });

  describe.each(MODES)('with $mode', ({ tsconfig }) => {
    it('compiles every valid form of the product contract without an error', async ({ expect }) => {
      const compilation = await compile(compiler, project('valid', tsconfig));
      expect(compilation.output).toBe('');
      expect(compilation.exitCode).toBe(0);
    });

    it('fails on each invalid declaration, at its decorator or options, with the rule id sentence', async ({ expect }) => {
      const compilation = await compile(compiler, project('invalid', tsconfig));
      expect(typeLevelErrors(compilation)).toEqual(INVALID);
      expect(compilation.exitCode).not.toBe(0);
    });
  });

  // The decorator mode changes nothing below; one mode each keeps the suite fast.
  it('accepts every valid form without strictNullChecks as well', async ({ expect }) => {
    const compilation = await compile(compiler, project('valid', 'tsconfig.loose.json'));
    expect(compilation.output).toBe('');
  });

  it('checks with the field names, prefixes and delimiter a project declares in TypeLevelOptions', async ({ expect }) => {
    const compilation = await compile(compiler, project('custom-options', 'tsconfig.legacy.json'));
    expect(typeLevelErrors(compilation)).toEqual(CUSTOM_OPTIONS);
  });

  it('reports no rule once a project switches the type-level checks off, only misspelt option keys', async ({ expect }) => {
    const compilation = await compile(compiler, project('checks-off', 'tsconfig.json'));
    expect(typeLevelErrors(compilation)).toEqual(CHECKS_OFF);
  });

  it('keeps every other check when a project turns off isolation by capsule id', async ({ expect }) => {
    const compilation = await compile(compiler, project('isolation-rule-off', 'tsconfig.json'));
    expect(typeLevelErrors(compilation)).toEqual(ISOLATION_RULE_OFF);
  });

  // An unused @ts-expect-error is itself an error (TS2578): a clean build shows the type layer's error is there, and expected.
  it("passes with the workarounds its messages name for what it cannot see: @platformScoped and capsule-guard-ignore", async ({ expect }) => {
    const compilation = await compile(compiler, project('workarounds', 'tsconfig.json'));
    expect(compilation.output).toBe('');
    expect(compilation.exitCode).toBe(0);
  });

  it('accepts what only the engine can judge: computed templates, missing scopes, private fields, parameter names', async ({ expect }) => {
    const compilation = await compile(compiler, project('beyond-the-type-layer', 'tsconfig.json'));
    expect(compilation.output).toBe('');
  });
});

/**
 * The engine (from source, as the unit tests use it) judges the same fixtures, so the type layer
 * is held to it: it must reject nothing the engine accepts, and what it lets through must be real.
 */
describe('the fixtures, as the engine sees them', () => {
  interface EngineFinding {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly ruleId: string;
  }
  const engineFindings = (fixture: string): EngineFinding[] => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO_ROOT, project(fixture, 'tsconfig.json')), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error(`cannot read the ${fixture} fixture's tsconfig`);
    const program = ts.createProgram(config.fileNames, config.options);
    const checker = program.getTypeChecker();
    return config.fileNames.flatMap((fileName) => {
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile) throw new Error(`not in the program: ${fileName}`);
      return checkSourceFile(ts, sourceFile, { checker }).map((finding) => {
        const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
        return { file: path.relative(REPO_ROOT, fileName), line: line + 1, column: character + 1, ruleId: finding.ruleId };
      });
    });
  };

  /** The class or method declared at or after a line: what a decorator there belongs to. */
  const declarationAt = (file: string, line: number): string => {
    const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
    for (const text of lines.slice(line - 1)) {
      const name = /^(?:export )?(?:abstract )?class (\w+)|^ {2}(?:static )?(?:async )?(\w+)\(/u.exec(text);
      if (name) return `${file} ${name[1] ?? name[2]}`;
    }
    throw new Error(`no declaration at or after ${file}:${line}`);
  };

  it('the valid fixture is valid for the engine too, so the type layer rejects nothing valid there', ({ expect }) => {
    expect(engineFindings('valid')).toEqual([]);
  });

  it('each declaration the type layer rejects, the engine rejects under the same rule, but for the documented trade-off', async ({ expect }) => {
    const fixture = `${FIXTURES}/invalid`;
    // Keys written by hand outside a declaration are the engine's alone: the type layer sees decorators.
    const declarationFindings = engineFindings('invalid').filter((f) => f.ruleId !== 'capsule-guard/isolated-key-literals');
    const engine = new Set(declarationFindings.map((f) => `${declarationAt(f.file, f.line)} ${f.ruleId}`));
    const ruleErrors = typeLevelErrors(await compile(TSC_7, project('invalid', 'tsconfig.json'))).flatMap(({ file, line, sentence }) => {
      const ruleId = /^capsule-guard\/[a-z-]+(?=:)/u.exec(sentence ?? '')?.[0];
      return ruleId ? [{ file, line, ruleId }] : [];
    });
    const onlyTypeLevel = ruleErrors.filter(({ file, line, ruleId }) => !engine.has(`${declarationAt(`${fixture}/${file}`, line)} ${ruleId}`));
    // A platform-scoped entity whose instances carry a capsule id (docs/type-level-checks.md).
    expect(onlyTypeLevel.map(({ file, line }) => `${file}:${line}`)).toEqual(['src/isolation.ts:103']);
    expect(ruleErrors).toHaveLength(INVALID.filter((error) => error.sentence?.startsWith('capsule-guard/')).length);
  });

  it('the workarounds fixture is clean for the engine too: it sees the scope, reads through `as string` and uses every suppression', ({ expect }) => {
    expect(engineFindings('workarounds')).toEqual([]);
  });

  it('the leaks the type layer accepts are real: the engine reports each of them', ({ expect }) => {
    const findings = engineFindings('beyond-the-type-layer');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(BEYOND_THE_TYPE_LAYER_ENGINE_FINDINGS);
  });
});

describe('the workspace compiler', () => {
  it('stays TypeScript 6: the typescript7 alias does not take over the tsc bin', async ({ expect }) => {
    const { stdout } = await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/tsc'), ['--version']);
    expect(stdout.trim()).toBe('Version 6.0.3');
  });
});
