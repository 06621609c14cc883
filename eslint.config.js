// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Banned everywhere but in the one allowlisted wrapper (electron/main/open-external.ts). */
const openExternalBan = {
  selector: "CallExpression[callee.property.name='openExternal']",
  message: 'Open external links only through openExternalSafely() in electron/main/open-external.ts.',
};

const electronOnly = [
  { name: 'electron', message: 'The core runs in plain Node: pass Electron capabilities in as interfaces.' },
  { name: 'electron-store', message: 'Settings reach the core through an interface; electron-store lives in electron/main.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench-results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', openExternalBan],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core: no Electron, no settings store, no renderer, and no knowledge of the faces above it.
    files: ['electron/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronOnly,
          patterns: [
            { group: ['**/renderer/**', '@renderer/*'], message: 'The core never imports renderer code.' },
            {
              group: [
                '**/contract',
                '**/contract/**',
                '**/handlers',
                '**/handlers/**',
                '**/main/**',
                '**/host/**',
                '**/cli/**',
                '**/preload/**',
                '**/emulators/**',
              ],
              message: 'The core knows nothing of the faces, the contract or the emulators.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract is safe for the renderer: zod, the pure domain, and type-only settings imports.
    files: ['electron/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronOnly,
          patterns: [
            {
              group: ['**/core/**', '!**/core/domain', '!**/core/domain/**', '!**/core/settings/app-settings', '!**/core/schedule'],
              message: 'The contract may only import the domain (pure values and types) and the settings types.',
            },
            {
              group: ['**/core/settings/app-settings', '**/core/schedule'],
              allowTypeImports: true,
              message: 'Import settings types with `import type`.',
            },
            {
              group: ['**/handlers/**', '**/main/**', '**/host/**', '**/cli/**', '**/renderer/**'],
              message: 'The contract holds definitions only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Emulators stand in for the remote APIs: written from the specs, sharing nothing with the connectors.
    files: ['electron/emulators/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core', '**/core/**'], message: 'Emulators import nothing from the core, so a shared misreading cannot hide.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronOnly,
          patterns: [
            { group: ['**/electron/**', '**/electron'], message: 'The renderer imports only the contract, as @contract.' },
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        openExternalBan,
        {
          selector: "CallExpression[callee.property.name='exposeInMainWorld'] > Identifier[name='ipcRenderer']",
          message: 'Never expose ipcRenderer itself.',
        },
      ],
    },
  },
);
