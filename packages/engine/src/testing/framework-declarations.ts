/**
 * Declarations of the route frameworks as far as the engine reads them, for typed engine tests
 * (the in-memory project has no node_modules). The end-to-end tests use the real packages.
 */
const VERB = (name: string) => `export declare function ${name}(path?: string | string[]): MethodDecorator;`;

const NESTJS_COMMON = `
export declare function Controller(prefix?: string | string[] | { path?: string | string[]; host?: string | string[]; version?: string }): ClassDecorator;
export declare enum RequestMethod { GET = 0, POST = 1, PUT = 2, DELETE = 3, PATCH = 4, ALL = 5 }
export declare function RequestMapping(metadata?: { path?: string | string[]; method?: RequestMethod }): MethodDecorator;
export declare function HostParam(property?: string): ParameterDecorator;
export declare function Version(version: string): MethodDecorator;
${['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All', 'Search'].map(VERB).join('\n')}
export declare function Param(property?: string | PipeLike, ...pipes: PipeLike[]): ParameterDecorator;
export declare function Query(property?: string | PipeLike, ...pipes: PipeLike[]): ParameterDecorator;
export declare function Body(property?: string | PipeLike, ...pipes: PipeLike[]): ParameterDecorator;
export declare function Req(): ParameterDecorator;
export declare function createParamDecorator(factory: (data: unknown, context: unknown) => unknown): () => ParameterDecorator;
export declare class ParseIntPipe { transform(value: string): number }
type PipeLike = { transform(value: any): any } | (new (...args: any[]) => { transform(value: any): any });
`;

const TSOA = `
export declare function Route(path?: string): ClassDecorator;
${['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options'].map((v) => `export declare function ${v}(path?: string): MethodDecorator;`).join('\n')}
export declare function Path(name?: string): ParameterDecorator;
export declare function Query(name?: string): ParameterDecorator;
export declare function Queries(): ParameterDecorator;
export declare function Body(): ParameterDecorator;
export declare function Request(): ParameterDecorator;
export declare function Header(name?: string): ParameterDecorator;
export declare class Controller {}
`;

/** Shaped as the package declares itself: `export =` of a function, so `require('fastify')()` is typed as in a CommonJS module. */
const FASTIFY = `
type Handler = (request: any, reply: any) => unknown;
interface FastifyInstance {
${['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'].map((v) => `  ${v}(url: string, optionsOrHandler: object | Handler, handler?: Handler): FastifyInstance;`).join('\n')}
  route(options: object): FastifyInstance;
  withTypeProvider<T>(): FastifyInstance;
  register(plugin: (instance: FastifyInstance) => unknown, options?: { prefix?: string }): FastifyInstance;
}
type Fastify = typeof fastify;
declare function fastify(options?: object): FastifyInstance & PromiseLike<FastifyInstance>;
declare namespace fastify {
  export type { FastifyInstance };
  export type FastifyPluginAsync = (instance: FastifyInstance, options: object) => Promise<void>;
  export type FastifyPluginCallback = (instance: FastifyInstance, options: object, done: () => void) => void;
  export const fastify: Fastify;
  export { fastify as default };
}
export = fastify;
`;

const TYPEBOX = `
export declare const Type: { Object(properties: Record<string, unknown>): unknown; String(): unknown; Number(): unknown; Optional(schema: unknown): unknown };
`;

const pkg = (name: string, declarations: string): Record<string, string> => ({
  [`node_modules/${name}/index.d.ts`]: declarations,
  [`node_modules/${name}/package.json`]: JSON.stringify({ name, types: 'index.d.ts' }),
});

/** Files for `CheckOptions.files`: the four packages under the in-memory project's node_modules. */
export const FRAMEWORK_FILES: Readonly<Record<string, string>> = {
  ...pkg('@nestjs/common', NESTJS_COMMON),
  ...pkg('tsoa', TSOA),
  ...pkg('fastify', FASTIFY),
  ...pkg('@sinclair/typebox', TYPEBOX),
};
