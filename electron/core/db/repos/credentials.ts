import type { Db } from '../sqlite';
import { toStoredTime } from '../timestamps';

export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;

/** API keys kept inside the encrypted cache (for faces without an OS keychain). */
export function createCredentialsRepo(db: Db) {
  const get = db.prepare('SELECT secret FROM credentials WHERE ref = ?').pluck();
  const put = db.prepare(`INSERT INTO credentials (ref, secret, updated_at) VALUES (@ref, @secret, @at)
    ON CONFLICT (ref) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM credentials WHERE ref = ?');
  return {
    get: (ref: string): string | null => (get.get(ref) as string | undefined) ?? null,
    put(ref: string, secret: string, at: string): void {
      put.run({ ref, secret, at: toStoredTime(at, 'at') });
    },
    remove(ref: string): void {
      remove.run(ref);
    },
  };
}
