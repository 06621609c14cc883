import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OWNER_ONLY = 0o600;

export type JsonFileContents = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'unreadable' };

/** Reads a small JSON file, telling "not there" apart from "there but not JSON". */
export function readJsonFile(file: string): JsonFileContents {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable' };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** Writes beside the file and renames over it, readable only by its owner: a crash leaves the old file or the new one. */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: OWNER_ONLY });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Moves a file that cannot be used out of the way — never deletes it — and returns its new name. */
export function moveAside(file: string, now: Date): string {
  const aside = `${file}.invalid-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  return aside;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
