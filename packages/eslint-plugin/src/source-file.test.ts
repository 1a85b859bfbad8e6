import * as path from 'node:path';
import { Linter, type Rule } from 'eslint';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import * as ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInputFor, type CheckInput } from './source-file';
import { EXPERIMENTAL_FIXTURES, FIXTURES } from './testing/rule-tester';

interface Probe {
  input: CheckInput;
  services: Record<string, unknown>;
  /** The TypeScript node typescript-eslint built for the whole file, if it says. */
  mapped: unknown;
}

/** Lints `text` with a rule that only records what checkInputFor hands the engine. */
function probe(text: string, filename: string, languageOptions: Linter.Config['languageOptions'] = {}): Probe {
  let result: Probe | undefined;
  const rule: Rule.RuleModule = {
    create(context) {
      return {
        Program() {
          const { parserServices, ast } = context.sourceCode;
          const mapped = parserServices.esTreeNodeToTSNodeMap?.get(ast);
          result = { input: checkInputFor(context, ts), services: parserServices, mapped };
        },
      };
    },
  };
  const messages = new Linter({ cwd: path.parse(filename).root }).verify(
    text,
    { files: ['**/*.ts', '**/*.tsx', '**/*.js'], languageOptions, plugins: { probe: { rules: { probe: rule } } }, rules: { 'probe/probe': 'error' } },
    filename,
  );
  expect(messages).toEqual([]);
  if (!result) throw new Error('the probe rule did not run');
  return result;
}

const SAMPLE = 'export class Order {\n  capsuleId!: string;\n}\n';

describe('checkInputFor', () => {
  afterAll(() => typescriptEslintParser.clearCaches());

  it('reuses the tree typescript-eslint built when it lints without type information', () => {
    const { input, services, mapped } = probe(SAMPLE, '/virtual/order.ts', { parser: typescriptEslintParser });
    expect(services.program).toBeNull();
    expect(mapped).toBeDefined();
    expect(input.sourceFile).toBe(mapped);
    expect(input.checker).toBeUndefined();
    expect(input.sourceFile.text).toBe(SAMPLE);
  });

  it("uses the program's source file and type checker when typescript-eslint has type information", () => {
    const filename = path.join(FIXTURES, 'file.ts');
    const { input, services, mapped } = probe(SAMPLE, filename, {
      parser: typescriptEslintParser,
      parserOptions: { projectService: true, tsconfigRootDir: FIXTURES },
    });
    const program = services.program as ts.Program;
    expect(input.sourceFile).toBe(mapped);
    expect(input.sourceFile).toBe(program.getSourceFile(filename));
    expect(input.checker).toBeDefined();
    expect(input.sourceFile.text).toBe(SAMPLE);
  });

  it('type-checks the experimentalDecorators fixture with that option, as rule tests assume', () => {
    const { services } = probe(SAMPLE, path.join(EXPERIMENTAL_FIXTURES, 'file.ts'), {
      parser: typescriptEslintParser,
      parserOptions: { projectService: true, tsconfigRootDir: FIXTURES },
    });
    expect((services.program as ts.Program).getCompilerOptions().experimentalDecorators).toBe(true);
  });

  it('keeps the type checker for a file that starts with a hashbang line', () => {
    const filename = path.join(FIXTURES, 'file.ts');
    const text = `#!/usr/bin/env node\n${SAMPLE}`;
    const { input, mapped } = probe(text, filename, {
      parser: typescriptEslintParser,
      parserOptions: { projectService: true, tsconfigRootDir: FIXTURES },
    });
    expect(input.sourceFile).toBe(mapped);
    expect(input.checker).toBeDefined();
  });

  it('parses the text itself when the tree it was given holds different text', () => {
    const stale = ts.createSourceFile('/virtual/order.ts', 'export class Stale {}\n', ts.ScriptTarget.Latest, true);
    const staleParser = {
      parseForESLint(text: string, options: typescriptEslintParser.ParserOptions) {
        const result = typescriptEslintParser.parseForESLint(text, options);
        return { ...result, services: { ...result.services, esTreeNodeToTSNodeMap: new Map([[result.ast, stale]]) } };
      },
    };
    const { input } = probe(SAMPLE, '/virtual/order.ts', { parser: staleParser });
    expect(input.sourceFile).not.toBe(stale);
    expect(input.sourceFile.text).toBe(SAMPLE);
  });

  it('parses the text itself, with parent pointers, when the parser provides no TypeScript services', () => {
    const { input, services } = probe('export const pk = "TENANT#{tenantId}";\n', '/virtual/keys.js');
    expect(services.esTreeNodeToTSNodeMap).toBeUndefined();
    expect(input.checker).toBeUndefined();
    expect(input.sourceFile.fileName).toBe('/virtual/keys.js');
    const [statement] = input.sourceFile.statements;
    expect(statement.parent).toBe(input.sourceFile);
    expect(statement.getText()).toBe('export const pk = "TENANT#{tenantId}";');
  });

  it('picks the script kind from the file extension when it parses the text itself', () => {
    const withoutServices = {
      parseForESLint(text: string, options: typescriptEslintParser.ParserOptions) {
        const { ast, scopeManager, visitorKeys } = typescriptEslintParser.parseForESLint(text, options);
        return { ast, scopeManager, visitorKeys };
      },
    };
    const tsx = 'export const view = <div>{"CAPSULE#{capsuleId}"}</div>;\n';
    const { input } = probe(tsx, '/virtual/view.tsx', {
      parser: withoutServices,
      parserOptions: { ecmaFeatures: { jsx: true } },
    });
    const [statement] = input.sourceFile.statements;
    const initializer = ts.isVariableStatement(statement) ? statement.declarationList.declarations[0].initializer : undefined;
    expect(initializer && ts.isJsxElement(initializer)).toBe(true);
  });
});
