import type { TS } from '@capsule-guard/engine';

let loaded: TS | undefined;

/**
 * The TypeScript module, loaded on first use rather than when the plugin is imported: ESLint
 * loads every configured plugin up front, and a config that never lints a TypeScript file should
 * not pay for (or need) the compiler. It resolves from node_modules like typescript-eslint's
 * parser does, so both see the same module and its syntax kinds agree.
 */
export function loadTypeScript(): TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on first use, which import cannot do
  loaded ??= require('typescript') as TS;
  return loaded;
}
