import { ControlError, ValidationError } from '../shared/control-error';
import { jsonResponse, parseJsonBody, type EmulatorResponse } from '../shared/http';
import type { Handler, RequestContext, Router } from '../shared/router';
import { appointmentPatch, asBody, patientPatch } from './input';
import type { AppointmentInput, ClinikoMutations } from './mutations';
import { blankPatientFields } from './patient-fields';
import { controlErrorResponse, validationFailed } from './responses';
import type { ClinikoSerializer } from './serialize';

// Cancellation reasons a client may send (spec §8.1: 31 is readable but not writable).
const WRITABLE_REASONS = [10, 20, 30, 40, 50, 60];

/** The write endpoints (spec §9.1, §9.2): create, update, archive and cancel. */
export function addWriteRoutes(router: Router, mutations: ClinikoMutations, serializer: ClinikoSerializer): void {
  const created = (path: string, json: { id: string }): EmulatorResponse =>
    jsonResponse(201, json, { Location: `${serializer.apiBase}/${path}/${json.id}` });
  const noContent = (): EmulatorResponse => ({ status: 204 });

  router.add(
    'POST',
    '/patients',
    write((ctx) =>
      created('patients', serializer.patient(mutations.createPatient({ ...blankPatientFields(), ...patientPatch(body(ctx)) }))),
    ),
  );
  for (const method of ['PATCH', 'PUT']) {
    router.add(
      method,
      '/patients/:id',
      write((ctx) => jsonResponse(200, serializer.patient(mutations.updatePatient(id(ctx), patientPatch(body(ctx)))))),
    );
    router.add(
      method,
      '/individual_appointments/:id',
      write((ctx) => jsonResponse(200, serializer.appointment(mutations.updateAppointment(id(ctx), appointmentPatch(body(ctx)))))),
    );
  }
  router.add(
    'POST',
    '/patients/:id/archive',
    write((ctx) => (mutations.archivePatient(id(ctx)), noContent())),
  );
  router.add(
    'DELETE',
    '/patients/:id',
    write((ctx) => (mutations.archivePatient(id(ctx)), noContent())),
  );
  router.add(
    'POST',
    '/patients/:id/unarchive',
    write((ctx) => jsonResponse(200, serializer.patient(mutations.unarchivePatient(id(ctx))))),
  );

  router.add(
    'POST',
    '/individual_appointments',
    write((ctx) => created('individual_appointments', serializer.appointment(mutations.createAppointment(newAppointment(body(ctx)))))),
  );
  router.add(
    'PATCH',
    '/individual_appointments/:id/cancel',
    write((ctx) => {
      const request = asBody(body(ctx));
      const reason = request.cancellation_reason;
      if (typeof reason !== 'number' || !WRITABLE_REASONS.includes(reason))
        throw new ValidationError({ cancellation_reason: 'is not included in the list' });
      const note = typeof request.cancellation_note === 'string' ? request.cancellation_note : null;
      mutations.cancel(id(ctx), reason, note);
      return noContent();
    }),
  );
  router.add(
    'POST',
    '/individual_appointments/:id/archive',
    write((ctx) => (mutations.archiveAppointment(id(ctx)), noContent())),
  );
  router.add(
    'DELETE',
    '/individual_appointments/:id',
    write((ctx) => (mutations.archiveAppointment(id(ctx)), noContent())),
  );
}

/** Answers refusals the way the API does: 422 for invalid input, 404 for unknown records. */
function write(handler: Handler): Handler {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (err) {
      if (err instanceof ValidationError) return validationFailed(err);
      if (err instanceof ControlError) return controlErrorResponse(err);
      throw err;
    }
  };
}

function id(ctx: RequestContext): string {
  return ctx.params.id ?? '';
}

function body(ctx: RequestContext): unknown {
  return parseJsonBody(ctx.rawBody, () => jsonResponse(400, { message: 'There was a problem in the JSON you submitted.' }));
}

function newAppointment(value: unknown): AppointmentInput {
  const patch = appointmentPatch(value);
  const missing = (['starts_at', 'patient_id', 'practitioner_id', 'appointment_type_id', 'business_id'] as const).filter(
    (field) => !patch[field],
  );
  if (missing.length > 0) throw new ValidationError(Object.fromEntries(missing.map((field) => [field, 'can’t be blank'])));
  return patch as AppointmentInput;
}
