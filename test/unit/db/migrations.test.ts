import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { CacheOpenError, defaultMigrationsDir, openCache } from '../../../electron/core/db';
import { migrate } from '../../../electron/core/db/migrate';
import { readMigrationFiles } from '../../../electron/core/db/migration-files';
import { KEY, T0, tempDir } from './fixtures';

const APP_VERSION = readMigrationFiles(defaultMigrationsDir()).length;
const nextFileName = (name: string) => `${String(APP_VERSION + 1).padStart(4, '0')}_${name}.sql`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const fileHash = (file: string) => sha256(readFileSync(file, 'latin1'));

function copyOfAppMigrations(): string {
  const dir = path.join(tempDir(), 'migrations');
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

function openError(fn: () => unknown): CacheOpenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CacheOpenError) return error;
    throw error;
  }
  throw new Error('expected a CacheOpenError');
}

describe('migrations', () => {
  it('applies files in numeric order, each recorded with its checksum', () => {
    const dir = tempDir();
    // Written out of order; each step needs the one before it.
    writeFileSync(path.join(dir, '0003_index_notes.sql'), 'CREATE INDEX notes_by_day ON notes (day);');
    writeFileSync(path.join(dir, '0001_create_notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    writeFileSync(path.join(dir, '0002_add_day.sql'), 'ALTER TABLE notes ADD COLUMN day TEXT;');
    const db = new Database(path.join(dir, 'order.db'));
    try {
      const applied = migrate(db, readMigrationFiles(dir), T0);
      expect(applied.map((m) => m.name)).toEqual(['create_notes', 'add_day', 'index_notes']);
      const recorded = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
      expect(recorded).toEqual([
        { version: 1, name: 'create_notes', checksum: sha256('CREATE TABLE notes (id INTEGER PRIMARY KEY);') },
        { version: 2, name: 'add_day', checksum: sha256('ALTER TABLE notes ADD COLUMN day TEXT;') },
        { version: 3, name: 'index_notes', checksum: sha256('CREATE INDEX notes_by_day ON notes (day);') },
      ]);
      expect(migrate(db, readMigrationFiles(dir), T0)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('rejects a gap in the numbering and a misnamed file', () => {
    const gap = tempDir();
    writeFileSync(path.join(gap, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(path.join(gap, '0003_c.sql'), 'SELECT 1;');
    expect(openError(() => readMigrationFiles(gap)).code).toBe('migrations_invalid');

    const misnamed = tempDir();
    writeFileSync(path.join(misnamed, '1_first.sql'), 'SELECT 1;');
    expect(openError(() => readMigrationFiles(misnamed)).code).toBe('migrations_invalid');
  });

  it('refuses to open, and leaves the file alone, when an applied migration was changed', () => {
    const migrations = copyOfAppMigrations();
    const file = path.join(tempDir(), 'cache.db');
    openCache({ file, key: KEY, migrationsDir: migrations }).close();
    const before = fileHash(file);

    appendFileSync(path.join(migrations, '0002_views.sql'), '\n-- edited after release\n');
    const error = openError(() => openCache({ file, key: KEY, migrationsDir: migrations }));

    expect(error.code).toBe('migrations_mismatch');
    expect(error.message).toContain('0002_views');
    expect(error.message).toContain('will not rewrite');
    expect(fileHash(file)).toBe(before);
  });

  it('treats a CRLF checkout of the same migrations as unchanged', () => {
    const migrations = copyOfAppMigrations();
    const file = path.join(tempDir(), 'cache.db');
    openCache({ file, key: KEY, migrationsDir: migrations }).close();
    const views = path.join(migrations, '0002_views.sql');
    writeFileSync(views, readFileSync(views, 'utf8').replace(/\n/g, '\r\n'));

    expect(() => openCache({ file, key: KEY, migrationsDir: migrations }).close()).not.toThrow();
  });

  it('refuses a cache written by a newer app, naming both schema versions', () => {
    const newer = copyOfAppMigrations();
    writeFileSync(path.join(newer, nextFileName('future_feature')), 'CREATE TABLE future_feature (id INTEGER PRIMARY KEY);');
    const file = path.join(tempDir(), 'cache.db');
    openCache({ file, key: KEY, migrationsDir: newer }).close();
    const before = fileHash(file);

    const error = openError(() => openCache({ file, key: KEY, migrationsDir: copyOfAppMigrations() }));

    expect(error.code).toBe('newer_than_app');
    expect(error.message).toContain(`schema ${APP_VERSION + 1}; this version knows up to ${APP_VERSION}`);
    expect(fileHash(file)).toBe(before);
  });

  it('rolls a failing migration back whole and keeps the earlier ones', () => {
    const broken = copyOfAppMigrations();
    writeFileSync(
      path.join(broken, nextFileName('half_done')),
      'CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);',
    );
    const file = path.join(tempDir(), 'cache.db');

    expect(openError(() => openCache({ file, key: KEY, migrationsDir: broken })).code).toBe('migration_failed');

    const cache = openCache({ file, key: KEY, migrationsDir: copyOfAppMigrations() });
    try {
      const tables = cache.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all();
      const versions = cache.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      expect(tables).toEqual([]);
      expect(versions).toEqual(Array.from({ length: APP_VERSION }, (_, i) => i + 1));
    } finally {
      cache.close();
    }
  });
});
