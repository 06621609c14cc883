/**
 * The launcher refuses a Node that would crash the SQLite driver, with a message instead of a segfault.
 * The spawn test runs the real bin with an old system Node when this machine has one (Node 20 here).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR, nodeVersionProblem } from '../../../bin/node-guard.mjs';

const BIN = path.resolve('bin/clinicsync.mjs');

/** A `node` on PATH older than the minimum, if the machine has one. */
function oldSystemNode(): string | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
  return found.find((candidate) => {
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim().replace(/^v/, '');
    return version !== undefined && Number(version.split('.')[0]) < MIN_NODE_MAJOR;
  });
}

describe('the Node version guard', () => {
  it('refuses Node 20 and older, naming the version, the binary and what to do', () => {
    const problem = nodeVersionProblem('20.20.2', '/usr/bin/node');
    expect(problem).toMatch(/needs Node\.js 22 or newer, but this is Node\.js 20\.20\.2 \(\/usr\/bin\/node\)/);
    expect(problem).toMatch(/npx clinicsync/);
    expect(problem).toMatch(/install Node\.js 24/);
    expect(nodeVersionProblem('18.0.0', 'node')).not.toBeNull();
    expect(nodeVersionProblem('garbage', 'node')).not.toBeNull();
  });

  it('accepts Node 22, 24 and the Node running these tests', () => {
    expect(nodeVersionProblem('22.0.0', 'node')).toBeNull();
    expect(nodeVersionProblem('24.21.0', 'node')).toBeNull();
    expect(nodeVersionProblem(process.versions.node, process.execPath)).toBeNull();
  });

  const oldNode = oldSystemNode();
  it.skipIf(oldNode === undefined)(
    'makes the real launcher exit 1 with that message on an old system Node, before loading anything',
    () => {
      const result = spawnSync(oldNode as string, [BIN, 'status'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(result.signal).toBeNull();
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/ClinicSync needs Node\.js 22 or newer, but this is Node\.js \d+\./);
      expect(result.stdout).toBe('');
    },
  );

  it('lets the pinned Node through the guard (it then stops only because of what follows it)', () => {
    const result = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(result.stderr).not.toMatch(/needs Node\.js/);
  });
});
