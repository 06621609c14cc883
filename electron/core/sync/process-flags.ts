/**
 * V8 flags for a process that runs syncs: a smaller young generation. Without them V8 grew it to
 * 134 MB during a 20,000-patient sync (the survivors of pages fetched side by side add up), and the
 * process peaked at 345–370 MB RSS; with them it stays at 34 MB (bench: sync). The desktop app starts
 * with them, and the sync benchmark runs its workers with them, so it measures the process as the
 * app runs it.
 */
export const SYNC_PROCESS_V8_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
