/**
 * Command-line parsing for `capsule-guard`. Hand-written rather than util.parseArgs so that every
 * mistake gets a message that says exactly what is wrong and what to write instead.
 */

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | {
      readonly kind: 'check';
      readonly project: string | undefined;
      readonly format: Format;
      /** Check the git index (what the next commit holds) instead of the working tree. */
      readonly staged: boolean;
      /** Report only these files and the files that import them; empty: every file. */
      readonly files: readonly string[];
    }
  | {
      readonly kind: 'policy';
      readonly project: string | undefined;
      readonly tenantTag: string;
      readonly capsuleTag: string;
      readonly defaultTable: string | undefined;
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

/** A command line that cannot be run; the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE_LINE =
  'Usage: capsule-guard check [-p <tsconfig.json | directory>] [--staged | <file>...] [--format text|json|sarif]\n' +
  '       capsule-guard policy [-p <tsconfig.json | directory>] [--tenant-tag <tag>] [--capsule-tag <tag>] [--default-table <name>]';

export const USAGE = `${USAGE_LINE}

Checks one TypeScript project for capsule-guard findings, with capsule-guard's own
TypeScript compiler, whatever TypeScript version the project uses.

Options:
  -p, --project <path>   the tsconfig.json to check, or a directory containing one
                         (default: tsconfig.json in the current directory or the nearest parent)
  --staged               check what the next git commit holds (the index, not the working
                         tree): findings in the files it changes and in every file importing them
  <file>...              report only these files and every file importing them
  --format <format>      text (default; a code frame on a terminal), json or sarif (SARIF 2.1.0)
  -h, --help             show this help

'policy' prints an IAM policy (JSON) granting DynamoDB item actions on the tables of isolated
entities only where dynamodb:LeadingKeys begins with the principal's TENANT#…#CAPSULE#…#, and
on the tables of platform-scoped entities only under their fixed key prefix; the entities each
statement covers are listed on stderr.
  --tenant-tag <tag>     principal tag holding the tenant id (default: tenantId)
  --capsule-tag <tag>    principal tag holding the capsule id (default: capsuleId)
  --default-table <name> the table of entities whose @entity names no table
  -v, --version          show the version

Exit status: 0 no findings, 1 findings, 2 usage or configuration error.
`;

const FLAGS = { '--staged': 'staged' } as const;

const VALUE_OPTIONS = {
  '-p': 'project',
  '--project': 'project',
  '--format': 'format',
  '--tenant-tag': 'tenantTag',
  '--capsule-tag': 'capsuleTag',
  '--default-table': 'defaultTable',
} as const;

const POLICY_OPTIONS: readonly ValueOption[] = ['tenantTag', 'capsuleTag', 'defaultTable'];
/** Principal tag keys: letters, digits, spaces and + - = . _ : / @ (IAM's tag key characters). */
const TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

type ValueOption = (typeof VALUE_OPTIONS)[keyof typeof VALUE_OPTIONS];

/** Parses the arguments after the program name. Throws UsageError. */
export function parseArguments(argv: readonly string[]): Command {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  if (argv.some((arg) => arg === '--version' || arg === '-v')) return { kind: 'version' };

  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg in FLAGS) {
      flags.add(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (flag in FLAGS) throw new UsageError(`option '${flag}' takes no value`);
    const option = (VALUE_OPTIONS as Record<string, ValueOption | undefined>)[flag];
    if (!option) throw new UsageError(`unknown option '${flag}'`);
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option '${flag}' needs a value (${describeValue(option)})`);
    if (values[option] !== undefined) throw new UsageError(`option '${flag}' is given more than once`);
    values[option] = value;
  }

  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError("missing command: write 'capsule-guard check'");
  if (command !== 'check' && command !== 'policy') {
    throw new UsageError(`unknown command '${command}': the commands are 'check' and 'policy'`);
  }
  if (command === 'policy') {
    if (files.length > 0) {
      throw new UsageError(`unexpected argument '${files[0]}': 'policy' reads the files of a tsconfig project; name the project with -p`);
    }
    if (values.format !== undefined) throw new UsageError("option '--format' is for 'check'; 'policy' prints JSON");
    if (flags.has('--staged')) throw new UsageError("option '--staged' is for 'check', not 'policy'");
    return {
      kind: 'policy',
      project: values.project,
      tenantTag: parseTag('--tenant-tag', values.tenantTag ?? 'tenantId'),
      capsuleTag: parseTag('--capsule-tag', values.capsuleTag ?? 'capsuleId'),
      defaultTable: values.defaultTable,
    };
  }
  const misplaced = POLICY_OPTIONS.find((option) => values[option] !== undefined);
  if (misplaced) throw new UsageError(`option '${flagOf(misplaced)}' is for 'policy', not 'check'`);
  const staged = flags.has('--staged');
  if (staged && files.length > 0) {
    throw new UsageError(`unexpected argument '${files[0]}': --staged checks every file the commit changes and takes no file names`);
  }
  return { kind: 'check', project: values.project, format: parseFormat(values.format), staged, files };
}

function parseTag(flag: string, value: string): string {
  if (TAG.test(value)) return value;
  throw new UsageError(`option '${flag}' must be an IAM tag key (letters, digits and _ . : / = + - @); got '${value}'`);
}

function flagOf(option: ValueOption): string {
  return Object.keys(VALUE_OPTIONS).find((flag) => (VALUE_OPTIONS as Record<string, ValueOption>)[flag] === option) as string;
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`unknown format '${value}' for --format: use ${describeValue('format')}`);
}

function describeValue(option: ValueOption): string {
  if (option === 'format') return FORMATS.join(', ').replace(/, (?=[^,]*$)/u, ' or ');
  if (option === 'project') return 'a tsconfig.json file or a directory';
  return option === 'defaultTable' ? 'a table name' : 'a principal tag key';
}
