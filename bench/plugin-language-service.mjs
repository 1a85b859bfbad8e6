// @ts-check
/**
 * A language service over a project, decorated with capsule-guard's tsserver plugin as tsserver
 * decorates it: what the editor measurement and the robustness sweep both drive in process.
 *
 * @param {typeof import('typescript')} ts
 * @param {(modules: { typescript: typeof import('typescript') }) => import('typescript').server.PluginModule} tsPlugin the plugin module's export (`require('@capsule-guard/ts-plugin')`)
 * @param {object} project
 * @param {string[]} project.rootNames
 * @param {import('typescript').CompilerOptions} project.options
 * @param {string} project.currentDirectory
 * @param {object} [project.pluginEntry] the plugin's tsconfig entry, options included
 * @param {(fileName: string) => string} [project.versionOf] a file's version; a new one means it changed
 * @param {(fileName: string) => string | undefined} [project.textOf] a file's current text
 * @param {() => string} [project.projectVersion] a version of the whole project that changes with any
 *   file's, as tsserver's project keeps: with it, asking the language service for its program
 *   again within one request compares no file's version, as in tsserver
 * @returns {{ languageService: import('typescript').LanguageService, proxy: import('typescript').LanguageService }}
 */
export function pluginLanguageService(ts, tsPlugin, project) {
  const { rootNames, options, currentDirectory, pluginEntry = { name: '@capsule-guard/ts-plugin' } } = project;
  const versionOf = project.versionOf ?? (() => '1');
  const textOf = project.textOf ?? ((fileName) => ts.sys.readFile(fileName));
  /** @type {import('typescript').LanguageServiceHost} */
  const host = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => rootNames,
    getScriptVersion: versionOf,
    ...(project.projectVersion ? { getProjectVersion: project.projectVersion } : {}),
    getScriptSnapshot: (fileName) => {
      const text = textOf(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => currentDirectory,
    getDefaultLibFileName: (compilerOptions) => ts.getDefaultLibFilePath(compilerOptions),
    fileExists: ts.sys.fileExists.bind(ts.sys),
    readFile: ts.sys.readFile.bind(ts.sys),
    readDirectory: ts.sys.readDirectory.bind(ts.sys),
    directoryExists: ts.sys.directoryExists.bind(ts.sys),
    getDirectories: ts.sys.getDirectories.bind(ts.sys),
    realpath: ts.sys.realpath?.bind(ts.sys),
  };
  const languageService = ts.createLanguageService(host, ts.createDocumentRegistry());
  // Only the members of the create info the plugin reads.
  const info = /** @type {import('typescript').server.PluginCreateInfo} */ (
    /** @type {unknown} */ ({
      languageService,
      config: pluginEntry,
      project: { projectService: { logger: { info() {} } }, getCompilerOptions: () => options },
    })
  );
  const proxy = tsPlugin({ typescript: ts }).create(info);
  return { languageService, proxy };
}
