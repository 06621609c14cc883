import { hostname } from 'node:os';

/** "host:pid" of this process, recorded on the runs it owns. */
export function processIdentity(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * True when `owner` names a process on this computer that no longer exists: its runs can be closed
 * at once. Owners on other computers (a shared data folder) are left to the heartbeat rule.
 */
export function ownerIsDead(owner: string, self: string): boolean {
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== self.slice(0, self.lastIndexOf(':')) || !Number.isInteger(pid) || pid <= 0 || owner === self) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
