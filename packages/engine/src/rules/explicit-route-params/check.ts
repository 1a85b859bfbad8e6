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
const LISTS = ['pathParams', 'queryParams'] as const;
type ListName = (typeof LISTS)[number];

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

function checkRoute(target: DecoratedMethod, use: DecoratorUse, report: RouteReport): void {
  const { evaluator } = target;
  const anchorOf: AnchorOf = (value, fallback) => anchorWithin(use.decorator, fallback, value.node, value.entry);
  let route = target.methodName;
  const [optionsExpression] = use.call?.arguments ?? [];
  if (!optionsExpression) {
    report('unverifiableOptions', { route, reason: 'the decorator is given no options' }, use.decorator.expression);
    return;
  }
  const options = evaluator.properties(optionsExpression);
  if (!options.ok) {
    if (!reportedByCause(report, options, route, '@apiEndpoint options object', optionsExpression)) {
      report('unverifiableOptions', { route, reason: options.reason }, optionsExpression);
    }
    return;
  }
  const property = (name: string) => options.value.get(name);
  const edits: RouteEdits = {
    ts: target.ts,
    sourceFile: target.sourceFile,
    object: target.ts.isObjectLiteralExpression(optionsExpression) ? optionsExpression : undefined,
  };

  const path = resolvePath(target, property('path'), optionsExpression, anchorOf, report, (resolved) => {
    const method = property('method');
    const verb = method ? evaluator.string(method) : undefined;
    route = `${verb?.ok ? verb.value.toUpperCase() : 'ROUTE'} ${resolved}`;
  }, () => route);

  const parameters = methodParameters(target);
  const bodyName = resolveBody(target, property('body'), optionsExpression, anchorOf, parameters, route, report);
  const declared: DeclaredList[] = [];
  for (const list of LISTS) {
    const expression = property(list);
    if (!expression) {
      const names = inferredNames(list, path, parameters, bodyName, declared);
      const declaration = `${list}: [${quoteAll(names)}]`;
      const suggestions = names && edits.object ? suggestion(`Declare ${declaration}`, [addProperty(target.sourceFile, edits.object, declaration)]) : [];
      report('missingList', { route, list, names: quoteAll(names) }, optionsExpression, suggestions);
      continue;
    }
    const listAnchor = anchorOf(propertyNodes(expression), optionsExpression);
    const elements = evaluator.stringList(expression);
    if (!elements.ok) {
      if (!reportedByCause(report, elements, route, `'${list}' list`, listAnchor)) {
        report('unverifiableList', { route, list, reason: `: ${elements.reason}` }, listAnchor);
      }
      continue;
    }
    const literal = target.ts.isArrayLiteralExpression(expression.value) && isWithin(expression.value, use.decorator) ? expression.value : undefined;
    declared.push({
      name: list,
      elements: elements.value.map((e: StaticElement) => ({ value: e.value, anchor: anchorOf(e, listAnchor) })),
      literal,
    });
  }

  const pathList = declared.find((l) => l.name === 'pathParams');
  const queryList = declared.find((l) => l.name === 'queryParams');
  for (const list of declared) checkDuplicates(list, route, edits, report);
  if (pathList && queryList) checkOverlap(pathList, queryList, path?.placeholders, route, edits, report);
  if (path && pathList) checkAgainstPath(path, pathList, queryList, route, edits, report);
  for (const list of declared) checkAgainstSignature(list, parameters, bodyName, target, route, edits, report);
  if (pathList && queryList) {
    checkSignatureDeclared(parameters, [pathList, queryList], bodyName, property('body')?.value, path?.placeholders, target, route, edits, report);
  }
}

/** Where a finding about a value is shown: see `anchorWithin`. */
type AnchorOf = (value: { readonly node: ts.Node; readonly entry: ts.Node }, fallback: ts.Node) => ts.Node;

const propertyNodes = (property: StaticProperty) => ({ node: property.value, entry: property.entry });

/** Reports a value that can change, or one that needs type information; false for any other reason. */
function reportedByCause(report: RouteReport, value: Unknown, route: string, subject: string, node: ts.Node): boolean {
  if (!value.cause) return false;
  report(value.cause, { route, subject, reason: value.reason }, node);
  return true;
}

