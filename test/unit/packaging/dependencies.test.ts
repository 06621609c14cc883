import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Which packages ship in the installers. electron-builder copies `dependencies` into app.asar, and the
 * CLI runs from out/main with them externalized; the renderer is bundled by Vite, so its libraries are
 * build tools (devDependencies) and would only add dead weight to every installer.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Packages a file loads at run time: `import … from`, `export … from`, `import 'x'` and `import('x')`, not `import type`. */
function runtimePackages(files: string[]): Set<string> {
  const found = new Set<string>();
  const statement = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(statement)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (
        specifier.startsWith('.') ||
        specifier.startsWith('node:') ||
        specifier.startsWith('@contract') ||
        specifier.startsWith('@renderer/')
      )
        continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      if (!builtinModules.includes(name)) found.add(name);
    }
  }
  return found;
}

// Everything the desktop main process, the CLI, the browser host and the emulators run (the preload is bundled whole).
const nodeSide: Set<string> = runtimePackages(
  ['main', 'cli', 'host', 'handlers', 'core', 'contract', 'emulators'].flatMap((room) => sourceFiles(join(ROOT, 'electron', room))),
);
const rendererSide = runtimePackages(sourceFiles(join(ROOT, 'renderer', 'src')));

describe('package.json dependencies', () => {
  it('lists every package the main process and the CLI load at run time, and nothing else', () => {
    // electron is the runtime itself (a devDependency for its types and CLI), never copied into the app.
    const needed = [...nodeSide].filter((name) => name !== 'electron').sort();
    expect(Object.keys(pkg.dependencies).sort()).toEqual(needed);
  });

  it('keeps the renderer’s libraries (bundled into out/renderer) among the devDependencies', () => {
    const shipped = [...rendererSide].filter((name) => !nodeSide.has(name));
    expect(shipped.length).toBeGreaterThan(5);
    for (const name of shipped) {
      expect(pkg.devDependencies[name], `${name} should be a devDependency`).toBeDefined();
      expect(pkg.dependencies[name], `${name} is bundled: not a dependency`).toBeUndefined();
    }
  });

  it('has no type-only packages among the dependencies', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => name.startsWith('@types/'))).toEqual([]);
  });
});
