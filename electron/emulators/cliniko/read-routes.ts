import { jsonResponse, type EmulatorResponse } from '../shared/http';
import type { RequestContext, Router } from '../shared/router';
import type { FaultOptions } from '../shared/types';
import { CollectionQueries, rowFilter, type CollectionSpec } from './collection';
import type { FieldTable } from './filters';
import {
  APPOINTMENT_FIELDS,
  APPOINTMENT_TYPE_FIELDS,
  ATTENDEE_FIELDS,
  BUSINESS_FIELDS,
  onlyFields,
  PATIENT_FIELDS,
  PRACTITIONER_FIELDS,
} from './fields';
import type { AppointmentRow, AppointmentTypeRow, BusinessRow, PatientRow, PractitionerRow } from './model';
import type { ClinikoMutations } from './mutations';
import { pageResponse } from './pagination';
import { recordNotFound } from './responses';
import type { ClinikoSerializer } from './serialize';
import type { ClinikoStore } from './store';

export interface ReadDeps {
  store: ClinikoStore;
  serializer: ClinikoSerializer;
  mutations: ClinikoMutations;
  faults: () => Readonly<FaultOptions>;
}

/** A list endpoint: its rows and rules, and how it serves them. */
interface Listing<R> extends CollectionSpec<R> {
  serialize(row: R): Record<string, unknown>;
  /** The field a malformed-record fault breaks. */
  breakable: { field: string; value: unknown };
  /** Which records page-drift faults edit before this list is read. */
  drift?: 'patients' | 'appointments';
}

interface Resource<R> extends Listing<R> {
  byId(id: string): R | undefined;
  /** The filters a GET by id accepts (those that reveal hidden rows). */
  idFilters: readonly string[];
}

type Deletable = { deletedAt: number | null };

const BROKEN_TIME = { field: 'updated_at', value: 'not a date' };
const notDeleted = (row: Deletable): boolean => row.deletedAt === null;

/** The legacy `/deleted` routes filter on these two columns only (spec §8.3); anything else is a 400. */
function deletedFields<R extends Deletable>(id: (row: R) => string): FieldTable<R> {
  return { deleted_at: { type: 'datetime', get: (row) => row.deletedAt }, id: { type: 'id', get: id } };
}

/** `/…/deleted`: hard-deleted records only, as stubs. */
function deletedListing<R extends Deletable>(listing: Listing<R>, id: (row: R) => string): Listing<R> {
  return {
    key: listing.key,
    rows: listing.rows,
    include: (row) => row.deletedAt !== null,
    fields: deletedFields(id),
    hideable: [],
    serialize: listing.serialize,
    breakable: { field: 'deleted_at', value: 'not a date' },
  };
}

