/**
 * Every subpath of this package other than its entry points resolves here (package.json
 * `exports` "./*"). A misspelt tsconfig entry such as `"transform": "@capsule-guard/ts-plugin/transfrom"`
 * would otherwise make ts-patch stop with a bare Node stack (ERR_PACKAGE_PATH_NOT_EXPORTED)
 * before any of our code runs. Loaded instead, the transformer reads the plugin entries, finds the
 * misspelt one and fails the build with an error that names it and what to write.
 */
import capsuleGuardTransformer from './transform';

export = capsuleGuardTransformer;
