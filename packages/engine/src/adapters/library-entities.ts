import type * as ts from 'typescript';
import type { TS } from '../finding';
import { requireBindings } from '../require-bindings';
import { ROUTE_LIBRARY_PACKAGES } from '../routes/libraries';
import { containsAnyOf } from '../text-search';
import { BARREL_SHAPE_NEEDLES, mayUseLibraryThroughBarrel } from './barrel-uses';
import { ELECTRODB, electroDbEntities } from './electrodb';
import type { AdapterContext, AdapterResult, LibraryEntity } from './library-entity';
import type { LibraryImports } from './library-imports';
import { DOLLAR_BRACES, DOUBLE_BRACES, FORMATTED_DOLLAR_BRACES, type PlaceholderSyntax } from './library-template';
import { ONETABLE, oneTableEntities } from './onetable';
import { TYPEDORM, typeDormEntities } from './typedorm';

/** Each supported modelling library: how its use is recognised, and how its entities are read. */
const ADAPTERS: readonly (readonly [LibraryImports<string>, (context: AdapterContext) => AdapterResult])[] = [
  [ELECTRODB, electroDbEntities],
  [ONETABLE, oneTableEntities],
  [TYPEDORM, typeDormEntities],
];

/** How each library writes a placeholder in its key templates, by package. */
const TEMPLATE_SYNTAXES: ReadonlyMap<string, PlaceholderSyntax> = new Map([
  [ELECTRODB.packageName, DOLLAR_BRACES],
  [ONETABLE.packageName, FORMATTED_DOLLAR_BRACES],
  [TYPEDORM.packageName, DOUBLE_BRACES],
]);

/** Every library's placeholder syntax, for a template of an entity whose library the file reaches through a barrel. */
export const LIBRARY_TEMPLATE_SYNTAXES: readonly PlaceholderSyntax[] = [...TEMPLATE_SYNTAXES.values()];

/** The packages whose templates are written in `syntax`. */
export function templatePackagesOf(syntax: PlaceholderSyntax): string[] {
  return [...TEMPLATE_SYNTAXES].filter(([, written]) => written === syntax).map(([packageName]) => packageName);
}

/**
 * The key template syntaxes of the modelling libraries a file imports. There `'TENANT#${tenantId}'`
 * is a library's template held in a const for its entity, not a JavaScript interpolation written
 * in the wrong quotes, which it is anywhere else.
 */
export function importedTemplateSyntaxes(ts: TS, sourceFile: ts.SourceFile): PlaceholderSyntax[] {
  const syntaxes: PlaceholderSyntax[] = [];
  const add = (specifier: ts.Expression | undefined) => {
    const syntax = specifier && ts.isStringLiteral(specifier) ? TEMPLATE_SYNTAXES.get(specifier.text) : undefined;
    if (syntax && !syntaxes.includes(syntax)) syntaxes.push(syntax);
  };
  // The import declarations, not the text: a pass over the text for the packages' names costs more.
  // A file holding key literals seldom writes `require` (as such or escaped): then no statement is
  // read for one.
  const { text } = sourceFile;
  const mayRequire = text.includes('require') || text.includes('\\u');
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) add(statement.moduleSpecifier);
    else if (mayRequire) for (const { specifier } of requireBindings(ts, statement)) add(specifier);
  }
  return syntaxes;
}

/** The packages whose entities are checked: a module re-exporting one passes its entities on, as a barrel of ours does. */
export const ENTITY_LIBRARY_PACKAGES: readonly string[] = ADAPTERS.map(([library]) => library.packageName);

/**
 * Whether a text may name a library's package (a modelling library's or a web framework's) or
 * write a library's option names: a file that does neither can use none without type information.
 */
export const mayMentionLibrary: (text: string) => boolean = containsAnyOf([...ENTITY_LIBRARY_PACKAGES, ...BARREL_SHAPE_NEEDLES, ...ROUTE_LIBRARY_PACKAGES]);

/**
 * Cheap pre-filter: whether a file may declare library entities. Without type information it must
 * name a library's package, or import from a local module and write a library's option names (a
 * barrel it cannot follow, reported); with it, any file that imports may reach one through a barrel.
 */
export function mayUseEntityLibrary(text: string, typed: boolean): boolean {
  if (!typed && !mayMentionLibrary(text)) return false;
  return ADAPTERS.some(([library]) => library.mayBeUsedIn(text, typed)) || (!typed && mayUseLibraryThroughBarrel(text));
}

/**
 * Whether a file may declare library entities, once parsed: the text pre-filter and, with type
 * information, a chain of its imports that reaches one of the libraries. `declaresNoInstance`: the
 * file is known to declare no library's entity with `new` or a class decorator (see
 * declaresNoLibraryInstance).
 */
export function mayDeclareLibraryEntities(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker | undefined, declaresNoInstance = false): boolean {
  const { text } = sourceFile;
  if (!checker) return mayUseEntityLibrary(text, false);
  // The reach of a file's imports is learnt once for all libraries, the text is searched for each.
  return ADAPTERS.some(([library]) => library.isReachedFrom({ ts, sourceFile, checker }, declaresNoInstance) && library.mayBeUsedIn(text, true));
}

/** The library entities of a file, and the nodes that declare them. */
export function libraryEntitiesIn(context: AdapterContext): { entities: LibraryEntity[]; declarations: Set<ts.Node> } {
  const entities: LibraryEntity[] = [];
  const declarations = new Set<ts.Node>();
  const text = context.sourceFile.text;
  for (const [library, read] of ADAPTERS) {
    if (!library.mayBeUsedIn(text, context.checker !== undefined) || !library.isReachedFrom(context)) continue;
    const found = read(context);
    entities.push(...found.entities);
    for (const node of found.declarations) declarations.add(node);
  }
  return { entities, declarations };
}

/** Without type information: the re-exports of each library's entity exports in a file, and the library's package. */
export function libraryReexportsIn(context: AdapterContext): { readonly node: ts.Node; readonly names: string; readonly library: string }[] {
  const text = context.sourceFile.text;
  return ADAPTERS.flatMap(([library]) =>
    library.mayBeUsedIn(text, false) ? library.reexportsIn(context).map((reexport) => ({ ...reexport, library: library.packageName })) : [],
  );
}
