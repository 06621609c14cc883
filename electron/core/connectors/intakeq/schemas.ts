import { z } from 'zod';
import type { AppointmentStatus } from '../../domain';
import {
  externalId,
  isRealDate,
  normalizeInstant,
  optionalBoolean,
  optionalEpochMs,
  optionalEpochOrInstant,
  optionalExternalId,
  optionalInstant,
  optionalText,
} from '../mapping/fields';

/** IntakeQ's statuses (with its one-l "Canceled"; the two-l spelling is tolerated too). */
const STATUSES: Record<string, AppointmentStatus> = {
  confirmed: 'confirmed',
  waitingconfirmation: 'pending',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  declined: 'declined',
  missed: 'no_show',
};

const intakeqStatus = z.string().transform((status, ctx): AppointmentStatus => {
  const mapped = STATUSES[status.trim().toLowerCase()];
  if (mapped === undefined) ctx.addIssue({ code: 'custom', message: 'unknown status' });
  return mapped ?? 'booked';
});

const DAY_MS = 86_400_000;

/**
 * A birth date as YYYY-MM-DD. Client profiles send epoch ms; a date stored as local midnight is a few
 * hours off UTC midnight either way, so the nearest UTC midnight is the date meant. Date strings
 * (as appointments carry them) are accepted as well.
 */
const birthDate = z.union([
  z
    .number()
    .refine(Number.isFinite)
    .transform((ms) => new Date(Math.round(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10)),
  z.string().transform((text, ctx) => {
    const date = isRealDate(text) ? text : normalizeInstant(text)?.slice(0, 10);
    if (date === undefined) ctx.addIssue({ code: 'custom', message: 'not a date' });
    return date ?? '';
  }),
]);

const optionalBirthDate = z.preprocess((value) => (value === '' || value === undefined ? null : value), birthDate.nullable());

const telehealthInfo = z.object({ Invitation: optionalText, StartUrl: optionalText }).nullish();

export const intakeqAppointmentSchema = z
  .object({
    Id: externalId,
    ClientId: optionalExternalId,
    Status: intakeqStatus,
    StartDate: optionalEpochMs,
    StartDateIso: optionalInstant,
    EndDate: optionalEpochMs,
    EndDateIso: optionalInstant,
    PractitionerId: optionalExternalId,
    PractitionerName: optionalText,
    ServiceName: optionalText,
    LocationName: optionalText,
    LastModified: optionalEpochMs,
    CancellationDate: optionalEpochOrInstant,
    FullCancellationReason: optionalText,
    CancellationReasonNote: optionalText,
    TelehealthInfo: telehealthInfo,
  })
  .transform((appointment, ctx) => {
    const startsAt = appointment.StartDate ?? appointment.StartDateIso;
    if (startsAt === null) {
      ctx.addIssue({ code: 'custom', message: 'no start time', path: ['StartDate'] });
      return z.NEVER;
    }
    return { ...appointment, startsAt, endsAt: appointment.EndDate ?? appointment.EndDateIso };
  });
export type IntakeqAppointment = z.output<typeof intakeqAppointmentSchema>;

/** A client row with `includeProfile=true`. */
export const intakeqClientSchema = z.object({
  ClientId: externalId,
  Name: optionalText,
  FirstName: optionalText,
  LastName: optionalText,
  Email: optionalText,
  Phone: optionalText,
  MobilePhone: optionalText,
  HomePhone: optionalText,
  WorkPhone: optionalText,
  DateOfBirth: optionalBirthDate,
  Archived: optionalBoolean,
  // The spec is unsure of the profile's modification field; these are the names seen in the wild.
  LastUpdateDate: optionalEpochOrInstant,
  LastModified: optionalEpochOrInstant,
});
export type IntakeqClient = z.output<typeof intakeqClientSchema>;

export const intakeqPractitionerSchema = z.object({
  Id: externalId,
  CompleteName: optionalText,
  FirstName: optionalText,
  LastName: optionalText,
  Email: optionalText,
  IsInactive: optionalBoolean,
});
export type IntakeqPractitioner = z.output<typeof intakeqPractitionerSchema>;
