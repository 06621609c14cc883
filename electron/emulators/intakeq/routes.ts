import { ControlError } from '../shared/control-error';
import { caseInsensitiveParams, jsonResponse, parseJsonBody, type EmulatorResponse } from '../shared/http';
import type { Handler, RequestContext, Router } from '../shared/router';
import type { FaultOptions } from '../shared/types';
import { blankClientFields } from './client-fields';
import { appointmentUpdate, asBody, clientPatch, newAppointment } from './input';
import type { IntakeqMutations } from './mutations';
import { pageOf, type IntakeqQueries } from './queries';
import { message } from './responses';
import type { IntakeqSerializer } from './serialize';

export interface RouteDeps {
  queries: IntakeqQueries;
  mutations: IntakeqMutations;
  serializer: IntakeqSerializer;
  faults: () => Readonly<FaultOptions>;
}

const BROKEN = 'not a date';

/** The documented endpoints (spec §2–§4); anything else falls through to the HTML 404. */
export function addRoutes(router: Router, deps: RouteDeps): void {
  const { queries, mutations, serializer } = deps;
  const drift = (resource: 'clients' | 'appointments'): void => {
    const count = deps.faults().mutateBetweenPages ?? 0;
    if (count > 0) mutations.drift(resource, count);
  };

  router.add(
    'GET',
    '/appointments',
    api((ctx) => {
      drift('appointments');
      const rows = pageOf(queries.appointments(params(ctx)), params(ctx)).map((row) => serializer.appointment(row));
      return page(rows, 'Id', 'StartDate');
    }),
  );
  router.add(
    'GET',
    '/appointments/settings',
    api(() => jsonResponse(200, serializer.settings())),
  );
  router.add(
    'GET',
    '/appointments/:id',
    api((ctx) => {
      const json = serializer.appointment(mutations.requireAppointment(ctx.params.id ?? ''), true);
      return { status: 200, json, records: { items: [json], idField: 'Id', brokenField: 'StartDate', brokenValue: BROKEN, page: false } };
    }),
  );
  router.add(
    'POST',
    '/appointments',
    api((ctx) => jsonResponse(200, serializer.appointment(mutations.createAppointment(newAppointment(body(ctx))), true))),
  );
  router.add(
    'PUT',
    '/appointments',
    api((ctx) => {
      const update = appointmentUpdate(body(ctx), (id) => mutations.requireAppointment(id));
      return jsonResponse(200, serializer.appointment(mutations.updateAppointment(update), true));
    }),
  );
  router.add(
    'POST',
    '/appointments/cancellation',
    api((ctx) => {
      const request = asBody(body(ctx));
      if (typeof request.AppointmentId !== 'string') throw new ControlError('AppointmentId is required.', 400);
      mutations.cancel(request.AppointmentId, typeof request.Reason === 'string' ? request.Reason : null);
      return { status: 200 };
    }),
  );

  router.add(
    'GET',
    '/clients',
    api((ctx) => {
      drift('clients');
      const query = params(ctx);
      const rows = pageOf(queries.clients(query, customFieldFilters(ctx.url)), query);
      if (query.get('includeprofile')?.toLowerCase() === 'true')
        return page(
          rows.map((row) => serializer.clientProfile(row)),
          'ClientId',
          'DateOfBirth',
        );
      // A summary names its client by ClientNumber, which is also what a record fault breaks (after reading it).
      return page(
        rows.map((row) => serializer.clientSummary(row)),
        'ClientNumber',
        'ClientNumber',
      );
    }),
  );
  router.add(
    'POST',
    '/clients',
    api((ctx) => jsonResponse(200, serializer.clientProfile(saveClient(mutations, body(ctx))))),
  );

  router.add(
    'GET',
    '/practitioners',
    api((ctx) => {
      const includeInactive = params(ctx).get('includeinactive')?.toLowerCase() === 'true';
      return jsonResponse(200, serializer.practitionerList(includeInactive));
    }),
  );
}

/** POST /clients: an upsert that replaces the whole profile (fields left out are cleared). */
function saveClient(mutations: IntakeqMutations, value: unknown): ReturnType<IntakeqMutations['createClient']> {
  const request = asBody(value);
  const fields = { ...blankClientFields(), ...clientPatch(request) };
  if (!fields.FirstName.trim() && !fields.LastName.trim()) throw new ControlError('The client name is required.', 400);
  if (request.ClientId !== undefined && request.ClientId !== null) {
    if (!mutations.clientExists(Number(request.ClientId))) throw new ControlError('Client not found', 400);
    return mutations.replaceClient(Number(request.ClientId), fields);
  }
  const match = mutations.findClientToUpdate(fields);
  return match ? mutations.replaceClient(match.clientId, fields) : mutations.createClient(fields);
}

/** `custom.<FieldId>=value` or the older `custom[<FieldId>]=value`. */
function customFieldFilters(url: URL): Map<string, string> {
  const filters = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    const match = /^custom(?:\.(.+)|\[(.+)\])$/i.exec(name);
    const fieldId = match?.[1] ?? match?.[2];
    if (fieldId) filters.set(fieldId.toLowerCase(), value);
  }
  return filters;
}

function page(items: Record<string, unknown>[], idField: string, brokenField: string): EmulatorResponse {
  return {
    status: 200,
    json: items,
    records: { items, idField, brokenField, brokenValue: brokenField === 'ClientNumber' ? 'not a number' : BROKEN, page: true },
  };
}

function params(ctx: RequestContext): Map<string, string> {
  return caseInsensitiveParams(ctx.url.searchParams);
}

function body(ctx: RequestContext): unknown {
  return parseJsonBody(ctx.rawBody, () => message(400, 'The request is invalid.'));
}

/** Refusals as IntakeQ words them: {"Message": …} with 400, or 404 for an unknown record. */
function api(handler: Handler): Handler {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (err) {
      if (err instanceof ControlError) return message(err.status, err.status === 404 ? 'Not found.' : err.message);
      throw err;
    }
  };
}
