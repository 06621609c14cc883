/** The practice-management systems ClinicSync can pull from. */
export const SOURCE_KINDS = ['cliniko', 'intakeq'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * A configured connection. It names its credential (`credentialRef`) but never holds the secret:
 * each face resolves the reference through its own secret store.
 */
export interface Source {
  id: string;
  kind: SourceKind;
  name: string;
  /** API base including its version path; null means "derive it" (Cliniko: from the key's shard). */
  baseUrl: string | null;
  credentialRef: string;
  createdAt: string;
  updatedAt: string;
}
