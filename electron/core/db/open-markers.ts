import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ownerIsDead, processIdentity } from '../app/process-identity';

// Sidecar files beside the cache, owner-only like the cache itself. They hold no patient data.
const FILE_MODE = 0o600;
let opened = 0;

/** A "this process has the cache open" mark, removed on a clean close. */
export interface OpenMarker {
  release(): void;
}

const markerPrefix = (file: string) => `${path.basename(file)}.open-`;

/**
 * Marks the cache as open by this process. A mark left by a process that no longer exists means
 * it ended without closing the cache (crash, kill, power cut). Each open gets its own mark, so two
 * caches open in one process do not clear each other's.
 */
export function markOpen(file: string): OpenMarker {
  opened += 1;
  const identity = `${processIdentity()}:${opened}`;
  const marker = path.join(path.dirname(file), `${markerPrefix(file)}${encodeURIComponent(identity)}`);
  writeFileSync(marker, '', { mode: FILE_MODE });
  return { release: () => rmSync(marker, { force: true }) };
}

/** The marks left by processes on this computer that ended without closing the cache. */
export function abandonedMarks(file: string): string[] {
  const dir = path.dirname(file);
  if (!existsSync(dir)) return [];
  const self = processIdentity();
  const prefix = markerPrefix(file);
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .filter((name) => {
      const identity = decodeURIComponent(name.slice(prefix.length));
      // "host:pid:n" → the process part is "host:pid".
      const owner = identity.slice(0, identity.lastIndexOf(':'));
      return ownerIsDead(owner, self);
    })
    .map((name) => path.join(dir, name));
}

export function clearMarks(marks: string[]): void {
  for (const mark of marks) rmSync(mark, { force: true });
}

const checkedFile = (file: string) => `${file}.checked`;

/** When the cache's integrity was last checked and found sound (or replaced), if on record. */
export function lastIntegrityCheck(file: string): Date | null {
  try {
    const at = new Date(readFileSync(checkedFile(file), 'utf8').trim());
    return Number.isNaN(at.getTime()) ? null : at;
  } catch {
    return null;
  }
}

export function recordIntegrityCheck(file: string, at: Date): void {
  writeFileSync(checkedFile(file), `${at.toISOString()}\n`, { mode: FILE_MODE });
}

export function forgetIntegrityCheck(file: string): void {
  rmSync(checkedFile(file), { force: true });
}
