/** A group a clinic keeps patients in (a school, an employer, a program). Local-only: never synced. */
export interface Organization {
  id: number;
  name: string;
  createdAt: string;
}

/** A staff note about a patient. Local-only: never synced, and never written to logs. */
export interface PatientNote {
  id: number;
  patientId: number;
  body: string;
  author: string | null;
  createdAt: string;
  updatedAt: string;
}
