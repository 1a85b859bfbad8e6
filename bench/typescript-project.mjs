// @ts-check
/** Loads a generated project's tsconfig the way tsc does, for the in-process measurements. */
import { createRequire } from 'node:module';

// What `require` returns is unknown until cast to the module's type.
const require = /** @type {(id: string) => unknown} */ (createRequire(import.meta.url));
export const ts = /** @type {typeof import('typescript')} */ (require('typescript'));

/**
 * @param {string} configPath
 * @returns {import('typescript').ParsedCommandLine}
 */
export function parseProject(configPath) {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed || parsed.errors.length > 0) throw new Error(`cannot read ${configPath}`);
  return parsed;
}
