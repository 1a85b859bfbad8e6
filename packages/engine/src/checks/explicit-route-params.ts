import type * as ts from 'typescript';
import type { Suggestion, TS } from '../finding';
import { identifierRules } from '../identifiers';
import { parseRoutePath, type PathPlaceholder } from '../route-path';
import type { StaticElement } from '../static-value';
import type { DecoratedMethod, MethodCheck, Report } from './check-context';
import { isWithin } from './check-context';

type RouteReport = Report<'explicit-route-params'>;
const LISTS = ['pathParams', 'queryParams'] as const;
type ListName = (typeof LISTS)[number];

/** A declared list as resolved, with each element's report location inside the decorator. */
interface DeclaredList {
  readonly name: ListName;
  readonly elements: readonly { readonly value: string; readonly anchor: ts.Node }[];
}

/**
 * Routes say explicitly which parameters come from the path and which from the query string.
 * Inference got this wrong in practice (a query object documented as a path parameter), so
 * nothing is inferred: both lists are required and must agree with the path and the signature.
 */
export const checkRouteParams: MethodCheck<'explicit-route-params'> = (target, report) => {
  const use = target.decorators.find((d) => d.name === 'apiEndpoint');
  if (!use) return;
  const { evaluator } = target;
  const anchorIn = (node: ts.Node, fallback: ts.Node) => (isWithin(node, use.decorator) ? node : fallback);
  let route = target.methodName;
  const [optionsExpression] = use.call?.arguments ?? [];
  if (!optionsExpression) {
    report('unverifiableOptions', { route, reason: 'the decorator is given no options' }, use.decorator.expression);
    return;
  }
  const options = evaluator.properties(optionsExpression);
  if (!options.ok) {
    report('unverifiableOptions', { route, reason: options.reason }, optionsExpression);
    return;
  }
  const property = (name: string) => options.value.get(name);

  const path = resolvePath(target, property('path'), optionsExpression, anchorIn, report, (resolved) => {
    const method = property('method');
    const verb = method ? evaluator.string(method) : undefined;
    route = `${verb?.ok ? verb.value.toUpperCase() : 'ROUTE'} ${resolved}`;
  }, () => route);

  const parameters = methodParameters(target);
  const bodyName = resolveBody(target, property('body'), optionsExpression, anchorIn, parameters, route, report);
  const declared: DeclaredList[] = [];
  for (const list of LISTS) {
    const expression = property(list);
    if (!expression) {
      const names = inferredNames(list, path, parameters, bodyName, declared);
      report('missingList', { route, list, names: quoteAll(names) }, optionsExpression, addPropertySuggestion(target, optionsExpression, list, names));
      continue;
    }
    const listAnchor = anchorIn(expression, optionsExpression);
    const elements = evaluator.stringList(expression);
    if (!elements.ok) {
      report('unverifiableList', { route, list, reason: `: ${elements.reason}` }, listAnchor);
      continue;
    }
    declared.push({ name: list, elements: elements.value.map((e: StaticElement) => ({ value: e.value, anchor: anchorIn(e.node, listAnchor) })) });
  }

  const pathList = declared.find((l) => l.name === 'pathParams');
  const queryList = declared.find((l) => l.name === 'queryParams');
  for (const list of declared) checkDuplicates(list, route, report);
  if (pathList && queryList) checkOverlap(pathList, queryList, path?.placeholders, route, report);
  if (path && pathList) checkAgainstPath(path, pathList, route, report);
  for (const list of declared) checkAgainstSignature(list, parameters, bodyName, target, route, report);
  if (pathList && queryList) {
    checkSignatureDeclared(parameters, [pathList, queryList], bodyName, path?.placeholders, target, route, report);
  }
};

interface ResolvedPath {
  readonly text: string;
  readonly anchor: ts.Node;
  readonly placeholders: readonly PathPlaceholder[];
}

