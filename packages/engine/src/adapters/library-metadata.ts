import type { EntityMetadata } from '../entities';
import { identifierRules } from '../identifiers';
import { literalPrefix } from '../template';
import { libraryEntitiesIn } from './library-entities';
import { isIsolated, type AdapterContext, type LibraryEntity, type LibraryKey } from './library-entity';
import { parseLibraryTemplate } from './library-template';

/**
 * The library entities of a file as the IAM policy sees our `@entity` classes: scope, table, and
 * the text the table's partition key begins with, as the library stores it.
 */
export function libraryEntityMetadata(context: AdapterContext): EntityMetadata[] {
  return libraryEntitiesIn(context).entities.map((entity) => {
    const pk = entity.keys.find((key) => key.primary && key.isPartitionKey);
    return {
      className: entity.label,
      library: entity.library,
      fileName: context.sourceFile.fileName,
      scope: isIsolated(entity) ? 'capsuleIsolated' : 'platformScoped',
      table: entity.table,
      pk: pk?.value.kind === 'template' ? pk.value.text : undefined,
      keyPrefix: pk && storedPrefix(context, entity, pk),
      placeholders: { open: entity.syntax.open, close: entity.syntax.close },
    };
  });
}

/**
 * The literal text a key begins with before its first placeholder: of its template, or
 * ElectroDB's `$<service>` before a key built from `composite`; lowercased as ElectroDB stores it.
 */
function storedPrefix(context: AdapterContext, entity: LibraryEntity, key: LibraryKey): string | undefined {
  const { value } = key;
  let prefix: string | undefined;
  if (value.kind === 'composite') prefix = value.prefix;
  else if (value.kind === 'template') {
    const { ts, sourceFile, options } = context;
    const parsed = parseLibraryTemplate(value.text, options.delimiter, entity.syntax, identifierRules(ts, sourceFile.languageVersion));
    prefix = parsed.ok ? literalPrefix(parsed.template, options.delimiter) : undefined;
  }
  return key.lowercased ? prefix?.toLowerCase() : prefix;
}
