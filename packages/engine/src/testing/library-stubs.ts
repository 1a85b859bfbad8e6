/**
 * Declarations of the modelling libraries, as much of them as a test project imports: typed runs
 * resolve `electrodb`, `dynamodb-onetable` and `@typedorm/common` to these, never to the packages.
 */
export const LIBRARY_STUBS: Readonly<Record<string, string>> = {
  'node_modules/electrodb/package.json': '{"name":"electrodb","types":"index.d.ts"}',
  'node_modules/electrodb/index.d.ts': 'export declare class Entity { constructor(schema: unknown, config?: unknown); }\nexport declare class Service { constructor(entities: unknown); }\n',
  'node_modules/dynamodb-onetable/package.json': '{"name":"dynamodb-onetable","types":"index.d.ts"}',
  'node_modules/dynamodb-onetable/index.d.ts':
    'export type OneSchema = { version: string; indexes: Record<string, unknown>; models: Record<string, unknown>; params?: unknown };\nexport declare class Table { constructor(params: { schema?: OneSchema; name?: string; client?: unknown }); }\n',
  'node_modules/@typedorm/common/package.json': '{"name":"@typedorm/common","types":"index.d.ts"}',
  'node_modules/@typedorm/common/index.d.ts':
    'export declare function Entity(options: unknown): <T>(target: T, context?: unknown) => T;\nexport declare function Attribute(options?: unknown): any;\nexport declare enum INDEX_TYPE { GSI = "GLOBAL_SECONDARY_INDEX", LSI = "LOCAL_SECONDARY_INDEX" }\n',
};
