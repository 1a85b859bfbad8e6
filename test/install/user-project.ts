/**
 * The project a new user builds from the README: its first example, an entity whose partition key
 * forgets the capsule segment (the README's sample output), one whose key is built from a const
 * imported from another file, and the README's ESLint and tsconfig snippets. Both install tests (TypeScript 6
 * and TypeScript 7) check it and expect the findings below.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { blockTitled, codeBlocks, parseJsonc, readDoc, section, shellCommands } from './markdown';
import {
  npmInstallLine, npx, packPackages, temporaryDirectory, writeProject, type PackedPackage, type WorkspacePackage,
} from './packed-project';

export const README = readDoc('README.md');

/** The README up to its first section: the first example and the output it promises. */
const [firstExample, sampleOutput] = codeBlocks(README.slice(0, README.indexOf('\n## ')));

/** The README's sample tspc output, as one line (it is wrapped at spaces for reading). */
export const README_TSPC_LINE = sampleOutput.code.split('\n').join(' ');
const sample = /^(src\/\S+)\((\d+),(\d+)\): error TS\d+: (.+) \[(capsule-guard\/[a-z-]+)\]$/u.exec(README_TSPC_LINE);
if (!sample) throw new Error(`the README's sample output is not a tsc diagnostic: ${README_TSPC_LINE}`);

/** A finding as every front end reports it. */
export interface ExpectedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  /** The whole message, or a part of it. */
  readonly message: string;
}

/** The README's sample finding: src/contracts.ts below is written so that it is reported there. */
export const CONTRACT_FINDING: ExpectedFinding = {
  file: sample[1],
  line: Number(sample[2]),
  column: Number(sample[3]),
  message: sample[4],
  ruleId: sample[5],
};

export const CONTRACTS = `import { capsuleIsolated, entity } from '@capsule-guard/core';

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CONTRACT#{id}',
  sk: 'METADATA',
})
@capsuleIsolated
export class ContractEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

const ORDERS = `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { SCOPE } from './keys';

@entity({ table: 'platform_data', pk: \`\${SCOPE}#ORDER#{id}\` })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

/** With type information (typed ESLint, tspc, a patched tsc, the CLI): the imported key is read. */
export const TYPED_FINDINGS: readonly ExpectedFinding[] = [
  CONTRACT_FINDING,
  {
    file: 'src/orders.ts', line: 4, column: 39, ruleId: 'capsule-guard/isolated-key-templates',
    message: "Capsule-isolated entity 'OrderEntity': the pk template 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#{capsuleId}' segment",
  },
];

/** Without type information (untyped ESLint): the key imported from another file is not checked. */
export const UNTYPED_FINDINGS: readonly ExpectedFinding[] = [
  CONTRACT_FINDING,
  {
    file: 'src/orders.ts', line: 4, column: 39, ruleId: 'capsule-guard/isolated-key-templates',
    message: "Entity 'OrderEntity': the pk template was not checked, because 'SCOPE' is imported from './keys'",
  },
];

/** The README's ESLint configuration, as written under "Install": the typed one. */
export const ESLINT_CONFIG = blockTitled(section(README, 'ESLint (pre-commit hooks, CI lint)'), '// eslint.config.mjs');

/** The same without type information: "Without `parserOptions`", as the README words it. */
export function untypedEslintConfig(): string {
  const parserOptions = /\n\s*parserOptions: \{[^\n]*\},(?=\n)/u;
  if (!parserOptions.test(ESLINT_CONFIG)) throw new Error("the README's ESLint configuration has no parserOptions line");
  if (!section(README, 'ESLint (pre-commit hooks, CI lint)').includes('Without `parserOptions` the rules run without type information')) {
    throw new Error('the README no longer says how to switch off type information');
  }
  return ESLINT_CONFIG.replace(parserOptions, '');
}

/** A tsconfig for the project, with the README's `compilerOptions.plugins`. */
function tsconfig(): string {
  const snippet = parseJsonc(blockTitled(section(README, 'tsc builds (`tspc`)'), '// tsconfig.json')) as {
    compilerOptions: { plugins: unknown[] };
  };
  const compilerOptions = {
    target: 'es2022',
    module: 'nodenext',
    strict: true,
    types: [],
    rootDir: 'src',
    outDir: 'dist',
    ...snippet.compilerOptions,
  };
  return `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`;
}

function projectFiles(): Record<string, string> {
  return {
    'tsconfig.json': tsconfig(),
    'eslint.config.mjs': ESLINT_CONFIG,
    'src/roles.ts': firstExample.code,
    'src/contracts.ts': CONTRACTS,
    // The scope without its capsule segment: a fragment to build keys from, so only the entities
    // completing it are reported.
    'src/keys.ts': "export const SCOPE = 'TENANT#{tenantId}';\n",
    'src/orders.ts': ORDERS,
  };
}

export interface UserProject {
  readonly directory: string;
  readonly packed: ReadonlyMap<string, PackedPackage>;
  /** Deletes the project and the packed packages. */
  readonly remove: () => Promise<void>;
}

/**
 * Packs the given packages and creates the project in a temporary directory, installed by running
 * the lines of a README install block (`npm install …`) one by one, as a reader would.
 */
export async function installUserProject(
  name: string,
  packages: readonly WorkspacePackage[],
  installBlock: string,
): Promise<UserProject> {
  const temporary = await temporaryDirectory(name);
  const packed = await packPackages(packages, path.join(temporary.path, 'packs'));
  const directory = path.join(temporary.path, 'project');
  await writeProject(directory, packed, projectFiles());
  for (const line of shellCommands(installBlock)) {
    const install = await npmInstallLine(line, packed, directory);
    expect(install.exitCode, `${line}\n${install.stderr}`).toBe(0);
  }
  return { directory, packed, remove: temporary.remove };
}

/**
 * Runs `eslint --format json src` in the project and expects it to exit 1 with exactly the given
 * findings.
 */
export async function expectEslintFindings(project: string, expected: readonly ExpectedFinding[]): Promise<void> {
  const { exitCode, stdout } = await npx(['eslint', '--format', 'json', 'src'], project);
  expect(exitCode).toBe(1);
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
  const findings = results.flatMap(({ filePath, messages }) =>
    messages.map(({ ruleId, line, column, message }) => ({
      file: path.relative(project, filePath).split(path.sep).join('/'),
      line,
      column,
      ruleId,
      message,
    })),
  );
  expect(findings).toEqual(matching(expected));
}

/** tsc's plain output: "file(line,col): error TS990003: message [rule-id]", capsule-guard's only. */
export function tscFindings(stdout: string): ExpectedFinding[] {
  return stdout.split('\n').flatMap((line) => {
    const match = /^(.+)\((\d+),(\d+)\): error TS99\d{4}: (.+) \[(capsule-guard\/[a-z-]+)\]$/u.exec(line);
    return match ? [{ file: match[1], line: Number(match[2]), column: Number(match[3]), message: match[4], ruleId: match[5] }] : [];
  });
}

/** What a test expects: each finding, its message given whole or in part. */
export function matching(findings: readonly ExpectedFinding[]): unknown[] {
  return findings.map((finding) => ({ ...finding, message: expect.stringContaining(finding.message) }));
}
