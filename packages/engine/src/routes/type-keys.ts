import type * as ts from 'typescript';
import { literalPropertyName } from '../identifiers';
import type { Static } from '../static-value';
import type { RouteFile } from './route-file';

/**
 * The property names of a whole-object parameter's type (`@Param() params: ContractParams`):
 * with type information the checker's properties (methods left out); without it, a type written
 * in place or an interface, class or type literal declared in this file. Anything else, and a
 * type with no named properties (`any`, `Record<string, string>`), cannot be compared with a URL.
 */
export function typeKeys(file: RouteFile, parameter: ts.ParameterDeclaration): Static<readonly string[]> {
  const { ts, checker } = file;
  const typeText = parameter.type?.getText(file.sourceFile) ?? 'no written type';
  if (checker) {
    const type = checker.getTypeAtLocation(parameter);
    const names = checker
      .getPropertiesOfType(type)
      .filter((property) => !(property.flags & ts.SymbolFlags.Method))
      .map((property) => property.name);
    if (names.length > 0) return { ok: true, value: names };
    return { ok: false, reason: `its type '${checker.typeToString(type)}' has no named properties` };
  }
  const members = parameter.type && writtenMembers(file, parameter.type);
  if (members) return { ok: true, value: members };
  return {
    ok: false,
    reason: `its type '${typeText}' is not declared in this file as an interface, class or type literal`,
    cause: 'needsTypeInformation',
  };
}

function writtenMembers(file: RouteFile, type: ts.TypeNode): string[] | undefined {
  const { ts } = file;
  if (ts.isTypeLiteralNode(type)) return memberNames(file, type.members);
  if (!ts.isTypeReferenceNode(type) || type.typeArguments) return undefined;
  const lookup = file.finder.find(type.typeName);
  if (lookup.kind !== 'found' || lookup.declarations.length !== 1) return undefined;
  const [declaration] = lookup.declarations;
  if ((ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) && !declaration.heritageClauses) {
    return memberNames(file, declaration.members);
  }
  if (ts.isTypeAliasDeclaration(declaration) && !declaration.typeParameters) return writtenMembers(file, declaration.type);
  return undefined;
}

function memberNames(file: RouteFile, members: readonly (ts.TypeElement | ts.ClassElement)[]): string[] | undefined {
  const { ts } = file;
  const names: string[] = [];
  for (const member of members) {
    if (ts.isIndexSignatureDeclaration(member)) return undefined;
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.name) continue;
    const name = literalPropertyName(ts, member.name);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}