/** The GET endpoints: lists with q[] filters, sorting and paging, and records by id. */
export function addReadRoutes(router: Router, deps: ReadDeps): void {
  const { store, serializer } = deps;
  const queries = new CollectionQueries(() => store.version);
  router.add('GET', '/user', () => jsonResponse(200, serializer.user(store.user)));

  const patients: Resource<PatientRow> = {
    key: 'patients',
    rows: () => store.patients,
    include: notDeleted,
    fields: PATIENT_FIELDS,
    hideable: ['archived_at'],
    byId: (id) => store.patient(id),
    idFilters: ['archived_at'],
    // Listings cannot filter on deleted_at (spec §6.3): deleted patients show only on /patients/deleted.
    serialize: (row) => (row.deletedAt === null ? serializer.patient(row) : serializer.deleted('patients', row.id, row.deletedAt)),
    breakable: { field: 'date_of_birth', value: 'not a date' },
    drift: 'patients',
  };
  const appointments: Resource<AppointmentRow> = {
    key: 'individual_appointments',
    rows: () => store.appointments,
    fields: APPOINTMENT_FIELDS,
    // Deleted rows are hidden like archived and cancelled ones, and `deleted_at:*` shows them, as stubs.
    hideable: ['archived_at', 'cancelled_at', 'deleted_at'],
    byId: (id) => store.appointment(id),
    idFilters: ['archived_at', 'cancelled_at', 'deleted_at'],
    serialize: (row) =>
      row.deletedAt === null ? serializer.appointment(row) : serializer.deleted('individual_appointments', row.id, row.deletedAt),
    breakable: { field: 'starts_at', value: 'not a date' },
    drift: 'appointments',
  };
  const attendees: Resource<AppointmentRow> = {
    ...appointments,
    key: 'attendees',
    fields: ATTENDEE_FIELDS,
    byId: (id) => store.appointmentByAttendee(id),
    serialize: (row) =>
      row.deletedAt === null ? serializer.attendee(row) : serializer.deleted('attendees', row.attendee.id, row.deletedAt),
    breakable: BROKEN_TIME,
  };
  // Lists split practitioners by status; by id, either kind is found.
  const practitioners = (active?: boolean): Resource<PractitionerRow> => ({
    key: 'practitioners',
    rows: () => store.practitioners,
    include: active === undefined ? undefined : (row) => row.active === active,
    fields: PRACTITIONER_FIELDS,
    hideable: [],
    byId: (id) => store.practitioner(id),
    idFilters: [],
    serialize: (row) => serializer.practitioner(row),
    breakable: BROKEN_TIME,
  });
  const types: Resource<AppointmentTypeRow> = {
    key: 'appointment_types',
    rows: () => store.appointmentTypes,
    fields: APPOINTMENT_TYPE_FIELDS,
    hideable: ['archived_at'],
    byId: (id) => store.appointmentType(id),
    idFilters: ['archived_at'],
    serialize: (row) => serializer.appointmentType(row),
    breakable: BROKEN_TIME,
  };
  const businesses: Resource<BusinessRow> = {
    key: 'businesses',
    rows: () => store.businesses,
    fields: BUSINESS_FIELDS,
    hideable: ['archived_at'],
    byId: (id) => store.business(id),
    idFilters: ['archived_at'],
    serialize: (row) => serializer.business(row),
    breakable: BROKEN_TIME,
  };

  // Before the by-id routes, which would read "deleted" as an id.
  router.add(
    'GET',
    '/patients/deleted',
    listHandler(
      deletedListing(patients, (row) => row.id),
      queries,
      deps,
    ),
  );
  router.add(
    'GET',
    '/individual_appointments/deleted',
    listHandler(
      deletedListing(appointments, (row) => row.id),
      queries,
      deps,
    ),
  );
  router.add(
    'GET',
    '/attendees/deleted',
    listHandler(
      deletedListing(attendees, (row) => row.attendee.id),
      queries,
      deps,
    ),
  );
  addResource(router, '/patients', patients, queries, deps);
  addResource(router, '/individual_appointments', appointments, queries, deps);
  addResource(router, '/attendees', attendees, queries, deps);
  router.add('GET', '/practitioners/inactive', listHandler(practitioners(false), queries, deps));
  router.add('GET', '/practitioners', listHandler(practitioners(true), queries, deps));
  const anyPractitioner = practitioners();
  router.add('GET', '/practitioners/:id', (ctx) => recordById(anyPractitioner, ctx));
  addResource(router, '/appointment_types', types, queries, deps);
  addResource(router, '/businesses', businesses, queries, deps);
}

function addResource<R>(router: Router, path: string, resource: Resource<R>, queries: CollectionQueries, deps: ReadDeps): void {
  router.add('GET', path, listHandler(resource, queries, deps));
  router.add('GET', `${path}/:id`, (ctx) => recordById(resource, ctx));
}

function listHandler<R>(resource: Listing<R>, queries: CollectionQueries, deps: ReadDeps): (ctx: RequestContext) => EmulatorResponse {
  return (ctx) => {
    const drift = deps.faults().mutateBetweenPages ?? 0;
    if (resource.drift && drift > 0) deps.mutations.drift(resource.drift, drift);
    const rows = queries.select(resource, ctx.url.searchParams);
    return pageResponse(resource.key, rows, ctx.url, (row) => resource.serialize(row), resource.breakable);
  };
}

/** A record by id obeys the same hiding as lists: an archived, cancelled or deleted one is 404 unless revealed. */
function recordById<R>(resource: Resource<R>, ctx: RequestContext): EmulatorResponse {
  const row = resource.byId(ctx.params.id ?? '');
  const spec = { fields: onlyFields(resource.fields, resource.idFilters), hideable: resource.hideable, include: resource.include };
  const visible = rowFilter(
    spec,
    ctx.url.searchParams.getAll('q[]').filter((f) => f !== ''),
  );
  if (row === undefined || !visible(row)) return recordNotFound();
  const json = resource.serialize(row);
  return {
    status: 200,
    json,
    records: { items: [json], idField: 'id', brokenField: resource.breakable.field, brokenValue: resource.breakable.value, page: false },
  };
}
