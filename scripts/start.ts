/**
 * `npm start`: builds, then opens the desktop app — or, where the Electron runtime is missing,
 * explains why and serves the same console in the browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronRuntime, MISSING_RUNTIME_MESSAGE } from './electron-runtime';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectronRuntime();
const passThrough = process.argv.slice(2);
const child = electron
  ? spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' })
  : (console.log(`\n${MISSING_RUNTIME_MESSAGE}\n`),
    spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...passThrough], { cwd: root, stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
