import { describe, expect, it } from 'vitest';
import { mayDeclareFrameworkRoutes } from '../routes/check-framework-routes';
import { ROUTE_LIBRARY_PACKAGES } from '../routes/libraries';
import { ENTITY_LIBRARY_PACKAGES, mayMentionLibrary, mayUseEntityLibrary } from './library-entities';

describe('the text pre-filters without type information', () => {
  it('let through a file naming any library package, or writing a library option name after a relative import', () => {
    for (const name of ENTITY_LIBRARY_PACKAGES) {
      expect(mayMentionLibrary(`import { X } from '${name}';`)).toBe(true);
      expect(mayUseEntityLibrary(`import { X } from '${name}';`, false)).toBe(true);
    }
    for (const name of ROUTE_LIBRARY_PACKAGES) expect(mayMentionLibrary(`import x from '${name}';`)).toBe(true);
    for (const name of ['@nestjs/common', 'tsoa', 'fastify']) expect(mayDeclareFrameworkRoutes(`import x from '${name}';`, false)).toBe(true);
    for (const option of ['indexes', 'schema', 'primaryKey']) {
      expect(mayUseEntityLibrary(`import { Model } from './db';\nnew Model({ ${option}: {} });`, false)).toBe(true);
    }
  });

  it('stop a file that names none of them and writes no library option name', () => {
    const text = "import { capsuleIsolated, entity } from '@capsule-guard/core';\nimport { PK } from './keys';\n@entity({ table: 't', pk: PK })\n@capsuleIsolated\nexport class A {}\n";
    expect(mayMentionLibrary(text)).toBe(false);
    expect(mayUseEntityLibrary(text, false)).toBe(false);
    expect(mayDeclareFrameworkRoutes(text, false)).toBe(false);
    // With type information a local barrel may reach a library: the text alone does not stop the file.
    expect(mayUseEntityLibrary(text, true)).toBe(true);
    expect(mayDeclareFrameworkRoutes(text, true)).toBe(true);
  });
});
