export interface Practitioner {
  source: string;
  externalId: string;
  displayName: string;
  email: string | null;
  active: boolean;
  remoteUpdatedAt: string | null;
}
