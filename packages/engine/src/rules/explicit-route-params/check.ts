import type * as ts from 'typescript';
import { addProperty, appendToList, removeFromList, replaceString, suggestion } from '../../edits';
import type { Suggestion, TS } from '../../finding';
import { identifierRules } from '../../identifiers';
import { parseRoutePath, type PathPlaceholder } from '../../route-path';
import type { DecoratorUse } from '../../decorators';
import type { StaticElement, StaticProperty, Unknown } from '../../static-value';
import type { DecoratedMethod, MethodCheck, Report } from '../check-targets';
import { anchorWithin, isWithin } from '../check-targets';
import type { messages } from '.';

type RouteReport = Report<keyof typeof messages>;
type ListName = 'pathParams' | 'queryParams';

/** A declared list as resolved, with each element's report location inside the decorator. */
interface DeclaredList {
  readonly name: ListName;
  readonly elements: readonly { readonly value: string; readonly anchor: ts.Node }[];
  /** The array literal written in the decorator, which suggestions edit; undefined for a const. */
  readonly literal: ts.ArrayLiteralExpression | undefined;
}

/** What the suggestions of a route need: the file, and the options object as written. */
interface RouteEdits {
  readonly ts: TS;
  readonly sourceFile: ts.SourceFile;
  /** The options object literal written in the decorator, if it is one. */
  readonly object: ts.ObjectLiteralExpression | undefined;
}

/**
 * Routes say explicitly which parameters come from the path and which from the query string.
 * Inference got this wrong in practice (a query object documented as a path parameter), so
 * nothing is inferred: both lists are required and must agree with the path and the signature.
 */
export const checkRouteParams: MethodCheck<keyof typeof messages> = (target, report) => {
  // Each @apiEndpoint is a route of its own (one handler serving /v1/… and /v2/…).
  for (const use of target.decorators) {
    if (use.name === 'apiEndpoint') checkRoute(target, use, report);
  }
};

/** One @apiEndpoint whose options object could be read: where its parts are and how findings are made. */
interface RouteSite {
  readonly target: DecoratedMethod;
  readonly decorator: ts.Decorator;
  /** The options argument as written; findings about a missing property are shown on it. */
  readonly optionsExpression: ts.Expression;
  readonly options: ReadonlyMap<string, StaticProperty>;
  readonly edits: RouteEdits;
  readonly report: RouteReport;
}

/** Everything read from one route before its parts are compared. */
interface Route {
  readonly site: RouteSite;
  /** `GET /accounts/{accountId}` once the path is known, the method's name before. */
  readonly label: string;
  readonly path: ResolvedPath | undefined;
  readonly parameters: readonly MethodParameter[];
  readonly bodyName: string | undefined;
  readonly pathList: DeclaredList | undefined;
  readonly queryList: DeclaredList | undefined;
}

/** A route whose lists are still being read. */
type RouteBeforeLists = Omit<Route, 'pathList' | 'queryList'>;

function checkRoute(target: DecoratedMethod, use: DecoratorUse, report: RouteReport): void {
  const site = readSite(target, use, report);
  if (!site) return;
  const pathText = readPathText(site);
  const label = pathText ? routeLabel(site, pathText.text) : target.methodName;
  const path = pathText && parsePath(site, pathText, label);
  const parameters = methodParameters(target);
  const bodyName = readBody(site, parameters, label);
  const known = { site, label, path, parameters, bodyName };
  const pathList = readList(known, 'pathParams', []);
  const queryList = readList(known, 'queryParams', pathList ? [pathList] : []);
  const route: Route = { ...known, pathList, queryList };

  for (const list of [pathList, queryList]) if (list) checkDuplicates(route, list);
  if (pathList && queryList) checkOverlap(route, pathList, queryList);
  if (path && pathList) checkAgainstPath(route, path, pathList);
  for (const list of [pathList, queryList]) if (list) checkAgainstSignature(route, list);
  if (pathList && queryList) checkSignatureDeclared(route, [pathList, queryList]);
}

/** The decorator's options as a static object, or undefined after reporting why they cannot be read. */
function readSite(target: DecoratedMethod, use: DecoratorUse, report: RouteReport): RouteSite | undefined {
  const route = target.methodName;
  const [optionsExpression] = use.call?.arguments ?? [];
  if (!optionsExpression) {
    report('unverifiableOptions', { route, reason: 'the decorator is given no options' }, use.decorator.expression);
    return undefined;
  }
  const options = target.evaluator.properties(optionsExpression);
  if (!options.ok) {
    if (!reportedByCause(report, options, route, '@apiEndpoint options object', optionsExpression)) {
      report('unverifiableOptions', { route, reason: options.reason }, optionsExpression);
    }
    return undefined;
  }
  const edits: RouteEdits = {
    ts: target.ts,
    sourceFile: target.sourceFile,
    object: target.ts.isObjectLiteralExpression(optionsExpression) ? optionsExpression : undefined,
  };
  return { target, decorator: use.decorator, optionsExpression, options: options.value, edits, report };
}

