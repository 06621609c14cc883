import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultCacheFile, openCache } from '../../../electron/core/db';
import { assertBuilt, runCli } from '../../support/run-cli';
import { scribble } from '../../support/scribble';

let root: string;
beforeAll(() => {
  assertBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-cli-check-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('`clinicsync check-cache` finds damage an ordinary open skips, and moves the file aside', async () => {
  const dataDir = path.join(root, 'data');
  const hexKey = randomBytes(32).toString('hex');
  const env = { CLINICSYNC_DATA_DIR: dataDir, CLINICSYNC_KEY_DIR: path.join(root, 'keys'), CLINICSYNC_DB_KEY: hexKey };
  const file = defaultCacheFile(dataDir);
  const cache = openCache({ file, key: { kind: 'encrypted', hexKey } });
  cache.db.exec('CREATE TABLE filler (n INTEGER, padding TEXT)');
  cache.db
    .prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT i, printf('%.500c', 'x') FROM n",
    )
    .run();
  const pages = cache.db.prepare("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf'").pluck().all() as number[];
  cache.close();
  scribble(file, pages.slice(10, 12));

  const status = await runCli(['status'], env);
  const marksAfterStatus = readdirSync(dataDir).filter((name) => name.includes('.open-'));
  const check = await runCli(['check-cache'], env);
  const again = await runCli(['check-cache'], env);

  expect(status.code).toBe(0);
  // Closed cleanly, so the next open does not take it for a crash.
  expect(marksAfterStatus).toEqual([]);
  expect(check.code).toBe(1);
  expect(check.stderr).toContain('moved it aside');
  expect(readdirSync(dataDir).filter((name) => /^cache\.db\.damaged-[0-9TZ]+$/.test(name))).toHaveLength(1);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('is sound: every page was checked');
});