interface ResolvedPath {
  readonly text: string;
  readonly anchor: ts.Node;
  readonly placeholders: readonly PathPlaceholder[];
}

function resolvePath(
  target: DecoratedMethod,
  expression: StaticProperty | undefined,
  optionsExpression: ts.Expression,
  anchorOf: AnchorOf,
  report: RouteReport,
  onResolved: (text: string) => void,
  currentRoute: () => string,
): ResolvedPath | undefined {
  if (!expression) {
    report('missingPath', { route: currentRoute() }, optionsExpression);
    return undefined;
  }
  const anchor = anchorOf(propertyNodes(expression), optionsExpression);
  const value = target.evaluator.string(expression);
  if (!value.ok) {
    if (!reportedByCause(report, value, currentRoute(), 'path', anchor)) {
      report('unverifiablePath', { route: currentRoute(), reason: `: ${value.reason}` }, anchor);
    }
    return undefined;
  }
  onResolved(value.value);
  const route = currentRoute();
  const parsed = parseRoutePath(value.value, identifierRules(target.ts, target.sourceFile.languageVersion));
  if (!parsed.ok) {
    report('malformedPath', { route, path: value.value, problem: parsed.error.problem }, anchor);
    return undefined;
  }
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const { name } of parsed.placeholders) {
    if (seen.has(name) && !reported.has(name)) {
      reported.add(name);
      report('duplicatePlaceholder', { route, name, path: value.value }, anchor);
    }
    seen.add(name);
  }
  return { text: value.value, anchor, placeholders: parsed.placeholders };
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