/** Where a finding about a value is shown: see `anchorWithin`. */
function anchorOf(site: RouteSite, value: { readonly node: ts.Node; readonly entry: ts.Node }, fallback: ts.Node): ts.Node {
  return anchorWithin(site.decorator, fallback, value.node, value.entry);
}

const propertyNodes = (property: StaticProperty) => ({ node: property.value, entry: property.entry });

/** Reports a value that can change, or one that needs type information; false for any other reason. */
function reportedByCause(report: RouteReport, value: Unknown, route: string, subject: string, node: ts.Node): boolean {
  if (!value.cause) return false;
  report(value.cause, { route, subject, reason: value.reason }, node);
  return true;
}

interface PathText {
  readonly text: string;
  readonly anchor: ts.Node;
}

interface ResolvedPath extends PathText {
  readonly placeholders: readonly PathPlaceholder[];
}

/** The path's text, or undefined after reporting that it is missing or cannot be resolved. */
function readPathText(site: RouteSite): PathText | undefined {
  const { target, optionsExpression, report } = site;
  const route = target.methodName;
  const expression = site.options.get('path');
  if (!expression) {
    report('missingPath', { route }, optionsExpression);
    return undefined;
  }
  const anchor = anchorOf(site, propertyNodes(expression), optionsExpression);
  const value = target.evaluator.string(expression);
  if (!value.ok) {
    if (!reportedByCause(report, value, route, 'path', anchor)) {
      report('unverifiablePath', { route, reason: `: ${value.reason}` }, anchor);
    }
    return undefined;
  }
  return { text: value.value, anchor };
}

/** `GET /accounts/{accountId}`: the verb as declared (`ROUTE` when it cannot be read) and the path. */
function routeLabel(site: RouteSite, path: string): string {
  const method = site.options.get('method');
  const verb = method ? site.target.evaluator.string(method) : undefined;
  return `${verb?.ok ? verb.value.toUpperCase() : 'ROUTE'} ${path}`;
}

/** The path's placeholders, or undefined after reporting a malformed path; a repeated placeholder is reported once. */
function parsePath(site: RouteSite, path: PathText, route: string): ResolvedPath | undefined {
  const { target, report } = site;
  const parsed = parseRoutePath(path.text, identifierRules(target.ts, target.sourceFile.languageVersion));
  if (!parsed.ok) {
    report('malformedPath', { route, path: path.text, problem: parsed.error.problem }, path.anchor);
    return undefined;
  }
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const { name } of parsed.placeholders) {
    if (seen.has(name) && !reported.has(name)) {
      reported.add(name);
      report('duplicatePlaceholder', { route, name, path: path.text }, path.anchor);
    }
    seen.add(name);
  }
  return { ...path, placeholders: parsed.placeholders };
}

interface MethodParameter {
  readonly name: string | undefined;
  readonly node: ts.ParameterDeclaration;
  readonly isRequestContext: boolean;
}

function methodParameters(target: DecoratedMethod): MethodParameter[] {
  const { ts, options } = target;
  return target.declaration.parameters
    .filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'))
    .map((node) => ({
      name: ts.isIdentifier(node.name) ? node.name.text : undefined,
      node,
      isRequestContext: isRequestContextType(ts, node.type, options.requestContextTypes),
    }));
}

function isRequestContextType(ts: TS, type: ts.TypeNode | undefined, names: readonly string[]): boolean {
  if (!type || !ts.isTypeReferenceNode(type)) return false;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  return names.includes(name);
}

/** The parameter named by `body`, reported when it cannot be read or names no parameter. */
function readBody(site: RouteSite, parameters: readonly MethodParameter[], route: string): string | undefined {
  const { target, optionsExpression, report } = site;
  const expression = site.options.get('body');
  if (!expression) return undefined;
  const anchor = anchorOf(site, propertyNodes(expression), optionsExpression);
  const value = target.evaluator.string(expression);
  if (!value.ok) {
    if (!reportedByCause(report, value, route, 'body', anchor)) {
      report('invalidBody', { route, name: expression.value.getText(), problem: `cannot be resolved statically: ${value.reason}` }, anchor);
    }
    return undefined;
  }
  if (!parameters.some((p) => p.name === value.value)) {
    report('invalidBody', { route, name: value.value, problem: `is not a parameter of method '${target.methodName}'` }, anchor);
  }
  return value.value;
}

