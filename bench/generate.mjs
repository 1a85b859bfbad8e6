// @ts-check
/**
 * Generates a synthetic multi-tenant project of a chosen size: groups of ten files, each with
 * entities (nested contexts, inherited fields, constructor parameter properties, platform-scoped
 * ones), a module of key templates the entities import across files, a route controller, a file
 * written with a modelling library or web framework (see library-shapes.mjs) and plain modules
 * that never touch the decorators. One file holds 20 entities, for the editor measurement. Every
 * `leakEvery`-th group ships one deliberate leak, in our own entities or, in turn, in each library
 * shape, so each benchmark run can prove its front end was really switched on by counting exactly
 * that many findings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LEAK_SITES, LIBRARY_BARREL_FILE, LIBRARY_SHAPES, libraryBarrel, libraryFile, shapeOfGroup } from './library-shapes.mjs';

/** @typedef {ReturnType<typeof generateProject>} GeneratedProject what generateProject wrote */

/** Files outside the groups: ids, context types, the base class, shared keys, the library barrel, the 20-entity catalog and its keys. */
const SHARED_FILES = 7;
/** The groups whose ledger entity builds its key from src/shared/keys.ts (see SHARED_KEYS_FILE). */
const SHARED_KEY_DEPENDENTS = 20;

/** A key-constants module that 20 entity files import: the commit of the `check --staged` measurement changes it. */
export const SHARED_KEYS_FILE = 'src/shared/keys.ts';
export const LEDGER_SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';
const FILES_PER_GROUP = 10;

/** The file the editor measurement asks diagnostics for. */
export const CATALOG_FILE = 'src/catalog/entities20.ts';

/**
 * @param {string} dir where to write the project (emptied first)
 * @param {{ files: number, leakEvery?: number, nodeModules: string }} spec
 *   nodeModules: the node_modules the project links to, so it resolves the built packages
 */
export function generateProject(dir, { files, leakEvery = 25, nodeModules }) {
  rmSync(dir, { recursive: true, force: true });
  /**
   * @param {string} path
   * @param {string} text
   */
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const groups = Math.max(1, Math.round((files - SHARED_FILES) / FILES_PER_GROUP));
  let leaks = 0;
  let libraryEntities = 0;
  let libraryRoutes = 0;
  /** @type {Record<string, number>} */
  const libraryFiles = Object.fromEntries(LIBRARY_SHAPES.map((shape) => [shape, 0]));
  write('src/shared/ids.ts', idsModule());
  write('src/shared/context.ts', contextModule());
  write('src/shared/base.ts', baseModule());
  write(SHARED_KEYS_FILE, `/** The scope of ledger keys, shared by the ledgers of the first ${SHARED_KEY_DEPENDENTS} modules. */\nexport const LEDGER_SCOPE = '${LEDGER_SCOPE}';\n`);
  write(LIBRARY_BARREL_FILE, libraryBarrel());
  write('src/catalog/keys.ts', catalogKeys());
  write(CATALOG_FILE, catalogEntities());
  for (let g = 0; g < groups; g++) {
    const n = String(g).padStart(5, '0');
    const leakSite = leakEvery > 0 && g % leakEvery === leakEvery - 1 ? LEAK_SITES[leaks++ % LEAK_SITES.length] : undefined;
    const shape = shapeOfGroup(g, leakSite);
    const library = libraryFile(shape, { n, g, leaky: leakSite === shape });
    libraryFiles[shape]++;
    libraryEntities += library.entities;
    libraryRoutes += library.routes;
    const group = (/** @type {string} */ name, /** @type {string} */ text) => write(`src/m${n}/${name}.ts`, text);
    group('keys', groupKeys(n) + library.keys);
    group('orders', ordersEntities(n, leakSite === 'ours'));
    group('accounts', accountEntities(n));
    group('settings', settingsEntities(n));
    group('ledger', ledgerEntities(n, g < SHARED_KEY_DEPENDENTS));
    group('routes', routesModule(n));
    group(library.name, library.text);
    group('util', utilModule(n));
    group('types', typesModule(n));
    group('format', formatModule(n));
  }
  write('package.json', `${JSON.stringify({ name: 'capsule-guard-bench-project', private: true, type: 'commonjs' }, null, 2)}\n`);
  write('tsconfig.json', tsconfig(true));
  write('tsconfig.plain.json', tsconfig(false));
  for (const typed of [false, true]) {
    for (const kind of ESLINT_CONFIGS) write(eslintConfigName(typed, kind), eslintConfig(typed, kind));
  }
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
  return {
    dir,
    files: SHARED_FILES + groups * FILES_PER_GROUP,
    groups,
    entities: 20 + groups * 8 + libraryEntities,
    /** Entity files importing SHARED_KEYS_FILE. */
    sharedKeyDependents: Math.min(groups, SHARED_KEY_DEPENDENTS),
    routes: groups * 5 + libraryRoutes,
    /** Files written with each library shape, one per group. */
    libraryFiles,
    /** Findings every typed front end must report: one per leaky group. */
    expectedTypedFindings: leaks,
  };
}

