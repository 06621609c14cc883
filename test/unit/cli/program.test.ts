import { describe, expect, it } from 'vitest';
import { runCliInProcess as run } from '../../support/cli-in-process';

describe('clinicsync command line', () => {
  it('exits 2 with a usage message for an unknown command', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('exits 2 naming the problem for a bad option value', async () => {
    const result = await run(['serve', '--port', '99999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port.*must be a whole number from 0 to 65535/);
  });

  it('exits 1 with one clear line when the console has not been built', async () => {
    const result = await run(['serve']);
    expect(result.code).toBe(1);
    expect(result.logged).toEqual(['The console has not been built yet. Run `npm run build` first.']);
  });

  it('prints help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: clinicsync/);
    expect(result.stdout).toMatch(/serve/);
  });
});
