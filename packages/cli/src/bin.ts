#!/usr/bin/env node
import { run } from './cli';

// exitCode rather than process.exit(), so that a large report piped to another program is
// written out in full before the process ends.
process.exitCode = run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
