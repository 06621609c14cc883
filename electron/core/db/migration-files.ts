import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CacheOpenError } from './errors';

/** One `migrations/NNNN_name.sql` file: the files on disk are the schema's source of truth. */
export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the text with line endings normalized, so a CRLF checkout does not look tampered. */
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const SOURCE_MIGRATIONS = path.join('electron', 'core', 'db', 'migrations');

/**
 * `<folder of this module>/migrations` when it exists (the build copies them to out/main/migrations),
 * else the source folder found by walking up from this module (tests, tsx).
 */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const besideModule = path.join(here, 'migrations');
  if (existsSync(besideModule)) return besideModule;
  for (let dir = here; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, SOURCE_MIGRATIONS);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return besideModule;
  }
}

/** Reads and validates the migration files: well named, numbered 1, 2, 3… without gaps. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) {
    throw new CacheOpenError(
      'migrations_missing',
      `ClinicSync could not find its database migrations (looked in ${dir}). The installation looks incomplete; reinstall ClinicSync.`,
    );
  }
  const files = readdirSync(dir)
    .filter((fileName) => fileName.endsWith('.sql'))
    .map((fileName) => parseFile(dir, fileName))
    .sort((a, b) => a.version - b.version);
  files.forEach((file, index) => {
    if (file.version !== index + 1) {
      throw new CacheOpenError(
        'migrations_invalid',
        `Database migrations must be numbered 0001, 0002, … without gaps or repeats; found ${String(file.version).padStart(4, '0')}_${file.name} where ${String(index + 1).padStart(4, '0')} was expected.`,
      );
    }
  });
  return files;
}

function parseFile(dir: string, fileName: string): MigrationFile {
  const match = FILE_NAME.exec(fileName);
  if (!match) {
    throw new CacheOpenError(
      'migrations_invalid',
      `The migration file ${fileName} is not named NNNN_name.sql (lower-case letters, digits, underscores).`,
    );
  }
  const sql = readFileSync(path.join(dir, fileName), 'utf8').replace(/\r\n/g, '\n');
  return {
    version: Number(match[1]),
    name: match[2] ?? '',
    sql,
    checksum: createHash('sha256').update(sql).digest('hex'),
  };
}