/**
 * Makes the generated project a git repository with everything committed, then stages a commit
 * that drops the capsule segment from the shared ledger scope: the one changed file holds no
 * finding, each of the ledger entities importing it holds one. Returns those findings' count.
 * @param {string} dir
 * @param {GeneratedProject} info
 */
export function stageSharedKeyLeak(dir, info) {
  const git = (/** @type {string[]} */ ...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  git('init', '--quiet', '--template=');
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '--message', 'Generated project');
  const keys = join(dir, SHARED_KEYS_FILE);
  const committed = readFileSync(keys, 'utf8');
  writeFileSync(keys, `export const LEDGER_SCOPE = 'TENANT#{tenantId}';\n`);
  git('add', SHARED_KEYS_FILE);
  // The working tree keeps the committed text: only the index holds the leak, so every other
  // measurement (all of them read the working tree) sees the project as generated.
  writeFileSync(keys, committed);
  return info.sharedKeyDependents;
}

/**
 * parser-only: typescript-eslint's parser and no rule. baseline: one rule that does nothing; with
 * any rule on, ESLint also traverses every file and analyses its code paths, which it skips when
 * there is none. recommended: capsule-guard's recommended config. (Typed, typescript-eslint
 * creates the type checker for every parse, rules or not.)
 */
export const ESLINT_CONFIGS = ['parser-only', 'baseline', 'recommended'];

/**
 * @param {boolean} typed
 * @param {string} kind one of ESLINT_CONFIGS
 */
export function eslintConfigName(typed, kind) {
  return `eslint.${kind}.${typed ? 'typed' : 'untyped'}.mjs`;
}

/** @param {boolean} withPlugins */
function tsconfig(withPlugins) {
  const compilerOptions = {
    target: 'es2022',
    // node20 lets a CommonJS module import an ES module (require(esm), Node 20.19): dynamodb-onetable ships its types as one.
    module: 'node20',
    moduleResolution: 'node16',
    types: [],
    strict: true,
    // The decorators of NestJS, tsoa and TypeDORM are TypeScript's experimental ones (parameter decorators among them).
    experimentalDecorators: true,
    skipLibCheck: true,
    rootDir: 'src',
    outDir: 'dist',
    ...(withPlugins
      ? {
          plugins: [
            { name: '@capsule-guard/ts-plugin' },
            { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true },
          ],
        }
      : {}),
  };
  return `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`;
}

/**
 * @param {boolean} typed
 * @param {string} kind one of ESLINT_CONFIGS
 */
function eslintConfig(typed, kind) {
  const parserOptions = typed ? '{ projectService: true, tsconfigRootDir: import.meta.dirname }' : '{}';
  const head = `import tseslint from 'typescript-eslint';\n`;
  const parser = `  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: ${parserOptions} } },\n`;
  if (kind === 'parser-only') return `${head}\nexport default [\n${parser}];\n`;
  if (kind === 'recommended') {
    return `${head}import capsuleGuard from '@capsule-guard/eslint-plugin';\n\nexport default [\n${parser}  capsuleGuard.configs.recommended,\n];\n`;
  }
  return `${head}
const baseline = { rules: { 'do-nothing': { create: () => ({ Program() {} }) } } };

export default [
${parser}  { plugins: { bench: baseline }, rules: { 'bench/do-nothing': 'error' } },
];
`;
}

