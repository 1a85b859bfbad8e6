import { describe, expect, it } from 'vitest';
import { parseArguments, UsageError } from './args';

const usageError = (argv: string[]) => {
  try {
    parseArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
};

describe('parseArguments', () => {
  it('defaults to text output and no project (the nearest tsconfig.json)', () => {
    expect(parseArguments(['check'])).toEqual({ kind: 'check', project: undefined, format: 'text', staged: false, files: [] });
  });

  it.each([
    [['check', '-p', 'tsconfig.json', '--format', 'json'], 'tsconfig.json', 'json'],
    [['check', '--project', 'app', '--format', 'sarif'], 'app', 'sarif'],
    [['check', '--project=app/tsconfig.build.json', '--format=text'], 'app/tsconfig.build.json', 'text'],
    [['--format', 'json', 'check', '-p', 'x'], 'x', 'json'],
  ])('reads %j', (argv, project, format) => {
    expect(parseArguments(argv)).toEqual({ kind: 'check', project, format, staged: false, files: [] });
  });

  it('reads --staged, anywhere on the line', () => {
    expect(parseArguments(['check', '--staged'])).toMatchObject({ staged: true, files: [] });
    expect(parseArguments(['--staged', 'check', '-p', 'app'])).toMatchObject({ staged: true, project: 'app' });
  });

  it('reads file names after the command, also after -- and with spaces', () => {
    expect(parseArguments(['check', 'src/a.ts', '-p', 'app', 'src/my keys.ts'])).toMatchObject({
      staged: false,
      project: 'app',
      files: ['src/a.ts', 'src/my keys.ts'],
    });
    expect(parseArguments(['check', '--', '-odd.ts'])).toMatchObject({ files: ['-odd.ts'] });
  });

  it('reads the policy command, with default principal tags', () => {
    expect(parseArguments(['policy', '-p', 'app'])).toEqual({
      kind: 'policy', project: 'app', tenantTag: 'tenantId', capsuleTag: 'capsuleId', defaultTable: undefined,
    });
    expect(parseArguments(['policy', '--tenant-tag=org', '--capsule-tag', 'env', '--default-table', 'app_data'])).toEqual({
      kind: 'policy', project: undefined, tenantTag: 'org', capsuleTag: 'env', defaultTable: 'app_data',
    });
  });

  it('answers --help and --version whatever else is written', () => {
    expect(parseArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseArguments(['check', '--format', 'xml', '-h'])).toEqual({ kind: 'help' });
    expect(parseArguments(['-v'])).toEqual({ kind: 'version' });
    expect(parseArguments(['check', '--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], "missing command: write 'capsule-guard check'"],
    [['lint'], "unknown command 'lint': the commands are 'check' and 'policy'"],
    [['check', '--fromat', 'json'], "unknown option '--fromat'"],
    [['check', '--noEmit'], "unknown option '--noEmit'"],
    [['check', '--format'], "option '--format' needs a value (text, json or sarif)"],
    [['check', '--format='], "option '--format' needs a value (text, json or sarif)"],
    [['check', '-p', '--format', 'json'], "option '-p' needs a value (a tsconfig.json file or a directory)"],
    [['check', '--format', 'xml'], "unknown format 'xml' for --format: use text, json or sarif"],
    [['check', '--format', 'JSON'], "unknown format 'JSON' for --format: use text, json or sarif"],
    [['check', '-p', 'a', '--project', 'b'], "option '--project' is given more than once"],
    [['check', '--staged', 'src/a.ts'], "unexpected argument 'src/a.ts': --staged checks every file the commit changes and takes no file names"],
    [['check', '--staged=yes'], "option '--staged' takes no value"],
    [['policy', 'src/a.ts'], "unexpected argument 'src/a.ts': 'policy' reads the files of a tsconfig project; name the project with -p"],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});
