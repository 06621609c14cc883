export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'pending', 'arrived', 'no_show', 'cancelled', 'declined'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An appointment as every connector normalizes it. Times are ISO-8601 UTC. */
export interface Appointment {
  source: string;
  externalId: string;
  patientExternalId: string | null;
  practitionerExternalId: string | null;
  practitionerName: string | null;
  serviceName: string | null;
  locationName: string | null;
  startsAt: string;
  endsAt: string | null;
  status: AppointmentStatus;
  cancelledAt: string | null;
  cancellationReason: string | null;
  telehealthUrl: string | null;
  deleted: boolean;
  remoteUpdatedAt: string | null;
  lastSyncedAt: string;
}

export type RemoteAppointment = Omit<Appointment, 'lastSyncedAt'>;

/** Each status in the words staff read it (console, CLI, exports). */
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  pending: 'Awaiting confirmation',
  arrived: 'Arrived',
  no_show: 'No-show',
  cancelled: 'Cancelled',
  declined: 'Declined',
};
