import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openTestService, type TestService } from '../../support/test-service';

let t: TestService;
afterEach(async () => t.dispose());

it('Settings’ "Check the cache now" reads every page, says so, and restarts the weekly clock', () => {
  let clock = new Date('2026-03-02T09:00:00Z');
  t = openTestService({ now: () => clock });
  const checkedFile = path.join(t.dataDir, 'cache.db.checked');
  expect(readFileSync(checkedFile, 'utf8').trim()).not.toBe('2026-03-05T09:00:00.000Z');
  clock = new Date('2026-03-05T09:00:00Z');

  const result = t.service.checkCache();

  expect(result).toEqual({ sound: true, message: 'The local cache is sound: every page was read and checked.' });
  expect(readFileSync(checkedFile, 'utf8').trim()).toBe('2026-03-05T09:00:00.000Z');
});
