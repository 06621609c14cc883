import { readdirSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const NATIVE = 'node_modules/better-sqlite3-multiple-ciphers';
const prebuilds = readdirSync(join(ROOT, NATIVE, 'prebuilds')).filter((name) => name.endsWith('.node'));

/** What electron-builder does with a list of patterns: the last pattern that matches a path decides. */
function included(patterns: string[], file: string): boolean {
  let result = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (matchesGlob(file, negated ? pattern.slice(1) : pattern)) result = !negated;
  }
  return result;
}

describe('packaging configuration (electron-builder.ts)', () => {
  it('flips every Electron fuse to its hardened setting', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar and unpacks exactly the native SQLite binaries', () => {
    expect(config.asar).toEqual({ smartUnpack: false });
    expect(prebuilds.length).toBeGreaterThan(0);
    for (const name of prebuilds) {
      expect(
        config.asarUnpack.some((pattern) => matchesGlob(`${NATIVE}/prebuilds/${name}`, pattern)),
        name,
      ).toBe(true);
    }
    for (const file of [`${NATIVE}/lib/index.js`, `${NATIVE}/package.json`, 'out/main/index.js', 'out/renderer/index.html']) {
      expect(
        config.asarUnpack.some((pattern) => matchesGlob(file, pattern)),
        file,
      ).toBe(false);
    }
  });

  it('ships the tray icons the desktop shell loads from the resources folder', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/tray', to: 'tray', filter: ['*.png'] }]);
    expect(readdirSync(join(ROOT, 'resources', 'tray')).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(3);
  });

  it('never recompiles the native module (its N-API prebuilds load in Electron as they are)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('builds AppImage and deb for Linux, nsis for Windows and dmg for macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
  });

  it('ships the build and each platform’s own native binary, not the sources or the other platforms’ binaries', () => {
    const platforms = [
      { files: config.linux.files, own: ['linux-', 'linuxmusl-'] },
      { files: config.win.files, own: ['win32-'] },
      { files: config.mac.files, own: ['darwin-'] },
    ];
    for (const { files, own } of platforms) {
      for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
        expect(included(files, file), file).toBe(true);
      }
      for (const file of [
        'electron/main/index.ts',
        'test/unit/host/host.test.ts',
        '.ci/run',
        'README.md',
        `${NATIVE}/deps/sqlite3/sqlite3.c`,
      ]) {
        expect(included(files, file), file).toBe(false);
      }
      for (const name of prebuilds) {
        const file = `${NATIVE}/prebuilds/${name}`;
        // electron-builder adds production dependencies before applying the exclusions.
        expect(included([`${NATIVE}/**`, ...files], file), file).toBe(own.some((prefix) => name.startsWith(prefix)));
      }
    }
  });
});
