import { execFileSync } from 'node:child_process';

/** Which code a result was measured on: the commit, and whether the tree had uncommitted changes. */
export interface Provenance {
  commit: string;
  clean: boolean;
  /** Uncommitted paths (outside bench-results/, which the run itself writes), at most 20. */
  changed: string[];
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

export function currentProvenance(root: string): Provenance {
  try {
    const commit = git(root, ['rev-parse', 'HEAD']).trim();
    const changed = git(root, ['status', '--porcelain', '--untracked-files=normal', '--', '.', ':(exclude)bench-results'])
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3));
    return { commit, clean: changed.length === 0, changed: changed.slice(0, 20) };
  } catch {
    return { commit: 'unknown', clean: false, changed: ['(not a git checkout)'] };
  }
}

/** "at abc1234 (clean)" / "at abc1234 + uncommitted changes" / "at an unknown commit". */
export function describeProvenance(p: Provenance | undefined): string {
  if (!p || p.commit === 'unknown') return 'at an unknown commit';
  return `at ${p.commit.slice(0, 10)} ${p.clean ? '(clean tree)' : `+ uncommitted changes (${p.changed.join(', ')})`}`;
}

/**
 * A result counts as measured at the current commit when it came from a clean tree whose code (all but
 * bench-results/, so committing the results does not outdate them) is the current commit's.
 */
export function isCurrent(root: string, p: Provenance | undefined, now: Provenance): boolean {
  if (!p || p.commit === 'unknown' || !p.clean || now.commit === 'unknown') return false;
  if (p.commit === now.commit) return true;
  try {
    git(root, ['diff', '--quiet', p.commit, now.commit, '--', '.', ':(exclude)bench-results']);
    return true;
  } catch {
    return false;
  }
}
