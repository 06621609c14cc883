import { z } from 'zod';
import { externalId, optionalBoolean, optionalDate, optionalInstant, optionalText, instant } from '../mapping/fields';

/** Cliniko ids are 64-bit integers sent as strings; only digits are an id. */
const clinikoId = externalId.refine((id) => /^\d+$/.test(id), { message: 'not a Cliniko id' });

/** The id at the end of a linked record's URL (`{"links":{"self":".../practitioners/123"}}`), or null. */
export function idFromLink(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const last =
    path
      .split('/')
      .filter((segment) => segment !== '')
      .pop() ?? '';
  return /^\d+$/.test(last) ? last : null;
}

/** A linked record turned into its id; an absent relation (null or no link) is null. */
const linkedId = z
  .object({ links: z.object({ self: z.string() }).nullish() })
  .nullish()
  .transform((link, ctx) => {
    const self = link?.links?.self;
    if (self === undefined || self === null) return null;
    const id = idFromLink(self);
    if (id === null) ctx.addIssue({ code: 'custom', message: 'link without an id' });
    return id;
  });

const phoneNumber = z.object({ phone_type: optionalText, number: optionalText });

export const clinikoPatientSchema = z.object({
  id: clinikoId,
  first_name: optionalText,
  last_name: optionalText,
  email: optionalText,
  date_of_birth: optionalDate,
  patient_phone_numbers: z.array(phoneNumber).nullish(),
  archived_at: optionalInstant,
  updated_at: optionalInstant,
});
export type ClinikoPatient = z.output<typeof clinikoPatientSchema>;

export const clinikoAppointmentSchema = z.object({
  id: clinikoId,
  starts_at: instant,
  ends_at: optionalInstant,
  patient: linkedId,
  practitioner: linkedId,
  appointment_type: linkedId,
  business: linkedId,
  cancelled_at: optionalInstant,
  cancellation_reason_description: optionalText,
  cancellation_note: optionalText,
  did_not_arrive: optionalBoolean,
  patient_arrived: optionalBoolean,
  telehealth_url: optionalText,
  archived_at: optionalInstant,
  updated_at: optionalInstant,
});
export type ClinikoAppointment = z.output<typeof clinikoAppointmentSchema>;

export const clinikoPractitionerSchema = z.object({
  id: clinikoId,
  first_name: optionalText,
  last_name: optionalText,
  display_name: optionalText,
  label: optionalText,
  active: optionalBoolean,
  updated_at: optionalInstant,
});
export type ClinikoPractitioner = z.output<typeof clinikoPractitionerSchema>;

export const clinikoAppointmentTypeSchema = z.object({
  id: clinikoId,
  name: optionalText,
  telehealth_enabled: optionalBoolean,
  updated_at: optionalInstant,
});
export type ClinikoAppointmentType = z.output<typeof clinikoAppointmentTypeSchema>;

export const clinikoBusinessSchema = z.object({
  id: clinikoId,
  business_name: optionalText,
  display_name: optionalText,
  label: optionalText,
  updated_at: optionalInstant,
});
export type ClinikoBusiness = z.output<typeof clinikoBusinessSchema>;

export const clinikoUserSchema = z.object({
  first_name: optionalText,
  last_name: optionalText,
  role: optionalText,
});

/** A list page's envelope beside its records: the total and the next page's link. */
export const clinikoEnvelopeSchema = z.object({
  total_entries: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
});
