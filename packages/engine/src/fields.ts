/**
 * Resolving key paths on a class: a placeholder (`id`, `context.capsuleId`) names a field of the
 * class or a field of that field's type, never deeper. Whether each path can carry a key, and why
 * not, is worded here as the checks report it.
 */
import type * as ts from 'typescript';
import { ClassFields, isStatic, type Field } from './class-fields';
import type { Usability } from './field-types';
import { literalPropertyName } from './identifiers';

/** Where a field name can be found on a class: every usable path, and why others were rejected. */
export interface KeyPaths {
  readonly usable: readonly (readonly string[])[];
  /** Why other candidates were rejected: set only when nothing usable was found and all could be resolved. */
  readonly rejected: readonly string[];
  /** Set when nothing usable was found and some part could not be resolved. */
  readonly unverifiable: string | undefined;
  /** With `unverifiable`: paths to a declared field of that name whose type cannot be read. */
  readonly unverified?: readonly (readonly string[])[];
}

export type PathLookup =
  | { readonly kind: 'found'; readonly field: Field }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'unverifiable'; readonly reason: string };

/** Key paths on the fields ClassFields collects; what checks ask about a class's fields. */
export class FieldResolver extends ClassFields {
  private readonly keyPathCache = new Map<ts.Node, Map<string, KeyPaths>>();

  /** Looks a placeholder path (`id`, `context.capsuleId`) up on a class. */
  lookupPath(declaration: ts.ClassLikeDeclaration, path: readonly string[]): PathLookup {
    const own = this.classFields(declaration);
    if (!own.ok) return { kind: 'unverifiable', reason: own.reason };
    const [head, nestedName] = path;
    const field = own.fields.get(head);
    if (!field) {
      return own.incomplete
        ? { kind: 'unverifiable', reason: `'${head}' is not declared in the class itself and ${own.incomplete}` }
        : { kind: 'missing', reason: `the class has no field '${head}'` };
    }
    if (nestedName === undefined) return { kind: 'found', field };
    const nested = this.nestedFields(field);
    if (!nested.ok) return { kind: 'unverifiable', reason: `the type of '${head}' cannot be resolved: ${nested.reason}` };
    const inner = nested.fields.get(nestedName);
    if (inner) return { kind: 'found', field: inner };
    return nested.incomplete
      ? { kind: 'unverifiable', reason: `the type of '${head}' cannot be fully resolved: ${nested.incomplete}` }
      : { kind: 'missing', reason: `the type of '${head}' has no field '${nestedName}'` };
  }

  /**
   * Whether `path` (`capsuleId`, `context.capsuleId`) is one of the usable paths `keyPaths` lists
   * for its last name. Only the field the path names is looked into, which is what makes the
   * common case (a template naming a usable field) cheap.
   */
  isUsableKeyPath(declaration: ts.ClassLikeDeclaration, path: readonly string[]): boolean {
    return this.keyPathUsability(declaration, path)?.kind === 'usable';
  }

  /**
   * Whether the field `path` names exists and can carry a key; undefined when the class has no
   * such field at all. The reasons read as capsule-id-required words them ("'context.capsuleId'
   * is unusable: 'capsuleId' is optional").
   */
  keyPathUsability(declaration: ts.ClassLikeDeclaration, path: readonly string[]): Usability | undefined {
    if (path.length === 0 || path.length > 2) return undefined;
    const own = this.classFields(declaration);
    if (!own.ok) return undefined;
    const field = own.fields.get(path[0]);
    if (!field) return undefined;
    if (path.length === 1) return topUsability(field);
    const inner = this.innerField(field, path[1]);
    return inner && nestedUsability(field, inner);
  }

  /** Whether `keyPaths(declaration, name)` has a usable path, stopping at the first one found. */
  hasUsableKeyPath(declaration: ts.ClassLikeDeclaration, name: string): boolean {
    const own = this.classFields(declaration);
    if (!own.ok) return false;
    const top = own.fields.get(name);
    if (top && isUsable(top)) return true;
    for (const field of own.fields.values()) {
      if (this.isUsableThrough(field, name)) return true;
    }
    return false;
  }

  /** `name` one level down from `field` (`context.capsuleId`), when the field's type is known to have it. */
  private innerField(field: Field, name: string): Field | undefined {
    if (field.name === name || !mayHaveNestedFields(field)) return undefined;
    const nested = this.nestedFields(field);
    return nested.ok ? nested.fields.get(name) : undefined;
  }

  /** Whether `name`, one level down from `field` (`context.capsuleId`), is a usable key path. */
  private isUsableThrough(field: Field, name: string): boolean {
    const inner = this.innerField(field, name);
    // Defects last: finding one follows a type, and most fields have no such member at all.
    return inner !== undefined && isUsable(inner) && isUsable(field);
  }

