import type * as ts from 'typescript';
import { mayMentionLibrary } from '../adapters/library-entities';
import { DecoratorResolver } from '../decorators';
import type { TS } from '../finding';
import { importsReachPackages, mayReachPackages } from '../import-reach';
import { mayImportModules } from '../require-bindings';
import { forEachNodeContaining } from '../walk';
import { checkController, type ControllerFramework } from './controllers';
import { FastifyFile, forEachRouteShapedCall } from './fastify';
import { NESTJS, ROUTE_LIBRARIES, TSOA, type Library } from './libraries';
import { NESTJS_CONTROLLERS } from './nestjs';
import { routeCallSites, writesRouteCall } from './route-call-sites';
import type { RouteFile, RouteReport } from './route-file';
import { TSOA_CONTROLLERS } from './tsoa';

/** The frameworks whose routes are declared by decorators on controller classes. */
const CONTROLLER_LIBRARIES: readonly Library<string>[] = [NESTJS, TSOA];

/**
 * Whether a file's text may declare a framework route: it names one of the frameworks' packages,
 * or, with type information, it writes a route call (the instance's type may come from anywhere,
 * a global declared elsewhere too), or imports something (with `import` or `require`) and writes a
 * decorator, which only an import brings.
 */
export function mayDeclareFrameworkRoutes(text: string, typeInformation: boolean): boolean {
  if (mayMentionLibrary(text) && ROUTE_LIBRARIES.some((library) => library.mentions.some((name) => text.includes(name)))) return true;
  // The decorator test first: it reads less of the text than looking for route calls.
  return typeInformation && ((text.includes('@') && mayImportModules(text)) || writesRouteCall(text));
}

/**
 * Whether a parsed file may declare a framework route: the text pre-filter without type
 * information; with it, it writes a route call (Fastify's routes are found by the calls' shape,
 * since an instance's type may come from elsewhere: `app` imported from the module that made it),
 * or a chain of its imports reaches a controller framework. `declaresNoInstance`: the file is known
 * to declare no controller with a class decorator (see declaresNoLibraryInstance).
 */
export function mayDeclareFrameworkRoutesIn(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker | undefined, declaresNoInstance = false): boolean {
  if (!checker) return mayDeclareFrameworkRoutes(sourceFile.text, false);
  if (routeCallSites(ts, sourceFile).length > 0) return true;
  return !declaresNoInstance && CONTROLLER_LIBRARIES.some((library) => importsReachPackages(ts, sourceFile, checker, library.modules));
}

/**
 * `explicit-route-params` for routes declared with NestJS, tsoa and Fastify, recognised by import.
 * A route declared twice over (two verb decorators, a controller with two paths) may meet the
 * same problem twice at one place: it is reported once.
 */
export function checkFrameworkRoutes(file: RouteFile, report: RouteReport): void {
  const reported = new Set<string>();
  const once: RouteReport = (messageId, data, node, suggestions) => {
    const key = `${messageId}\0${node.getStart(file.sourceFile)}\0${node.end}\0${JSON.stringify(data)}`;
    if (reported.has(key)) return;
    reported.add(key);
    report(messageId, data, node, suggestions);
  };
  const { ts, sourceFile } = file;
  const controllers = [resolved(file, NESTJS, NESTJS_CONTROLLERS), resolved(file, TSOA, TSOA_CONTROLLERS)].flatMap((controller) =>
    controller?.resolver.mayFindDecorators ? [controller] : [],
  );
  if (controllers.length > 0) forEachNodeContaining(ts, sourceFile, '@', (node) => {
    if (!ts.isClassDeclaration(node) && !ts.isClassExpression(node)) return;
    for (const { framework, resolver } of controllers) checkController(file, framework, resolver, node, once);
  });
  let fastify: FastifyFile | undefined;
  forEachRouteShapedCall(ts, sourceFile, (call) => (fastify ??= new FastifyFile(file)).checkCall(call, once));
}

/** A framework's decorators as the file imports them; undefined when, with type information, no chain of its imports reaches the framework. */
function resolved<N extends string>(file: RouteFile, library: Library<N>, framework: ControllerFramework<N>) {
  const { ts, sourceFile, checker } = file;
  if (!mayReachPackages(ts, sourceFile, checker, library.modules)) return undefined;
  return { framework, resolver: new DecoratorResolver(ts, sourceFile, library.modules, checker, library.names) };
}
