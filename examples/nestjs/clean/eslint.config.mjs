import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import capsuleGuard from '@capsule-guard/eslint-plugin';

export default defineConfig({
  files: ['**/*.ts'],
  extends: [capsuleGuard.configs.recommended],
  languageOptions: {
    parser: tseslint.parser,
    // Type information lets the rules follow consts, base classes and context types across
    // files; without it (projectService: false) they still work, resolving within each file.
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
});
