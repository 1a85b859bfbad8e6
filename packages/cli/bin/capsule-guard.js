#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node as it is */
// The `capsule-guard` command. This file is committed, not built, so that `npm ci` in a fresh
// clone links it into node_modules/.bin before the packages are compiled; otherwise npm skips the
// missing bin and `npx capsule-guard` would look for a package of that name on the registry.
// It only loads the compiled CLI, and says what to do when there is none yet.
const { existsSync } = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'bin.js');
if (existsSync(entry)) {
  require(entry);
} else {
  process.stderr.write(
    `capsule-guard: the CLI is not built (${path.relative(process.cwd(), entry)} is missing).\n` +
      'Run `npm run build` in the capsule-guard repository, then run this command again.\n',
  );
  process.exitCode = 2;
}
