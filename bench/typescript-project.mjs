/** Loads a generated project's tsconfig the way tsc does, for the in-process measurements. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const ts = require('typescript');

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
