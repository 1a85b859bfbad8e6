import { DecoratorResolver } from '../decorators';
import { mayReachPackages } from '../import-reach';
import { PackageModules } from '../package-modules';
import { mayImportModules } from '../require-bindings';
import { decoratorReexports, type Reexport } from '../reexports';
import type { AdapterContext } from './library-entity';

/**
 * The exports of a modelling library that declare entities (`Entity` of `electrodb`), found by
 * import exactly as our decorators are: aliases, namespace imports and, with type information,
 * barrels, through the same resolver.
 */
export class LibraryImports<Name extends string> {
  private readonly modules: PackageModules;

  constructor(
    readonly packageName: string,
    private readonly names: readonly Name[],
    /** Texts its declarations are written with (`new`, `@`, `models`): a file with none of them declares none. */
    private readonly written: readonly string[],
    /**
     * OneTable's `OneSchema` is a type: type-only imports of it count, in a file that writes what
     * a use of it is written with (a schema's `models`).
     */
    private readonly typesWrittenWith?: string,
  ) {
    this.modules = new PackageModules([packageName]);
  }

  /** Whether a file may use the library: it names the package, or may reach it through a barrel. */
  mayBeUsedIn(text: string, typed: boolean): boolean {
    // A file naming the package may also be a barrel of it, which the CLI must know to check its importers.
    if (text.includes(this.packageName)) return true;
    return typed && mayImportModules(text) && this.written.some((needle) => text.includes(needle));
  }

  /**
   * Whether a file that may use the library (`mayBeUsedIn`) does: with type information, when a
   * chain of its imports reaches the package; without, its own imports are read by the resolver.
   * `declaresNoInstance`: the file is known to write none of the library's exports after `new` or
   * as a class decorator (see declaresNoLibraryInstance); only a type of it may be used.
   */
  isReachedFrom({ ts, sourceFile, checker }: Pick<AdapterContext, 'ts' | 'sourceFile' | 'checker'>, declaresNoInstance = false): boolean {
    if (!declaresNoInstance && mayReachPackages(ts, sourceFile, checker, this.modules)) return true;
    const { typesWrittenWith } = this;
    return typesWrittenWith !== undefined && sourceFile.text.includes(typesWrittenWith) && mayReachPackages(ts, sourceFile, checker, this.modules, true);
  }

  /**
   * The statements of a module that hand the library's entity exports on (a local barrel, as for
   * our decorators): without type information the modules importing from it cannot be checked.
   */
  reexportsIn(context: AdapterContext): Reexport[] {
    const isEntityExport = (exported: string) => this.names.some((name) => name === exported);
    return decoratorReexports(context.ts, context.sourceFile, this.modules, this.resolver(context), isEntityExport);
  }

  resolver(context: AdapterContext): DecoratorResolver<Name> {
    const { ts, sourceFile, checker } = context;
    const recognize = (exported: string): Name | undefined => this.names.find((name) => name === exported);
    return new DecoratorResolver(ts, sourceFile, this.modules, checker, recognize, this.typesWrittenWith !== undefined);
  }
}
