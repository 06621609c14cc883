import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Copies the cache's SQL migrations next to the bundled main process (out/main/migrations), where
 * `defaultMigrationsDir()` looks first — so a packaged app finds them without the source tree.
 */
export function copyMigrations(root: string): Plugin {
  return {
    name: 'clinicsync:copy-migrations',
    apply: 'build',
    writeBundle(options) {
      const target = join(resolve(options.dir ?? 'out/main'), 'migrations');
      rmSync(target, { recursive: true, force: true });
      cpSync(join(root, 'electron/core/db/migrations'), target, { recursive: true });
    },
  };
}