function resolveBody(
  target: DecoratedMethod,
  expression: StaticProperty | undefined,
  optionsExpression: ts.Expression,
  anchorOf: AnchorOf,
  parameters: readonly MethodParameter[],
  route: string,
  report: RouteReport,
): string | undefined {
  if (!expression) return undefined;
  const anchor = anchorOf(propertyNodes(expression), optionsExpression);
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

function checkDuplicates(list: DeclaredList, route: string, edits: RouteEdits, report: RouteReport): void {
  const seen = new Set<string>();
  for (const element of list.elements) {
    if (seen.has(element.value)) {
      const fix = suggestion(`Remove the duplicate '${element.value}' from ${list.name}`, [removeElement(edits, list, element.value, 'last')]);
      report('duplicateInList', { route, name: element.value, list: list.name }, element.anchor, fix);
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

function checkOverlap(
  pathList: DeclaredList,
  queryList: DeclaredList,
  placeholders: readonly PathPlaceholder[] | undefined,
  route: string,
  edits: RouteEdits,
  report: RouteReport,
): void {
  const inPath = new Set(pathList.elements.map((e) => e.value));
  const reported = new Set<string>();
  for (const element of queryList.elements) {
    if (!inPath.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const keepIn = !placeholders || placeholders.some((p) => p.name === element.value) ? 'pathParams' : 'queryParams';
    const other = keepIn === 'pathParams' ? queryList : pathList;
    const fix = suggestion(`Keep '${element.value}' only in ${keepIn}`, [removeElement(edits, other, element.value, 'first')]);
    report('inBothLists', { route, name: element.value, keepIn }, element.anchor, fix);
  }
}

function checkAgainstPath(
  path: ResolvedPath,
  pathList: DeclaredList,
  queryList: DeclaredList | undefined,
  route: string,
  edits: RouteEdits,
  report: RouteReport,
): void {
  const declared = new Set(pathList.elements.map((e) => e.value));
  const placeholderNames = new Set(path.placeholders.map((p) => p.name));
  const reported = new Set<string>();
  for (const placeholder of path.placeholders) {
    if (declared.has(placeholder.name) || reported.has(placeholder.name)) continue;
    reported.add(placeholder.name);
    report('placeholderNotDeclared', { route, name: placeholder.name }, path.anchor, declareIn(edits, pathList, placeholder.name));
  }
  for (const element of pathList.elements) {
    if (placeholderNames.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const near = path.placeholders.find((p) => p.name.toLowerCase() === element.value.toLowerCase());
    const hint = near
      ? `Did you mean '${near.name}'? Names are compared exactly.`
      : 'If it comes from the query string, move it to queryParams; otherwise add it to the path.';
    report('notInPath', { route, name: element.value, path: path.text, hint }, element.anchor, notInPathFix(edits, element, near?.name, pathList, queryList));
  }
}

/** Renames the element to the placeholder it nearly matches, or moves it to queryParams. */
function notInPathFix(
  edits: RouteEdits,
  element: DeclaredList['elements'][number],
  near: string | undefined,
  pathList: DeclaredList,
  queryList: DeclaredList | undefined,
): Suggestion[] {
  const name = element.value;
  if (near) return renameElement(edits, pathList, element, near);
  const remove = removeElement(edits, pathList, name, 'first');
  // Already in queryParams too (reported as such): moving it means removing it here.
  if (queryList?.elements.some((e) => e.value === name)) return suggestion(`Remove '${name}' from pathParams`, [remove]);
  return suggestion(`Move '${name}' to queryParams`, [remove, appendElement(edits, queryList, name)]);
}

function checkAgainstSignature(
  list: DeclaredList,
  parameters: readonly MethodParameter[],
  bodyName: string | undefined,
  target: DecoratedMethod,
  route: string,
  edits: RouteEdits,
  report: RouteReport,
): void {
  const names = new Set(parameters.map((p) => p.name));
  const reported = new Set<string>();
  for (const element of list.elements) {
    if (reported.has(element.value)) continue;
    reported.add(element.value);
    if (!names.has(element.value)) {
      const fix = suggestion(`Remove '${element.value}' from ${list.name}`, [removeElement(edits, list, element.value, 'first')]);
      report('notAMethodParameter', { route, list: list.name, name: element.value, method: target.methodName }, element.anchor, fix);
    } else if (element.value === bodyName) {
      report('invalidBody', { route, name: bodyName, problem: `is also declared in ${list.name}` }, element.anchor);
    }
  }
}

function checkSignatureDeclared(
  parameters: readonly MethodParameter[],
  lists: readonly DeclaredList[],
  bodyName: string | undefined,
  bodyExpression: ts.Expression | undefined,
  placeholders: readonly PathPlaceholder[] | undefined,
  target: DecoratedMethod,
  route: string,
  edits: RouteEdits,
  report: RouteReport,
): void {
  const declared = new Set(lists.flatMap((l) => l.elements.map((e) => e.value)));
  const method = target.methodName;
  for (const parameter of parameters) {
    if (parameter.isRequestContext) continue;
    if (parameter.name === undefined) {
      report('unnamedParameter', { route, method }, parameter.node);
      continue;
    }
    if (parameter.name === bodyName || declared.has(parameter.name)) continue;
    const list = placeholders?.some((p) => p.name === parameter.name) ? 'pathParams' : 'queryParams';
    const name = parameter.name;
    const fixes = [
      ...declareIn(edits, lists.find((l) => l.name === list), name),
      // A route has one body: offered only while it declares none.
      ...(bodyExpression || !edits.object ? [] : suggestion(`Declare body: '${name}'`, [addProperty(edits.sourceFile, edits.object, `body: '${name}'`)])),
    ];
    report('undeclaredParameter', { route, name, method, list }, parameter.node.name, fixes);
  }
}

/** What a missing list would contain, for the migration suggestion. */
function inferredNames(
  list: ListName,
  path: ResolvedPath | undefined,
  parameters: readonly MethodParameter[],
  bodyName: string | undefined,
  declared: readonly DeclaredList[],
): string[] | undefined {
  if (!path) return undefined;
  const placeholderNames = [...new Set(path.placeholders.map((p) => p.name))];
  if (list === 'pathParams') return placeholderNames;
  const taken = new Set([...placeholderNames, ...declared.flatMap((l) => l.elements.map((e) => e.value))]);
  return parameters
    .filter((p) => p.name !== undefined && !p.isRequestContext && p.name !== bodyName && !taken.has(p.name))
    .map((p) => p.name as string);
}

function quoteAll(names: readonly string[] | undefined): string {
  return names ? names.map((n) => `'${n}'`).join(', ') : '…';
}
