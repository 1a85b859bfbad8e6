import * as path from 'node:path';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import {
  RuleTester,
  type InvalidTestCase,
  type RuleTesterConfig,
  type TestCaseError,
  type ValidTestCase,
} from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { RuleName } from '@capsule-guard/engine';
import { rules } from '../rules';
import { describe } from 'vitest';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
/** A fixture project compiled with `experimentalDecorators`. */
export const EXPERIMENTAL_FIXTURES = path.join(FIXTURES, 'experimental-decorators');

type Options = [Record<string, unknown>?];
export type ValidCase = ValidTestCase<Options>;

/**
 * Engine suggestions carry a description, not a message id, so cases name them by `desc`, which
 * RuleTester checks at run time although its types only mention `messageId`.
 */
interface SuggestionCase {
  readonly desc: string;
  readonly output: string;
}
type ErrorCase = Omit<TestCaseError<string>, 'suggestions'> & { readonly suggestions?: readonly SuggestionCase[] };
export type InvalidCase = Omit<InvalidTestCase<string, Options>, 'errors'> & { readonly errors: readonly ErrorCase[] };

export interface CaseSet {
  readonly valid?: readonly ValidCase[];
  readonly invalid?: readonly InvalidCase[];
}

export interface RuleCases extends CaseSet {
  /** Cases that resolve names across files, which only type information can do. */
  readonly typedOnly?: CaseSet;
  /** The same code without type information: it cannot be verified, so it must fail closed. */
  readonly untypedOnly?: CaseSet;
}

/**
 * typescript-eslint's parser with its services removed: stands for any parser that is not
 * typescript-eslint, for which the plugin parses the text itself.
 */
const parserWithoutServices = {
  meta: { name: 'parser-without-typescript-services' },
  parseForESLint(code: string, options: typescriptEslintParser.ParserOptions) {
    const { ast, scopeManager, visitorKeys } = typescriptEslintParser.parseForESLint(code, options);
    return { ast, scopeManager, visitorKeys };
  },
};

const MODES: readonly { name: string; typed: boolean; config: RuleTesterConfig }[] = [
  { name: 'without type information', typed: false, config: {} },
  {
    name: 'with type information (projectService)',
    typed: true,
    config: {
      defaultFilenames: { ts: path.join(FIXTURES, 'file.ts'), tsx: path.join(FIXTURES, 'react.tsx') },
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: FIXTURES } },
    },
  },
  {
    name: 'with a parser that is not typescript-eslint',
    typed: false,
    config: { languageOptions: { parser: parserWithoutServices } },
  },
];

/**
 * Runs one rule's cases through RuleTester in every way ESLint may hand us a file. The shared
 * cases must give identical results in all of them: the engine sees the same TypeScript AST, and
 * type information only adds cross-file resolution, which the mode-specific sets cover.
 * Every invalid case must state its location (line, column, endLine, endColumn) and message data.
 */
export function testRule(name: RuleName, cases: RuleCases): void {
  const rule = rules[name];
  for (const mode of MODES) {
    const extra = (mode.typed ? cases.typedOnly : cases.untypedOnly) ?? {};
    describe(mode.name, () => {
      new RuleTester(mode.config).run(name, rule as unknown as RuleModule<string, Options>, {
        assertionOptions: { requireLocation: true, requireData: 'error' },
        valid: [...(cases.valid ?? []), ...(extra.valid ?? [])],
        invalid: [...(cases.invalid ?? []), ...(extra.invalid ?? [])] as InvalidTestCase<string, Options>[],
      });
    });
  }
}

/**
 * Dedents a code sample so tests read like source files; line and column numbers follow the
 * result. Write `\${x}` and `\`` for a literal `${x}` or backtick in the sample.
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + String(values[i - 1]) + part);
  const lines = raw.replace(/^\n/u, '').replace(/\n[ \t]*$/u, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/u)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}
