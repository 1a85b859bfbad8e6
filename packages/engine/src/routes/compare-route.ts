import type * as ts from 'typescript';
import { replaceString, suggestion } from '../edits';
import type { Report } from '../rules/check-targets';
import type { Binding, Bindings, DeclaredRoute, UrlPart } from './route-model';
import { joinUrl } from './route-file';
import type { UrlPlaceholder } from './url-path';
import type { messages as routeMessages } from '../rules/explicit-route-params';

type RouteReport = Report<keyof typeof routeMessages>;

interface PlacedPlaceholder {
  readonly placeholder: UrlPlaceholder;
  readonly part: UrlPart;
  /** In a prefix given where the plugin is registered, not in the route's own URL. */
  readonly inPrefix: boolean;
}

/**
 * Holds a framework's route to the rule: every URL parameter is read exactly once, by name, from
 * the path; nothing reads from the path a name the URL does not have; a name is read from one
 * place only. Both directions are checked, for every path syntax the frameworks accept. A route
 * with a `scope` has only part of these checks made here, the rest where its prefix is known.
 */
export function compareRoute(route: DeclaredRoute, report: RouteReport): void {
  const prefixParts = route.scope?.kind === 'prefixOnly' ? route.scope.prefixParts : 0;
  const placeholders = route.url.flatMap((part, index) => part.placeholders.map((placeholder) => ({ placeholder, part, inPrefix: index < prefixParts })));
  const prefixOnly = route.scope?.kind === 'prefixOnly';
  const path = `'${joinUrl(route.url)}'`;
  reportDuplicatePlaceholders(route, placeholders, prefixOnly, report);
  if (route.missingPathSchema) {
    const named = placeholders.filter((p) => !p.placeholder.anonymous);
    // Where only the prefix is checked, a route whose own URL has parameters was reported already.
    const names = prefixOnly && named.some((p) => !p.inPrefix) ? [] : [...new Set(named.map((p) => p.placeholder.name))];
    if (names.length > 0) {
      const { anchor, edit, fix } = route.missingPathSchema;
      report('missingPathSchema', { route: route.label, names: names.map((n) => `'${n}'`).join(', '), edit: edit(names) }, anchor, fix(names));
    }
  } else if (route.path.complete) {
    reportUnbound(route, prefixOnly ? placeholders.filter((p) => p.inPrefix) : placeholders, report);
  }
  const unknownPrefix = route.scope?.kind === 'withoutPrefix' || (route.scope?.kind === 'prefixOnly' && route.scope.afterUnknownPrefix === true);
  if (!unknownPrefix) reportNotInPath(route, placeholders, path, report);
  if (prefixOnly) return;
  reportDuplicateBindings(route, route.path.bindings, report);
  reportDuplicateBindings(route, route.query.bindings, report);
  reportPathAndQuery(route, report);
}

function reportDuplicatePlaceholders(route: DeclaredRoute, placeholders: readonly PlacedPlaceholder[], prefixOnly: boolean, report: RouteReport): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const inPrefix = new Set(placeholders.filter((p) => p.inPrefix).map((p) => p.placeholder.name));
  for (const { placeholder, part } of placeholders) {
    const { name } = placeholder;
    if (seen.has(name) && !reported.has(name) && !placeholder.anonymous && (!prefixOnly || inPrefix.has(name))) {
      reported.add(name);
      report('duplicatePlaceholder', { route: route.label, name, path: part.text }, part.anchor);
    }
    seen.add(name);
  }
}

function reportUnbound(route: DeclaredRoute, placeholders: readonly PlacedPlaceholder[], report: RouteReport): void {
  const bound = new Set(route.path.bindings.map((b) => b.name));
  const reported = new Set<string>();
  for (const { placeholder, part } of placeholders) {
    const { name } = placeholder;
    if (placeholder.anonymous || bound.has(name) || reported.has(name)) continue;
    reported.add(name);
    const edit = route.terms.bindPathParameter(name);
    report('placeholderNotBound', { route: route.label, name, placeholder: placeholder.source, edit }, part.anchor, route.terms.bindPathParameterFix(name));
  }
}

function reportNotInPath(route: DeclaredRoute, placeholders: readonly PlacedPlaceholder[], path: string, report: RouteReport): void {
  const names = new Set(placeholders.map((p) => p.placeholder.name));
  const reported = new Set<string>();
  for (const binding of route.path.bindings) {
    if (names.has(binding.name) || reported.has(binding.name)) continue;
    reported.add(binding.name);
    const near = placeholders.find((p) => !p.placeholder.anonymous && looksAlike(p.placeholder.name, binding.name))?.placeholder.name;
    const hint = near ? `Did you mean '${near}'? Names are compared exactly.` : route.terms.notInPathHint(binding);
    const fix = near && binding.literal ? suggestion(`Rename '${binding.name}' to '${near}'`, [replaceString(binding.literal.getSourceFile(), binding.literal, near)]) : [];
    report('bindingNotInPath', { route: route.label, binding: binding.written, path, hint }, binding.anchor, fix);
  }
}

/** Differ in case or in separators only: `contractID`, `contract-id`, `contract_id` for `contractId`. */
function looksAlike(a: string, b: string): boolean {
  const plain = (name: string) => name.replace(/[-_]/gu, '').toLowerCase();
  return plain(a) === plain(b);
}

function reportDuplicateBindings(route: DeclaredRoute, bindings: readonly Binding[], report: RouteReport): void {
  const first = new Map<string, Binding>();
  for (const binding of bindings) {
    const earlier = first.get(binding.name);
    if (earlier) report('duplicateBinding', { route: route.label, name: binding.name, binding: binding.written, first: earlier.written }, binding.anchor);
    else first.set(binding.name, binding);
  }
}

function reportPathAndQuery(route: DeclaredRoute, report: RouteReport): void {
  const fromPath = new Map(route.path.bindings.map((b) => [b.name, b]));
  const reported = new Set<string>();
  for (const binding of route.query.bindings) {
    const inPath = fromPath.get(binding.name);
    if (!inPath || reported.has(binding.name)) continue;
    reported.add(binding.name);
    report('pathAndQuery', { route: route.label, name: binding.name, pathBinding: inPath.written, queryBinding: binding.written }, binding.anchor);
  }
}

/**
 * A route declared in one place (a plugin, a base class's handler) as checked in another (where
 * the plugin is registered, on the controller that inherits the handler): every finding is shown
 * at `anchor`, and nothing is suggested, since the edit would be where the route is declared.
 */
export function relocated(route: DeclaredRoute, anchor: ts.Node): DeclaredRoute {
  const bindings = (read: Bindings): Bindings => ({ ...read, bindings: read.bindings.map((binding) => ({ ...binding, anchor, literal: undefined })) });
  return {
    ...route,
    url: route.url.map((part) => ({ ...part, anchor })),
    path: bindings(route.path),
    query: bindings(route.query),
    terms: { ...route.terms, bindPathParameterFix: () => [] },
    missingPathSchema: route.missingPathSchema && { ...route.missingPathSchema, anchor, fix: () => [] },
  };
}
