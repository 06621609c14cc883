#!/usr/bin/env node
// `npx clinicsync …`: runs the bundled CLI that `npm install` / `npm run build` produce.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('ClinicSync has not been built yet. Run `npm run build` in the project folder first.\n');
  process.exit(1);
}
await import(cli.href);
