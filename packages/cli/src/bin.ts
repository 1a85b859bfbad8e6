#!/usr/bin/env node
import { useCompileCache } from './compile-cache';

// Before the CLI's modules are loaded, so that their require('typescript') finds it loaded.
useCompileCache();

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the cache is in place
const { run } = require('./cli') as typeof import('./cli');

// exitCode rather than process.exit(), so that a large report piped to another program is
// written out in full before the process ends.
process.exitCode = run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
