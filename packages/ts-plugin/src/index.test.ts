import * as ts from 'typescript';
import { expect, it } from 'vitest';
import { RULES } from '@capsule-guard/engine';
import { FAILING_ENTITY, failingEntityFindings, typeScriptFailingAt } from '../../engine/src/testing/failing-typescript';
import { ROOT, withCore, type Files } from '../../engine/src/testing/in-memory-program';
import init from './index';

/** A real language service over in-memory files, as tsserver hands it to a plugin. */
function languageServiceOf(files: Files): ts.LanguageService {
  const all = withCore(files);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, strict: true, types: [] };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files).map((name) => `${ROOT}/${name}`),
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = all.get(name) ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => all.has(name) || ts.sys.fileExists(name),
    readFile: (name) => all.get(name) ?? ts.sys.readFile(name),
  };
  return ts.createLanguageService(host);
}

/** What tsserver hands the plugin: the language service, and a project configured with the plugin. */
function createInfo(languageService: ts.LanguageService): ts.server.PluginCreateInfo {
  return {
    languageService,
    project: { getCompilerOptions: () => ({ plugins: [{ name: '@capsule-guard/ts-plugin' }] }), projectService: { logger: { info: () => {} } } },
  } as unknown as ts.server.PluginCreateInfo;
}

it("reports an internal error of the engine as the engine's finding of each rule that failed, and the editor goes on", () => {
  const languageService = languageServiceOf({ 'order.ts': FAILING_ENTITY });
  const plugin = init({ typescript: typeScriptFailingAt(ts) }).create(createInfo(languageService));

  const ours = plugin.getSemanticDiagnostics(`${ROOT}/order.ts`).map((diagnostic) => {
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!);
    return [diagnostic.code, line + 1, character + 1, diagnostic.messageText];
  });
  expect(ours).toEqual(
    failingEntityFindings(`${ROOT}/order.ts`).map((f) => [RULES[f.rule].code, f.line, f.column, `${f.message} [${f.ruleId}]`]),
  );
  expect(plugin.getQuickInfoAtPosition(`${ROOT}/order.ts`, FAILING_ENTITY.indexOf('OrderEntity'))?.kind).toBe('class');
});

it("asks the language service for its program once per diagnostics request: outside tsserver each ask compares every file's version", () => {
  const text = "import { capsuleIsolated, entity } from '@capsule-guard/core';\n@entity({ table: 't', pk: 'ORDER#{id}' })\n@capsuleIsolated\nexport class OrderEntity {\n  id!: string;\n}\n";
  const real = languageServiceOf({ 'order.ts': text });
  let asked = 0;
  const languageService = new Proxy(real, {
    get: (target, key: keyof ts.LanguageService) =>
      key === 'getProgram' ? () => (asked++, target.getProgram()) : target[key],
  });
  const plugin = init({ typescript: ts }).create(createInfo(languageService));

  const ours = plugin.getSemanticDiagnostics(`${ROOT}/order.ts`).flatMap((diagnostic) => {
    if (diagnostic.code !== RULES['capsule-id-required'].code) return [];
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!);
    return [[line + 1, character + 1, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]];
  });
  expect(ours).toEqual([[4, 14, expect.stringContaining('[capsule-guard/capsule-id-required]')]]);
  expect(asked).toBe(1);
});
