import { describe, expect, it } from 'vitest';
import { resolveOptions, type IsolateClientOptions } from './options';
import { asEntity, ContractEntity, declare, FeatureFlagEntity, isolated, platform, RoleEntity, TenantEntity } from './test-support/entities';

const summary = (options: IsolateClientOptions) =>
  [...resolveOptions(options).tables.values()].map((t) => ({ ...t, indexes: Object.fromEntries(t.indexes), keyAttributes: [...t.keyAttributes] }));

describe('tables from entity metadata', () => {
  it('isolates the tables of @capsuleIsolated entities with every GSI, and keeps platform prefixes of the same table', () => {
    expect(summary({ entities: [RoleEntity, ContractEntity, TenantEntity, FeatureFlagEntity] })).toEqual([
      {
        name: 'platform_data',
        partitionKey: 'pk',
        indexes: { gsi1: 'gsi1pk', gsi2: 'gsi2pk' },
        keyAttributes: ['pk', 'gsi1pk', 'gsi2pk'],
        platformPrefixes: ['PLATFORM#TENANT#'],
      },
    ]);
  });

  it('takes key attributes from tables, and the table of entities without one from defaultTable', () => {
    const Untabled = declare(class Untabled {}, asEntity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#X', gsi: { byX: { pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#Y' } } }), isolated);
    expect(summary({ entities: [Untabled], defaultTable: 'main', tables: { main: { partitionKey: 'PK', indexes: { byX: 'GSI1PK' } } } })).toEqual([
      { name: 'main', partitionKey: 'PK', indexes: { byX: 'GSI1PK' }, keyAttributes: ['PK', 'GSI1PK'], platformPrefixes: [] },
    ]);
  });

  it('isolates tables listed explicitly, for projects without @entity', () => {
    expect(summary({ tables: { app: { partitionKey: 'pk', indexes: { gsi1: 'gsi1pk', lsi1: 'pk' }, platformPrefixes: ['GLOBAL#'] } } })).toEqual([
      { name: 'app', partitionKey: 'pk', indexes: { gsi1: 'gsi1pk', lsi1: 'pk' }, keyAttributes: ['pk', 'gsi1pk'], platformPrefixes: ['GLOBAL#'] },
    ]);
  });
});

describe('option errors name the option and what to write', () => {
  const Plain = class Plain {};
  const NoScope = declare(class NoScope {}, asEntity({ table: 't', pk: 'X#{id}' }));
  const Both = declare(class Both {}, asEntity({ table: 't', pk: 'X#{id}' }), isolated, platform('r'));
  const NoTable = declare(class NoTable {}, asEntity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}' }), isolated);
  const Leading = declare(class Leading {}, asEntity({ table: 'platform_data', pk: '{id}' }), platform('r'));
  const Overlap = declare(class Overlap {}, asEntity({ table: 'platform_data', pk: 'TENANT#{id}' }), platform('r'));

  it.each<[string, unknown, string]>([
    ['not an object', undefined, 'isolateClient: the options must be an object with entities and/or tables; got undefined.'],
    ['unknown key', { entity: [] }, 'isolateClient: option "entity" is not an option; the options are entities, tables, defaultTable, tenantPrefix, capsulePrefix, delimiter.'],
    ['nothing to isolate', { entities: [FeatureFlagEntity] }, 'isolateClient: no table to isolate: pass entities with at least one @capsuleIsolated entity, or tables.'],
    ['entities not an array', { entities: RoleEntity }, 'isolateClient: option "entities" must be an array of @entity classes; got function RoleEntity.'],
    ['not an entity', { entities: [Plain] }, 'isolateClient: option "entities[0]" is class Plain, which is not declared with @entity.'],
    ['no scope', { entities: [NoScope] }, 'isolateClient: option "entities[0]" is entity NoScope, which declares no scope: write exactly one of @capsuleIsolated or @platformScoped({ reason }).'],
    ['two scopes', { entities: [RoleEntity, Both] }, 'isolateClient: option "entities[1]" is entity Both, which declares more than one scope: write exactly one of @capsuleIsolated or @platformScoped({ reason }).'],
    ['no table', { entities: [NoTable] }, "isolateClient: option \"entities[0]\" is entity NoTable, whose @entity names no table: add table: '…' to it, or pass the option defaultTable."],
    ['missing index attribute', { entities: [RoleEntity], tables: { platform_data: { partitionKey: 'pk' } } }, "isolateClient: option \"tables.platform_data.indexes\" has no entry for index 'gsi1', which entity RoleEntity declares: add gsi1: '<its partition key attribute>'."],
    ['table without partitionKey', { tables: { t: { indexes: {} } } }, 'isolateClient: option "tables.t.partitionKey" must be a non-empty string; got undefined.'],
    ['unknown table key', { tables: { t: { partitionKey: 'pk', gsi: {} } } }, 'isolateClient: option "tables.t.gsi" is not an option; the options are partitionKey, indexes, platformPrefixes.'],
    ['index attribute empty', { tables: { t: { partitionKey: 'pk', indexes: { gsi1: '' } } } }, 'isolateClient: option "tables.t.indexes.gsi1" must be a non-empty string; got "".'],
    ['platform template begins with a placeholder', { entities: [RoleEntity, Leading] }, "isolateClient: option \"entities\" includes platform-scoped entity Leading, stored in isolated table 'platform_data', whose pk template begins with a placeholder: its keys cannot be told apart from capsule keys. Begin it with a literal segment such as 'PLATFORM#'."],
    ['platform prefix overlapping the tenant segment', { entities: [RoleEntity, Overlap] }, "isolateClient: option \"tables.platform_data.platformPrefixes\" cannot allow \"TENANT#\" (the pk template of platform-scoped entity Overlap): capsule-isolated keys begin with \"TENANT#\", so it would let other capsules' keys through. Give platform-wide keys a prefix of their own, e.g. 'PLATFORM#'."],
    ['explicit prefix shorter than the tenant segment', { tables: { t: { partitionKey: 'pk', platformPrefixes: ['TEN'] } } }, 'cannot allow "TEN" (listed in the option)'],
    ['empty delimiter', { tables: { t: { partitionKey: 'pk' } }, delimiter: '' }, 'isolateClient: option "delimiter" must be a non-empty string; got "".'],
    ['prefix containing the delimiter', { tables: { t: { partitionKey: 'pk' } }, tenantPrefix: 'T#N' }, 'isolateClient: option "tenantPrefix" must not contain the delimiter "#"; got "T#N".'],
    ['equal prefixes', { tables: { t: { partitionKey: 'pk' } }, tenantPrefix: 'X', capsulePrefix: 'X' }, 'isolateClient: option "capsulePrefix" must differ from tenantPrefix; both are "X".'],
  ])('%s', (_, options, message) => {
    expect(() => resolveOptions(options as IsolateClientOptions)).toThrow(TypeError);
    expect(() => resolveOptions(options as IsolateClientOptions)).toThrow(message);
  });
});