function resolvePath(
  target: DecoratedMethod,
  expression: ts.Expression | undefined,
  optionsExpression: ts.Expression,
  anchorIn: (node: ts.Node, fallback: ts.Node) => ts.Node,
  report: RouteReport,
  onResolved: (text: string) => void,
  currentRoute: () => string,
): ResolvedPath | undefined {
  if (!expression) {
    report('missingPath', { route: currentRoute() }, optionsExpression);
    return undefined;
  }
  const anchor = anchorIn(expression, optionsExpression);
  const value = target.evaluator.string(expression);
  if (!value.ok) {
    report('unverifiablePath', { route: currentRoute(), reason: `: ${value.reason}` }, anchor);
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
  for (const placeholder of parsed.placeholders) {
    if (seen.has(placeholder.name)) report('duplicatePlaceholder', { route, name: placeholder.name, path: value.value }, anchor);
    seen.add(placeholder.name);
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
  expression: ts.Expression | undefined,
  optionsExpression: ts.Expression,
  anchorIn: (node: ts.Node, fallback: ts.Node) => ts.Node,
  parameters: readonly MethodParameter[],
  route: string,
  report: RouteReport,
): string | undefined {
  if (!expression) return undefined;
  const anchor = anchorIn(expression, optionsExpression);
  const value = target.evaluator.string(expression);
  if (!value.ok) {
    report('invalidBody', { route, name: expression.getText(), problem: `cannot be resolved statically: ${value.reason}` }, anchor);
    return undefined;
  }
  if (!parameters.some((p) => p.name === value.value)) {
    report('invalidBody', { route, name: value.value, problem: `is not a parameter of method '${target.methodName}'` }, anchor);
  }
  return value.value;
}

function checkDuplicates(list: DeclaredList, route: string, report: RouteReport): void {
  const seen = new Set<string>();
  for (const element of list.elements) {
    if (seen.has(element.value)) report('duplicateInList', { route, name: element.value, list: list.name }, element.anchor);
    seen.add(element.value);
  }
}

function checkOverlap(
  pathList: DeclaredList,
  queryList: DeclaredList,
  placeholders: readonly PathPlaceholder[] | undefined,
  route: string,
  report: RouteReport,
): void {
  const inPath = new Set(pathList.elements.map((e) => e.value));
  const reported = new Set<string>();
  for (const element of queryList.elements) {
    if (!inPath.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const keepIn = !placeholders || placeholders.some((p) => p.name === element.value) ? 'pathParams' : 'queryParams';
    report('inBothLists', { route, name: element.value, keepIn }, element.anchor);
  }
}

function checkAgainstPath(path: ResolvedPath, pathList: DeclaredList, route: string, report: RouteReport): void {
  const declared = new Set(pathList.elements.map((e) => e.value));
  const placeholderNames = new Set(path.placeholders.map((p) => p.name));
  const reported = new Set<string>();
  for (const placeholder of path.placeholders) {
    if (declared.has(placeholder.name) || reported.has(placeholder.name)) continue;
    reported.add(placeholder.name);
    report('placeholderNotDeclared', { route, name: placeholder.name }, path.anchor);
  }
  for (const element of pathList.elements) {
    if (placeholderNames.has(element.value) || reported.has(element.value)) continue;
    reported.add(element.value);
    const near = path.placeholders.find((p) => p.name.toLowerCase() === element.value.toLowerCase());
    const hint = near
      ? `Did you mean '${near.name}'? Names are compared exactly.`
      : 'If it comes from the query string, move it to queryParams; otherwise add it to the path.';
    report('notInPath', { route, name: element.value, path: path.text, hint }, element.anchor);
  }
}

function checkAgainstSignature(
  list: DeclaredList,
  parameters: readonly MethodParameter[],
  bodyName: string | undefined,
  target: DecoratedMethod,
  route: string,
  report: RouteReport,
): void {
  const names = new Set(parameters.map((p) => p.name));
  const reported = new Set<string>();
  for (const element of list.elements) {
    if (reported.has(element.value)) continue;
    reported.add(element.value);
    if (!names.has(element.value)) {
      report('notAMethodParameter', { route, list: list.name, name: element.value, method: target.methodName }, element.anchor);
    } else if (element.value === bodyName) {
      report('invalidBody', { route, name: bodyName, problem: `is also declared in ${list.name}` }, element.anchor);
    }
  }
}

function checkSignatureDeclared(
  parameters: readonly MethodParameter[],
  lists: readonly DeclaredList[],
  bodyName: string | undefined,
  placeholders: readonly PathPlaceholder[] | undefined,
  target: DecoratedMethod,
  route: string,
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
    report('undeclaredParameter', { route, name: parameter.name, method, list }, parameter.node.name);
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

/** Inserts `list: [...]` as the last property of the options object literal written in the decorator. */
function addPropertySuggestion(
  target: DecoratedMethod,
  optionsExpression: ts.Expression,
  list: ListName,
  names: readonly string[] | undefined,
): Suggestion[] {
  const { ts, sourceFile } = target;
  if (!names || !ts.isObjectLiteralExpression(optionsExpression)) return [];
  const property = `${list}: [${quoteAll(names)}]`;
  const description = `Declare ${property}`;
  const properties = optionsExpression.properties;
  const last = properties[properties.length - 1];
  if (!last) {
    const at = optionsExpression.getStart(sourceFile) + 1;
    return [{ description, edits: [{ start: at, end: at, text: ` ${property} ` }] }];
  }
  const text = sourceFile.text;
  const multiline = text.slice(optionsExpression.getStart(sourceFile), last.getStart(sourceFile)).includes('\n');
  const lineStart = text.lastIndexOf('\n', last.getStart(sourceFile)) + 1;
  const indent = text.slice(lineStart, last.getStart(sourceFile));
  const separator = multiline ? `\n${indent}` : ' ';
  if (properties.hasTrailingComma) {
    const comma = text.indexOf(',', last.end) + 1;
    return [{ description, edits: [{ start: comma, end: comma, text: `${separator}${property},` }] }];
  }
  return [{ description, edits: [{ start: last.end, end: last.end, text: `,${separator}${property}` }] }];
}