function idsModule() {
  return `/** Branded identifiers: a TenantId can never be passed where a CapsuleId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
export type TenantId = Brand<string, 'TenantId'>;
export type CapsuleId = Brand<string, 'CapsuleId'>;
export type AccountId = Brand<string, 'AccountId'>;
export type OrderId = Brand<string, 'OrderId'>;

export function tenantId(value: string): TenantId {
  return value as TenantId;
}

export function capsuleId(value: string): CapsuleId {
  return value as CapsuleId;
}
`;
}

function contextModule() {
  return `import type { CapsuleId, TenantId } from './ids';

/** Where an item lives; entities that carry it reach their scope one level down. */
export interface EntityContext {
  tenantId: TenantId;
  capsuleId: CapsuleId;
}

/** Handed to every route handler by the router; never a path or query parameter. */
export interface RequestContext {
  tenantId: TenantId;
  capsuleId: CapsuleId;
  principal: string;
  permissions: readonly string[];
}
`;
}

function baseModule() {
  return `import type { CapsuleId, TenantId } from './ids';

/** Entities extending this inherit their scope fields. */
export abstract class CapsuleScoped {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  createdAt!: string;
  updatedAt!: string;
}
`;
}

function catalogKeys() {
  return `export const CATALOG_SCOPE = 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}';
export const FLAT_SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';
`;
}

function catalogEntities() {
  const parts = [
    `import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, TenantId } from '../shared/ids';
import type { EntityContext } from '../shared/context';
import { CATALOG_SCOPE, FLAT_SCOPE } from './keys';
`,
  ];
  for (let i = 0; i < 20; i++) {
    const name = `Catalog${String(i).padStart(2, '0')}Entity`;
    if (i % 2 === 0) {
      parts.push(`
@entity({
  table: 'platform_data',
  pk: CATALOG_SCOPE + '#ITEM${i}#{id}',
  sk: 'VERSION#{version}',
  gsi: {
    bySku: { pk: CATALOG_SCOPE + '#SKU${i}#{sku}', sk: 'ITEM#{id}' },
    byVendor: { pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#VENDOR${i}#{vendorId}', sk: 'SKU#{sku}' },
  },
})
@capsuleIsolated
export class ${name} {
  context!: EntityContext;
  id!: string;
  sku!: string;
  vendorId!: string;
  version!: number;
  priceMinor!: number;
}
`);
    } else {
      parts.push(`
@entity({
  table: 'platform_data',
  pk: FLAT_SCOPE + '#PRICE${i}#{itemId}',
  sk: 'FROM#{validFrom}',
  gsi: { byList: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#LIST${i}#{listId}', sk: 'ITEM#{itemId}' } },
})
@capsuleIsolated()
export class ${name} {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  itemId!: string;
  listId!: string;
  validFrom!: string;
  amountMinor!: number;
}
`);
    }
  }
  return parts.join('');
}

/** @param {string} n the group's number */
function groupKeys(n) {
  return `/** Key templates shared by the entities of module ${n}; the checks follow them across files. */
export const SCOPE_${n} = 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}';
export const ORDER_PK_${n} = SCOPE_${n} + '#ORDER#{id}';
export const ORDER_BY_CUSTOMER_PK_${n} = SCOPE_${n} + '#CUSTOMER#{customerId}';
export const ACCOUNT_PK_${n} = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ACCOUNT#{accountId}';
export const ACCOUNT_SK_${n} = 'PROFILE';
`;
}

/**
 * @param {string} n
 * @param {boolean} leaky
 */
