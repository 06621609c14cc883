import { hostname } from 'node:os';

/** "host:pid" of this process, recorded on the runs it owns. */
export function processIdentity(): string {
  return `${hostname()}:${process.pid}`;
}

/** The computer part of a "host:pid" identity (all of it when it has no pid). */
export function hostName(identity: string): string {
  const at = identity.lastIndexOf(':');
  return at < 0 ? identity : identity.slice(0, at);
}

/**
 * True when `owner` names a process on this computer that no longer exists: its runs can be closed
 * at once. Owners on other computers (a shared data folder) are left to the heartbeat rule.
 */
export function ownerIsDead(owner: string, self: string): boolean {
  const pid = Number(owner.slice(owner.lastIndexOf(':') + 1));
  if (hostName(owner) !== hostName(self) || !Number.isInteger(pid) || pid <= 0 || owner === self) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