  /** Every usable path to `name`: the field itself, or exactly one level down. */
  keyPaths(declaration: ts.ClassLikeDeclaration, name: string): KeyPaths {
    let perClass = this.keyPathCache.get(declaration);
    if (!perClass) this.keyPathCache.set(declaration, (perClass = new Map<string, KeyPaths>()));
    let paths = perClass.get(name);
    if (!paths) perClass.set(name, (paths = this.computeKeyPaths(declaration, name)));
    return paths;
  }

  private computeKeyPaths(declaration: ts.ClassLikeDeclaration, name: string): KeyPaths {
    const usable: string[][] = [];
    // Rejections only explain a missing path, and looking for a deeper one is costly, so it waits.
    const rejected: (string | (() => string | undefined))[] = [];
    // Only the first reason a part could not be resolved is shown; a declared field of that name first.
    let unresolved: string | undefined;
    let declared: string | undefined;
    const unverified: string[][] = [];
    const own = this.classFields(declaration);
    if (!own.ok) return { usable, rejected: [], unverifiable: own.reason };
    const top = own.fields.get(name);
    const topState = top && topUsability(top);
    if (topState?.kind === 'usable') usable.push([name]);
    else if (topState?.kind === 'unusable') rejected.push(topState.reason);
    else if (topState?.kind === 'unverifiable') {
      declared = topState.reason;
      unverified.push([name]);
    }
    else {
      const staticMember = this.staticMember(declaration, name);
      if (staticMember) rejected.push(`'${name}' is static`);
    }
    for (const field of own.fields.values()) {
      if (field.name === name || !mayHaveNestedFields(field)) continue;
      const nested = this.nestedFields(field);
      if (!nested.ok) {
        unresolved ??= `the type of '${field.name}' cannot be checked (${nested.reason})`;
        continue;
      }
      const inner = nested.fields.get(name);
      if (!inner) {
        rejected.push(() => {
          const deeper = this.deeperPath(nested.fields, name);
          return deeper && `'${field.name}.${deeper}' is nested more than one level deep`;
        });
        continue;
      }
      const state = nestedUsability(field, inner);
      if (state.kind === 'usable') usable.push([field.name, name]);
      else if (state.kind === 'unusable') rejected.push(state.reason);
      else {
        declared ??= state.reason;
        unverified.push([field.name, name]);
      }
    }
    if (usable.length > 0) return { usable, rejected: [], unverifiable: undefined };
    // An unverifiable path is reported as such; rejections explain only a path that is missing.
    if (declared !== undefined) return { usable, rejected: [], unverifiable: declared, unverified };
    const unverifiable = own.incomplete ?? unresolved;
    if (unverifiable !== undefined) return { usable, rejected: [], unverifiable };
    const reasons = rejected.map((r) => (typeof r === 'string' ? r : r())).filter((r): r is string => r !== undefined);
    return { usable, rejected: reasons, unverifiable };
  }

  private staticMember(declaration: ts.ClassLikeDeclaration, name: string): boolean {
    const { ts } = this;
    return declaration.members.some(
      (m) => isStatic(ts, m) && m.name !== undefined && literalPropertyName(ts, m.name) === name,
    );
  }

  /** For a helpful message only: `meta.capsuleId` one level below a nested field. */
  private deeperPath(fields: ReadonlyMap<string, Field>, name: string): string | undefined {
    for (const field of fields.values()) {
      if (!field.typeNode) continue;
      const nested = this.typeFields(field.typeNode, field.args);
      if (nested.ok && nested.fields.has(name)) return `${field.name}.${name}`;
    }
    return undefined;
  }

}

const isUsable = (field: Field): boolean => !field.defect && !field.unverifiable;

const mayHaveNestedFields = (field: Field): boolean => field.typeNode !== undefined || field.symbol !== undefined;

/** `capsuleId` itself, with the reason worded as capsule-id-required shows it. */
function topUsability(field: Field): Usability {
  if (field.defect) return { kind: 'unusable', reason: `'${field.name}' ${field.defect}` };
  if (field.unverifiable) return { kind: 'unverifiable', reason: `the type of '${field.name}' cannot be checked: ${field.unverifiable}` };
  return { kind: 'usable' };
}

/** `context.capsuleId`: both the outer field and the inner one must be usable. */
function nestedUsability(outer: Field, inner: Field): Usability {
  const path = `${outer.name}.${inner.name}`;
  const culprit = outer.defect || outer.unverifiable ? outer : inner;
  if (culprit.defect) return { kind: 'unusable', reason: `'${path}' is unusable: '${culprit.name}' ${culprit.defect}` };
  if (culprit.unverifiable) {
    return { kind: 'unverifiable', reason: `the type of '${path}' cannot be checked: ${culprit.unverifiable}` };
  }
  return { kind: 'usable' };
}

