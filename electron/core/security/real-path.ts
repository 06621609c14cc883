import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The path with every symbolic link resolved, even when its last parts do not exist yet (a key
 * folder made on first use): the deepest existing ancestor is resolved and the rest appended.
 */
export function realPathOf(target: string): string {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(existing);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === existing) throw error;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Whether `target` is `folder` or lies inside it, comparing real paths: a link that leads into the
 * folder counts as inside, however it is spelled.
 */
export function isInsideReal(target: string, folder: string): boolean {
  const relative = path.relative(realPathOf(folder), realPathOf(target));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
