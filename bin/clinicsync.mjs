#!/usr/bin/env node
// `npx clinicsync …`: runs the bundled CLI that `npm install` / `npm run build` produce.
import { existsSync } from 'node:fs';
import { nodeVersionProblem } from './node-guard.mjs';

// Before anything loads the SQLite driver: on too old a Node it would crash without a word.
const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('ClinicSync has not been built yet. Run `npm run build` in the project folder first.\n');
  process.exit(1);
}
await import(cli.href);
