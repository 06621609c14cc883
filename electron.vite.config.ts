import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import pkg from './package.json' with { type: 'json' };
import { copyMigrations } from './scripts/copy-migrations-plugin';

const contractAlias = { '@contract': resolve(import.meta.dirname, 'electron/contract') };

export default defineConfig({
  main: {
    resolve: { alias: contractAlias },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    plugins: [copyMigrations(import.meta.dirname)],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          cli: resolve(import.meta.dirname, 'electron/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: contractAlias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias: { ...contractAlias, '@renderer': resolve(import.meta.dirname, 'renderer/src') } },
    publicDir: resolve(import.meta.dirname, 'resources/icons'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; minify it (the console loads faster), with
      // source maps beside the bundles so DevTools still shows the original TypeScript.
      minify: true,
      sourcemap: true,
      rolldownOptions: {
        input: resolve(import.meta.dirname, 'renderer/index.html'),
        // The contract holds definitions only (ARCHITECTURE.md): the renderer imports its labels and types,
        // never its schemas (the receiving side validates), so a contract file it uses nothing from drops out.
        treeshake: { moduleSideEffects: [{ test: /[\\/]electron[\\/]contract[\\/]/, sideEffects: false }] },
      },
    },
  },
});