function ordersEntities(n, leaky) {
  // The leak is the shipped bug from the SPEC: a GSI partition key without its TENANT segment.
  const byStatusPk = leaky
    ? `'CAPSULE#{context.capsuleId}#STATUS#{status}'`
    : `'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#STATUS#{status}'`;
  return `import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { EntityContext } from '../shared/context';
import type { OrderId } from '../shared/ids';
import { ORDER_BY_CUSTOMER_PK_${n}, ORDER_PK_${n} } from './keys';

export type OrderStatus${n} = 'draft' | 'placed' | 'shipped' | 'cancelled';

@entity({
  table: 'platform_data',
  pk: ORDER_PK_${n},
  sk: 'METADATA#v{version}',
  gsi: {
    byCustomer: { pk: ORDER_BY_CUSTOMER_PK_${n}, sk: 'ORDER#{id}' },
    byStatus: { pk: ${byStatusPk}, sk: 'PLACED#{placedAt}' },
  },
})
@capsuleIsolated
export class Order${n}Entity {
  context!: EntityContext;
  id!: OrderId;
  customerId!: string;
  status!: OrderStatus${n};
  placedAt!: string;
  version!: number;
  totalMinor!: number;
}

@entity({
  table: 'platform_data',
  pk: 'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}#ORDER#{orderId}',
  sk: 'LINE#{lineNumber}',
})
@capsuleIsolated
export class OrderLine${n}Entity {
  context!: EntityContext;
  orderId!: OrderId;
  lineNumber!: number;
  sku!: string;
  quantity!: number;
}

export function orderTotal${n}(lines: readonly OrderLine${n}Entity[], price: (sku: string) => number): number {
  return lines.reduce((sum, line) => sum + line.quantity * price(line.sku), 0);
}
`;
}

/** @param {string} n the group's number */
function accountEntities(n) {
  return `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { CapsuleScoped } from '../shared/base';
import type { AccountId } from '../shared/ids';
import { ACCOUNT_PK_${n}, ACCOUNT_SK_${n} } from './keys';

@entity({ table: 'platform_data', pk: ACCOUNT_PK_${n}, sk: ACCOUNT_SK_${n} })
@capsuleIsolated
export class Account${n}Entity extends CapsuleScoped {
  accountId!: AccountId;
  name!: string;
  email!: string;
}

@entity({
  table: 'platform_data',
  pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ACCOUNT#{accountId}',
  sk: 'CONTACT#{contactId}',
  gsi: { byEmail: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#EMAIL#{email}', sk: 'CONTACT#{contactId}' } },
})
@capsuleIsolated
export class Contact${n}Entity extends CapsuleScoped {
  accountId!: AccountId;
  contactId!: string;
  email!: string;
}
`;
}

/** @param {string} n the group's number */
function settingsEntities(n) {
  return `import { entity, platformScoped } from '@capsule-guard/core';

const FEATURE_PK = 'PLATFORM#FEATURE#{feature}';

@entity({ table: 'platform_data', pk: FEATURE_PK, sk: 'MODULE#${n}' })
@platformScoped({ reason: 'feature flags are rolled out to every capsule at once' })
export class Feature${n}Entity {
  feature!: string;
  enabled!: boolean;
}

@entity({ table: 'platform_data', pk: 'PLATFORM#REGION#{region}', sk: 'MODULE#${n}' })
@platformScoped({ reason: 'region metadata is shared infrastructure' })
export class Region${n}Entity {
  region!: string;
  endpoints!: string[];
}
`;
}

/**
 * @param {string} n
 * @param {boolean} sharedScope
 */
function ledgerEntities(n, sharedScope) {
  const scopeImport = sharedScope ? `import { LEDGER_SCOPE } from '../shared/keys';\n` : '';
  const pk = sharedScope ? `LEDGER_SCOPE + '#LEDGER#{ledgerId}'` : `'${LEDGER_SCOPE}#LEDGER#{ledgerId}'`;
  return `import { capsuleIsolated, entity } from '@capsule-guard/core';
import type { CapsuleId, TenantId } from '../shared/ids';
${scopeImport}
@entity({
  table: 'platform_data',
  pk: ${pk},
  sk: 'ENTRY#{postedAt}#{entryId}',
})
@capsuleIsolated
export class LedgerEntry${n}Entity {
  constructor(
    readonly tenantId: TenantId,
    readonly capsuleId: CapsuleId,
    readonly ledgerId: string,
    readonly entryId: string,
    readonly postedAt: string,
    readonly amountMinor: number,
  ) {}
}

@entity({ table: 'platform_data', pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#PERIOD#{period}', sk: 'CLOSE' })
@capsuleIsolated
export class PeriodClose${n}Entity {
  tenantId!: TenantId;
  capsuleId!: CapsuleId;
  period!: string;
  closedBy?: string;
}
`;
}