/**
 * One declared list, or undefined after reporting it missing or unresolvable. `earlier` are the
 * lists already read, whose names a suggested declaration of a missing list leaves out.
 */
function readList(route: RouteBeforeLists, list: ListName, earlier: readonly DeclaredList[]): DeclaredList | undefined {
  const { site, label } = route;
  const { target, optionsExpression, edits, report } = site;
  const expression = site.options.get(list);
  if (!expression) {
    const names = inferredNames(route, list, earlier);
    const declaration = `${list}: [${quoteAll(names)}]`;
    const suggestions = names && edits.object ? suggestion(`Declare ${declaration}`, [addProperty(target.sourceFile, edits.object, declaration)]) : [];
    report('missingList', { route: label, list, names: quoteAll(names) }, optionsExpression, suggestions);
    return undefined;
  }
  const listAnchor = anchorOf(site, propertyNodes(expression), optionsExpression);
  const elements = target.evaluator.stringList(expression);
  if (!elements.ok) {
    if (!reportedByCause(report, elements, label, `'${list}' list`, listAnchor)) {
      report('unverifiableList', { route: label, list, reason: `: ${elements.reason}` }, listAnchor);
    }
    return undefined;
  }
  const literal = target.ts.isArrayLiteralExpression(expression.value) && isWithin(expression.value, site.decorator) ? expression.value : undefined;
  return {
    name: list,
    elements: elements.value.map((e: StaticElement) => ({ value: e.value, anchor: anchorOf(site, e, listAnchor) })),
    literal,
  };
}

function checkDuplicates({ site, label }: Route, list: DeclaredList): void {
  const seen = new Set<string>();
  for (const element of list.elements) {
    if (seen.has(element.value)) {
      const fix = suggestion(`Remove the duplicate '${element.value}' from ${list.name}`, [removeElement(site.edits, list, element.value, 'last')]);
      site.report('duplicateInList', { route: label, name: element.value, list: list.name }, element.anchor, fix);
    }
    seen.add(element.value);
  }
}

