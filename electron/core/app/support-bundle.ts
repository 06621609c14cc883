import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Cache } from '../db';
import type { SupportBundleResult } from '../domain';
import { LOG_FILE } from '../log/app-log';
import type { AppSettings } from '../settings/app-settings';
import { hashIdentifier, redactText } from './redact';
import { runRecord } from './run-rows';

/** Only the end of each log goes in: recent trouble is what support needs. */
const LOG_TAIL_BYTES = 1024 * 1024;

export interface SupportBundleInput {
  cache: Cache;
  settings: AppSettings;
  dataDir: string;
  versions: Record<string, string>;
  now: Date;
}

/**
 * Writes `<data folder>/support/clinicsync-support-<time>.zip`: versions, settings without the contact
 * email, sources without keys, run history, activity and logs — every identifier hashed or removed.
 * It holds no patient records at all.
 */
export function writeSupportBundle(input: SupportBundleInput): SupportBundleResult {
  const salt = randomBytes(16).toString('hex');
  const redact = (text: string) => redactText(text, salt);
  const { cache } = input;
  const json = (value: unknown) => strToU8(redact(JSON.stringify(value, null, 2)));
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(
      'ClinicSync support bundle. Contains no API keys, no database key and no patient records; emails and dates are removed and record ids and phone numbers replaced by hashes.\n',
    ),
    'versions.json': json({ ...input.versions, createdAt: input.now.toISOString() }),
    'settings.json': json({ ...input.settings, contactEmail: input.settings.contactEmail ? '[set]' : null }),
    'sources.json': json(
      cache.sources.list().map((source) => ({
        id: hashIdentifier(source.id, salt),
        kind: source.kind,
        apiHost: source.baseUrl ? new URL(source.baseUrl).host : null,
        patients: cache.patients.count(source.id),
      })),
    ),
    'coverage.json': json(cache.patients.coverage().map((row) => ({ ...row, source: hashIdentifier(row.source, salt) }))),
    'runs.json': json(
      cache.runs.list({ limit: 500, offset: 0 }).rows.map((run) => ({ ...runRecord(run), source: hashIdentifier(run.source, salt) })),
    ),
    'run-stats.json': json(cache.runs.stats(input.now.toISOString())),
    'activity.json': json(
      cache.activity.list({ limit: 2000 }).map((event) => ({ ...event, source: event.source && hashIdentifier(event.source, salt) })),
    ),
  };
  for (const name of [LOG_FILE, `${LOG_FILE}.1`]) {
    const file = path.join(input.dataDir, 'logs', name);
    if (existsSync(file)) files[`logs/${name}`] = strToU8(redact(tail(readFileSync(file, 'utf8'))));
  }
  const dir = path.join(input.dataDir, 'support');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `clinicsync-support-${input.now.toISOString().replace(/[:.]/g, '-')}.zip`);
  const zip = zipSync(files, { level: 9 });
  writeFileSync(target, zip, { mode: 0o600 });
  return { path: target, bytes: zip.byteLength };
}

function tail(text: string): string {
  return text.length > LOG_TAIL_BYTES ? text.slice(-LOG_TAIL_BYTES) : text;
}