/** @param {string} n the group's number */
function routesModule(n) {
  return `import { apiEndpoint } from '@capsule-guard/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../shared/context';
import type { OrderId } from '../shared/ids';
import type { Order${n}Entity } from './orders';

export interface OrderQuery${n} {
  status?: string;
  limit?: number;
}

export class Order${n}Routes {
  constructor(private readonly orders: Map<string, Order${n}Entity>) {}

  @apiEndpoint({
    path: '/orders/{orderId}',
    method: 'GET',
    permission: 'orders.read',
    pathParams: ['orderId'],
    queryParams: [],
  })
  async getOrder(ctx: RequestContext, orderId: OrderId): Promise<Order${n}Entity | undefined> {
    return ctx.permissions.includes('orders.read') ? this.orders.get(orderId) : undefined;
  }

  @apiEndpoint({ path: '/customers/:customerId/orders', method: 'GET', pathParams: ['customerId'], queryParams: ['query'] })
  async listOrders(customerId: string, query: OrderQuery${n}): Promise<Order${n}Entity[]> {
    const all = [...this.orders.values()].filter((order) => order.customerId === customerId);
    return all.filter((order) => !query.status || order.status === query.status).slice(0, query.limit ?? 50);
  }

  @apiEndpoint({ path: '/orders', method: 'POST', pathParams: [], queryParams: [], body: 'input' })
  async createOrder(ctx: RequestContext, input: Pick<Order${n}Entity, 'customerId' | 'totalMinor'>): Promise<string> {
    return \`\${ctx.tenantId}/\${input.customerId}/\${input.totalMinor}\`;
  }
}

/** The same orders served by Fastify: TypeBox and JSON-schema params, checked by the same rule. */
const OrderPath${n} = Type.Object({ customerId: Type.String(), orderId: Type.String() });

export function registerOrderRoutes${n}(app: FastifyInstance): void {
  app.get('/customers/:customerId/orders/:orderId', { schema: { params: OrderPath${n} } }, async (request) => request.params);
  app.route({
    method: 'GET',
    url: '/customers/:customerId/orders',
    schema: { params: { type: 'object', properties: { customerId: { type: 'string' } } }, querystring: Type.Object({ status: Type.Optional(Type.String()) }) },
    handler: async () => [],
  });
}
`;
}

/** @param {string} n the group's number */
function utilModule(n) {
  return `export function groupBy${n}<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function sumBy${n}<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}

export function pick${n}<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const key of keys) result[key] = value[key];
  return result;
}

export function chunk${n}<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
`;
}

/** @param {string} n the group's number */
function typesModule(n) {
  return `export type Event${n} =
  | { readonly kind: 'created'; readonly at: string; readonly by: string }
  | { readonly kind: 'updated'; readonly at: string; readonly fields: readonly string[] }
  | { readonly kind: 'deleted'; readonly at: string; readonly reason?: string };

export type Handlers${n} = { readonly [K in Event${n}['kind']]: (event: Extract<Event${n}, { kind: K }>) => string };

export type DeepReadonly${n}<T> = T extends (infer U)[]
  ? readonly DeepReadonly${n}<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly${n}<T[K]> }
    : T;

export interface Page${n}<T> {
  readonly items: readonly T[];
  readonly next?: string;
}
`;
}

/** @param {string} n the group's number */
function formatModule(n) {
  return `import type { Event${n}, Handlers${n}, Page${n} } from './types';
import { chunk${n} } from './util';

const handlers: Handlers${n} = {
  created: (event) => \`created by \${event.by} at \${event.at}\`,
  updated: (event) => \`updated \${event.fields.join(', ')} at \${event.at}\`,
  deleted: (event) => \`deleted at \${event.at}\${event.reason ? \` (\${event.reason})\` : ''}\`,
};

export function describe${n}(event: Event${n}): string {
  switch (event.kind) {
    case 'created':
      return handlers.created(event);
    case 'updated':
      return handlers.updated(event);
    case 'deleted':
      return handlers.deleted(event);
  }
}

export function paginate${n}<T>(items: readonly T[], size: number): Page${n}<T>[] {
  const pages = chunk${n}(items, size);
  return pages.map((page, index) => ({ items: page, next: index + 1 < pages.length ? String(index + 1) : undefined }));
}
`;
}
