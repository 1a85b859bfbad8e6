import * as path from 'node:path';
import { pluginEntryJsonSchema } from '@capsule-guard/engine';
import { expect, it } from 'vitest';

// The shipped schema is produced from the engine's options schema; `vitest -u` regenerates it.
it('ships the JSON schema of its tsconfig plugin entry, as the options schema produces it', async () => {
  await expect(`${JSON.stringify(pluginEntryJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(path.join(__dirname, '..', 'schema.json'));
});
