import { describe, it } from 'vitest';
import { COMPILERS, compile, typeLevelErrors } from './compilers';
import { LEAKY_EXAMPLE } from './expected';

/**
 * The repository's examples under a plain `tsc`, as in a project on TypeScript 7 that cannot load
 * the compiler plugin: the clean one builds, the leaky one fails on every leak its types can see.
 */
describe.concurrent.each(COMPILERS)('examples under $name, without the plugin', (compiler) => {
  it('examples/clean compiles without an error', async ({ expect }) => {
    const compilation = await compile(compiler, 'examples/clean/tsconfig.json');
    expect(compilation.output).toBe('');
    expect(compilation.exitCode).toBe(0);
  });

  it('examples/leaky fails, naming the rule of each leak the types can see', async ({ expect }) => {
    const compilation = await compile(compiler, 'examples/leaky/tsconfig.json');
    expect(typeLevelErrors(compilation)).toEqual(LEAKY_EXAMPLE);
    expect(compilation.exitCode).not.toBe(0);
  });
});
