import type * as ts from 'typescript';
import { anchorWithin, type Report } from '../rules/check-targets';
import type { DeclarationFinder } from '../declarations';
import type { DecoratorResolver } from '../decorators';
import { skipWrappers } from '../decorators';
import type { TS, TextEdit } from '../finding';
import { identifierRules } from '../identifiers';
import type { CapsuleGuardOptions } from '../options';
import { parseRoutePath } from '../route-path';
import type { StaticEvaluator, StaticInput, Unknown } from '../static-value';
import type { UrlPart } from './route-model';
import { parseUrlPath, type UrlPathParse } from './url-path';
import type { messages as routeMessages } from '../rules/explicit-route-params';

export type RouteReport = Report<keyof typeof routeMessages>;

/** What every framework's reader works with in one file. */
export interface RouteFile {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  readonly options: CapsuleGuardOptions;
  readonly checker: ts.TypeChecker | undefined;
  readonly evaluator: StaticEvaluator;
  readonly finder: DeclarationFinder;
  /**
   * Our own decorators. One of ours is no framework's, and ours are mostly imported by name, which
   * answers without the checker: classes and methods decorated only with ours are passed over
   * without asking it where each decorator comes from.
   */
  readonly ours: DecoratorResolver;
}

/** Which pattern syntax a framework reads its paths with. */
export type PathSyntax = 'express' | 'tsoa';

const LITERAL_FIX = 'Write a string literal, a const, or a concatenation of those.';

/**
 * Reports a value that could not be read, with the message its cause calls for. The messages of a
 * cause (shared with `@apiEndpoint`) put "the" before the subject themselves.
 */
export function reportUnreadable(report: RouteReport, value: Unknown, route: string, subject: string, node: ts.Node, fix = LITERAL_FIX): void {
  if (value.cause) report(value.cause, { route, subject: subject.replace(/^the /u, ''), reason: value.reason }, node);
  else report('unverifiableRoutePart', { route, subject, reason: value.reason, fix }, node);
}

/**
 * The URL pieces a path argument stands for: one for a string, one per element for an array
 * (NestJS serves each). Undefined, after reporting, when it cannot be read or is malformed.
 * Findings are shown on what is written inside `container` (the decorator or route call).
 */
export function readUrlParts(
  file: RouteFile,
  input: StaticInput,
  container: ts.Node,
  context: { readonly route: string; readonly subject: string; readonly syntax: PathSyntax },
  report: RouteReport,
): UrlPart[] | undefined {
  const written = 'entry' in input ? input.value : input;
  const anchor = 'entry' in input ? anchorWithin(container, container, input.value, input.entry) : anchorWithin(container, container, input);
  const single = file.evaluator.string(input);
  if (single.ok) {
    const part = parsedPart(file, single.value, anchor, context, report);
    return part && [part];
  }
  if (file.ts.isArrayLiteralExpression(skipWrappers(file.ts, written)) || isArrayConst(file, written)) {
    const list = file.evaluator.stringList(input);
    if (!list.ok) {
      reportUnreadable(report, list, context.route, context.subject, anchor);
      return undefined;
    }
    const parts = list.value.map((element) => parsedPart(file, element.value, anchorWithin(container, anchor, element.node, element.entry), context, report));
    return parts.every((part): part is UrlPart => part !== undefined) ? parts : undefined;
  }
  reportUnreadable(report, single, context.route, context.subject, anchor);
  return undefined;
}

/** A const whose initializer is an array literal: read as a list of paths rather than as a string. */
function isArrayConst(file: RouteFile, expression: ts.Expression): boolean {
  const initializer = constInitializer(file, expression);
  return initializer !== undefined && file.ts.isArrayLiteralExpression(initializer);
}

function parsedPart(
  file: RouteFile,
  text: string,
  anchor: ts.Node,
  context: { readonly route: string; readonly syntax: PathSyntax },
  report: RouteReport,
): UrlPart | undefined {
  const parsed = context.syntax === 'express' ? parseUrlPath(text) : parseTsoaPath(file, text);
  if (!parsed.ok) {
    report('malformedPath', { route: context.route, path: text, problem: parsed.problem }, anchor);
    return undefined;
  }
  return { text, anchor, placeholders: parsed.placeholders };
}

/** tsoa's `{name}` and `:name`, read by the tokenizer of our own decorator's paths. */
function parseTsoaPath(file: RouteFile, text: string): UrlPathParse {
  const parsed = parseRoutePath(text, identifierRules(file.ts, file.sourceFile.languageVersion));
  if (!parsed.ok) return { ok: false, problem: parsed.error.problem };
  return { ok: true, placeholders: parsed.placeholders.map((p) => ({ ...p, optional: false, anonymous: false })) };
}

/** `/tenants/:tenantId` + `contracts/:id` as the framework joins them: one `/` between pieces. */
export function joinUrl(parts: readonly UrlPart[]): string {
  const pieces = parts.map((part) => part.text.replace(/^\/+|\/+$/gu, '')).filter((piece) => piece !== '');
  return `/${pieces.join('/')}`;
}

/**
 * The initializer of the const an identifier names, through chains of consts; undefined when it
 * names anything else or cannot be found. Used where the value is a call (TypeBox's
 * `Type.Object({...})`) that the static evaluator rightly refuses to run.
 */
export function constInitializer(file: RouteFile, expression: ts.Expression): ts.Expression | undefined {
  const { ts } = file;
  let current = skipWrappers(ts, expression);
  for (let depth = 0; ts.isIdentifier(current) && depth < 20; depth += 1) {
    const lookup = file.finder.find(current);
    if (lookup.kind !== 'found') return undefined;
    const declaration = lookup.declarations.find((d): d is ts.VariableDeclaration => ts.isVariableDeclaration(d));
    if (!declaration?.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
    current = skipWrappers(ts, declaration.initializer);
  }
  return ts.isIdentifier(current) ? undefined : current;
}

/** An identifier for a parameter name that may not be one: `contract-id` becomes `contractId`. */
export function identifierFor(name: string): string {
  const camel = name.replace(/[^\p{ID_Continue}$]+(.)?/gu, (_, next: string | undefined) => (next ?? '').toUpperCase());
  return /^[\p{ID_Start}$_]/u.test(camel) ? camel : `_${camel}`;
}

/** Inserts a parameter (`@Param('id') id: string`) at the end of a method's parameter list. */
export function appendParameter(file: RouteFile, method: ts.MethodDeclaration, text: string): TextEdit {
  const last = method.parameters[method.parameters.length - 1];
  if (last) return { start: last.end, end: last.end, text: `, ${text}` };
  const open = method.parameters.pos;
  return { start: open, end: open, text };
}
