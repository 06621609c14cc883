/** What `clinicsync hub status` and the Settings card show. */
export interface HubStatus {
  joined: boolean;
  /** Without the password. */
  url: string | null;
  desk: string | null;
  connected: boolean;
  /** Why the hub could not be reached, in words. */
  error: string | null;
  /** Records published on the hub that this desk has not applied, and the age of the oldest. */
  lag: { records: number; seconds: number } | null;
  /** Local changes not yet in the hub. */
  outbox: { count: number; oldest: string | null };
  desks: Array<{ name: string; lastContactAt: string; thisDesk: boolean }>;
  leases: Array<{ source: string; desk: string; expiresAt: string }>;
}