/** Removes an occurrence (the first or the last) of `value` from a list written in the decorator. */
function removeElement(edits: RouteEdits, list: DeclaredList, value: string, which: 'first' | 'last'): ReturnType<typeof removeFromList> {
  if (!list.literal) return undefined;
  const { ts, sourceFile } = edits;
  const matches = list.literal.elements.filter((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && e.text === value);
  const element = which === 'first' ? matches[0] : matches[matches.length - 1];
  return element ? removeFromList(sourceFile, list.literal, element) : undefined;
}

/** Appends `name` to a list written in the decorator. */
function appendElement(edits: RouteEdits, list: DeclaredList | undefined, name: string): ReturnType<typeof appendToList> | undefined {
  return list?.literal ? appendToList(edits.ts, edits.sourceFile, list.literal, name) : undefined;
}

/**
 * Declares `name` in a list: by renaming an element that differs from it in case only (the
 * likely typo, itself reported), else by appending it. Every finding about that name then
 * suggests the same edit, so "fix all" makes it once.
 */
function declareIn(edits: RouteEdits, list: DeclaredList | undefined, name: string): Suggestion[] {
  const miss = list?.elements.find((e) => e.value !== name && e.value.toLowerCase() === name.toLowerCase());
  if (list && miss) return renameElement(edits, list, miss, name);
  return suggestion(`Add '${name}' to ${list?.name ?? 'the list'}`, [appendElement(edits, list, name)]);
}

function renameElement(edits: RouteEdits, list: DeclaredList, element: DeclaredList['elements'][number], name: string): Suggestion[] {
  const written = list.literal !== undefined && element.anchor.parent === list.literal && edits.ts.isStringLiteral(element.anchor);
  return suggestion(`Rename '${element.value}' to '${name}' in ${list.name}`, [
    written ? replaceString(edits.sourceFile, element.anchor, name) : undefined,
  ]);
}

function checkOverlap({ site, label, path }: Route, pathList: DeclaredList, queryList: DeclaredList): void {
  const inPath = new Set(pathList.elements.map((e) => e.value));
  const reported = new Set<string>();
  for (const element of queryList.elements) {
    if (!inPath.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const keepIn = !path || path.placeholders.some((p) => p.name === element.value) ? 'pathParams' : 'queryParams';
    const other = keepIn === 'pathParams' ? queryList : pathList;
    const fix = suggestion(`Keep '${element.value}' only in ${keepIn}`, [removeElement(site.edits, other, element.value, 'first')]);
    site.report('inBothLists', { route: label, name: element.value, keepIn }, element.anchor, fix);
  }
}

function checkAgainstPath(route: Route, path: ResolvedPath, pathList: DeclaredList): void {
  const { site, label } = route;
  const declared = new Set(pathList.elements.map((e) => e.value));
  const placeholderNames = new Set(path.placeholders.map((p) => p.name));
  const reported = new Set<string>();
  for (const placeholder of path.placeholders) {
    if (declared.has(placeholder.name) || reported.has(placeholder.name)) continue;
    reported.add(placeholder.name);
    site.report('placeholderNotDeclared', { route: label, name: placeholder.name }, path.anchor, declareIn(site.edits, pathList, placeholder.name));
  }
  for (const element of pathList.elements) {
    if (placeholderNames.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const near = path.placeholders.find((p) => p.name.toLowerCase() === element.value.toLowerCase());
    const hint = near
      ? `Did you mean '${near.name}'? Names are compared exactly.`
      : 'If it comes from the query string, move it to queryParams; otherwise add it to the path.';
    site.report('notInPath', { route: label, name: element.value, path: path.text, hint }, element.anchor, notInPathFix(route, pathList, element, near?.name));
  }
}

/** Renames the element to the placeholder it nearly matches, or moves it to queryParams. */
function notInPathFix({ site, queryList }: Route, pathList: DeclaredList, element: DeclaredList['elements'][number], near: string | undefined): Suggestion[] {
  const name = element.value;
  if (near) return renameElement(site.edits, pathList, element, near);
  const remove = removeElement(site.edits, pathList, name, 'first');
  // Already in queryParams too (reported as such): moving it means removing it here.
  if (queryList?.elements.some((e) => e.value === name)) return suggestion(`Remove '${name}' from pathParams`, [remove]);
  return suggestion(`Move '${name}' to queryParams`, [remove, appendElement(site.edits, queryList, name)]);
}

function checkAgainstSignature({ site, label, parameters, bodyName }: Route, list: DeclaredList): void {
  const names = new Set(parameters.map((p) => p.name));
  const reported = new Set<string>();
  for (const element of list.elements) {
    if (reported.has(element.value)) continue;
    reported.add(element.value);
    if (!names.has(element.value)) {
      const fix = suggestion(`Remove '${element.value}' from ${list.name}`, [removeElement(site.edits, list, element.value, 'first')]);
      site.report('notAMethodParameter', { route: label, list: list.name, name: element.value, method: site.target.methodName }, element.anchor, fix);
    } else if (element.value === bodyName) {
      site.report('invalidBody', { route: label, name: bodyName, problem: `is also declared in ${list.name}` }, element.anchor);
    }
  }
}

function checkSignatureDeclared({ site, label, path, parameters, bodyName }: Route, lists: readonly DeclaredList[]): void {
  const { edits, report } = site;
  const declared = new Set(lists.flatMap((l) => l.elements.map((e) => e.value)));
  const method = site.target.methodName;
  const declaresBody = site.options.has('body');
  for (const parameter of parameters) {
    if (parameter.isRequestContext) continue;
    if (parameter.name === undefined) {
      report('unnamedParameter', { route: label, method }, parameter.node);
      continue;
    }
    if (parameter.name === bodyName || declared.has(parameter.name)) continue;
    const list = path?.placeholders.some((p) => p.name === parameter.name) ? 'pathParams' : 'queryParams';
    const name = parameter.name;
    const fixes = [
      ...declareIn(edits, lists.find((l) => l.name === list), name),
      // A route has one body: offered only while it declares none.
      ...(declaresBody || !edits.object ? [] : suggestion(`Declare body: '${name}'`, [addProperty(edits.sourceFile, edits.object, `body: '${name}'`)])),
    ];
    report('undeclaredParameter', { route: label, name, method, list }, parameter.node.name, fixes);
  }
}

/** What a missing list would contain, for the migration suggestion; `earlier` are the lists already read. */
function inferredNames({ path, parameters, bodyName }: RouteBeforeLists, list: ListName, earlier: readonly DeclaredList[]): string[] | undefined {
  if (!path) return undefined;
  const placeholderNames = [...new Set(path.placeholders.map((p) => p.name))];
  if (list === 'pathParams') return placeholderNames;
  const taken = new Set([...placeholderNames, ...earlier.flatMap((l) => l.elements.map((e) => e.value))]);
  return parameters
    .filter((p) => p.name !== undefined && !p.isRequestContext && p.name !== bodyName && !taken.has(p.name))
    .map((p) => p.name as string);
}

function quoteAll(names: readonly string[] | undefined): string {
  return names ? names.map((n) => `'${n}'`).join(', ') : '…';
}
