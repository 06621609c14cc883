/** Exit codes: 0 done, 1 failed, 2 usage error, 3 a sync only partly succeeded or was deferred. */
export const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;
