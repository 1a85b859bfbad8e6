import { entityMetadata, isUserSourceFile, projectDirectoryOf, type EntityMetadata, type TS } from '@capsule-guard/engine';
import { guardFile } from './check';
import { ConfigurationError, displayPath, type Project } from './project';

/** The item actions granted; table-wide ones (Scan, PartiQL, exports) are never granted. */
export const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export interface PolicySettings {
  /** Principal tags holding the tenant and capsule ids. */
  readonly tenantTag: string;
  readonly capsuleTag: string;
  /** The table of entities whose `@entity` names none. */
  readonly defaultTable: string | undefined;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, readonly string[]>>;
}

export interface Policy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

/** The policy, and which entities each statement (by Sid) covers, for the user to review. */
export interface PolicyResult {
  readonly policy: Policy;
  readonly coverage: ReadonlyMap<string, readonly string[]>;
  /** What the user must know before deploying the policy, one line each. */
  readonly warnings: readonly string[];
}

const ISOLATED_SID = 'CapsuleIsolatedItems';
/** How `@entity` templates write a placeholder. */
const OUR_PLACEHOLDERS = { open: '{', close: '}' };
const PLATFORM_SID = 'PlatformScopedItems';

/**
 * An IAM policy that grants the item actions on the tables of isolated entities only on
 * partitions whose key begins with the principal's own `TENANT#…#CAPSULE#…#` (what the
 * `scopeAtStart` option guarantees of every isolated key), and on the tables of platform-scoped
 * entities only on partitions beginning with those entities' fixed key prefix. An entity without
 * a scope counts as isolated: when in doubt, isolate it.
 */
export function buildPolicy(ts: TS, project: Project, cwd: string, settings: PolicySettings): PolicyResult {
  const { program, options } = project;
  const checker = program.getTypeChecker();
  const projectDirectory = projectDirectoryOf(program);
  const entities = program
    .getSourceFiles()
    .filter((sourceFile) => isUserSourceFile(program, sourceFile))
    .flatMap((sourceFile) => guardFile(displayPath(sourceFile.fileName, cwd), () => entityMetadata(ts, sourceFile, { checker, options, projectDirectory })));
  const withoutTable = entities.filter((entity) => entity.table === undefined);
  if (withoutTable.length > 0 && settings.defaultTable === undefined) {
    throw new ConfigurationError(
      `no table for ${withoutTable.map((e) => `${entityLabel(e)} (${displayPath(e.fileName, cwd)})`).join(', ')}: ` +
        "give @entity a literal table: '…' (an ElectroDB entity { table: '…' }, a OneTable new Table({ name: '…' })), or name the table of such entities with --default-table <name>",
    );
  }
  const tableOf = (entity: EntityMetadata): string => entity.table ?? (settings.defaultTable as string);
  const isolated = entities.filter((entity) => entity.scope !== 'platformScoped');
  const platform = entities.filter((entity) => entity.scope === 'platformScoped');
  const { tenantPrefix, capsulePrefix, delimiter: d } = options;
  const statements: Statement[] = [];
  const coverage = new Map<string, string[]>();
  if (isolated.length > 0) {
    const scope = `${tenantPrefix}${d}\${aws:PrincipalTag/${settings.tenantTag}}${d}${capsulePrefix}${d}\${aws:PrincipalTag/${settings.capsuleTag}}${d}*`;
    statements.push(statement(ISOLATED_SID, isolated.map(tableOf), [scope]));
    coverage.set(ISOLATED_SID, isolated.map((e) => e.className));
  }
  if (platform.length > 0) {
    // A platform key's text up to its first placeholder; the whole partition space if it has none.
    const prefixes = platform.map((entity) => `${entity.keyPrefix ?? ''}*`);
    statements.push(statement(PLATFORM_SID, platform.map(tableOf), prefixes));
    coverage.set(PLATFORM_SID, platform.map((e) => e.className));
  }
  const scope = ({ open, close } = OUR_PLACEHOLDERS): string => `${tenantPrefix}${d}${open}tenantId${close}${d}${capsulePrefix}${d}${open}capsuleId${close}`;
  const warnings = unmatchedKeys(isolated, `${tenantPrefix}${d}`, scope, cwd);
  return { policy: { Version: '2012-10-17', Statement: statements }, coverage, warnings };
}

/**
 * Isolated entities whose stored partition keys do not begin with the tenant segment: keys that
 * place the scope later, or an ElectroDB key built from `composite` alone, which ElectroDB stores
 * as `$service#tenantid_…`. The condition cannot match them, so the policy denies their items:
 * safe, but the application would fail at run time, so the user is told which and what to write.
 */
function unmatchedKeys(
  isolated: readonly EntityMetadata[],
  scopeStart: string,
  scope: (placeholders: EntityMetadata['placeholders']) => string,
  cwd: string,
): string[] {
  const unmatched = isolated.filter((entity) => entity.keyPrefix !== undefined && !entity.keyPrefix.startsWith(scopeStart));
  return unmatched.map((entity) => {
    const template = scope(entity.placeholders);
    // ElectroDB builds a key without a template from `composite`, lowercased unless told otherwise.
    const instead = entity.library === 'ElectroDB' ? `a template on the access pattern beginning '${template}', with casing: 'none'` : `a partition key beginning '${template}'`;
    return (
      `warning: ${entityLabel(entity)} (${displayPath(entity.fileName, cwd)}) stores partition keys ` +
      `beginning '${entity.keyPrefix ?? ''}', which the ${ISOLATED_SID} condition ('${scopeStart}…') never matches: the policy denies its items. Give it ${instead}.`
    );
  });
}

/** A library entity's name already says what it is ("ElectroDB entity 'contract'"); a class name is quoted. */
function entityLabel(entity: EntityMetadata): string {
  return entity.library ? entity.className : `'${entity.className}'`;
}

function statement(sid: string, tables: readonly string[], leadingKeys: readonly string[]): Statement {
  const names = [...new Set(tables)].sort();
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [...ITEM_ACTIONS],
    Resource: names.flatMap((name) => [`arn:aws:dynamodb:*:*:table/${name}`, `arn:aws:dynamodb:*:*:table/${name}/index/*`]),
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...new Set(leadingKeys)].sort() } },
  };
}

/** Which entities each statement covers: IAM has no field for it, so it is printed beside the policy. */
export function describeCoverage(coverage: ReadonlyMap<string, readonly string[]>): string {
  return [...coverage].map(([sid, classes]) => `${sid}: ${classes.join(', ')}\n`).join('');
}
