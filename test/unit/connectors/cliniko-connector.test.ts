import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appointmentFilters } from '../../../electron/core/connectors/cliniko/filters';
import type { Page } from '../../../electron/core/connectors/types';
import { connectorFor, fakeCliniko, KEY, REAL_HOST } from './support/fake-cliniko';
import { sendJson } from './support/loopback-server';

async function all<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const collected: Page<T>[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

const patient = (id: string) => ({
  id,
  first_name: 'P',
  last_name: id,
  updated_at: '2024-02-02T00:00:00Z',
  archived_at: null,
  links: { self: `${REAL_HOST}/patients/${id}` },
});
const list = (key: string, rows: unknown[]) => (_url: URL, res: ServerResponse) =>
  sendJson(res, 200, { [key]: rows, total_entries: rows.length, links: { self: 'x' } });

describe('Cliniko connector', () => {
  it('pages through links.next on its own host, sending auth, User-Agent and filters, each patient once', async () => {
    const server = await fakeCliniko({
      '/v1/patients': (url, res) => {
        const page = url.searchParams.get('page') ?? '1';
        const next = new URL(`${REAL_HOST}/patients${url.search}`);
        next.searchParams.set('page', '2');
        if (page === '1')
          sendJson(res, 200, {
            patients: [patient('9007199254740993'), patient('2')],
            total_entries: 3,
            links: { self: 'x', next: next.href },
          });
        // A row repeated across the page boundary, as offset paging over changing data can do.
        else sendJson(res, 200, { patients: [patient('2'), patient('3')], total_entries: 3, links: { self: 'x' } });
      },
    });
    const pages = await all(connectorFor(server).patients({ updatedSince: '2024-01-01T00:00:00.500Z' }));
    expect(pages.flatMap((page) => page.records.map((record) => record.externalId))).toEqual(['9007199254740993', '2', '3']);
    expect(pages[0]!.totalEntries).toBe(3);
    expect(server.requests).toHaveLength(2);
    const first = new URL(server.requests[0]!.url, server.origin);
    expect(first.searchParams.get('per_page')).toBe('100');
    expect(first.searchParams.getAll('q[]')).toEqual(['archived_at:*', 'updated_at:>2024-01-01T00:00:00Z']);
    expect(new URL(server.requests[1]!.url, server.origin).searchParams.get('page')).toBe('2');
    const headers = server.requests[0]!.headers;
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toBe('ClinicSync (it@clinic.example)');
  });

  it('refuses a next link outside the API instead of following it', async () => {
    const server = await fakeCliniko({
      '/v1/patients': (_url, res) =>
        sendJson(res, 200, { patients: [patient('1')], links: { self: 'x', next: 'https://evil.example/steal?page=2' } }),
    });
    const error = await all(connectorFor(server).patients({ updatedSince: null })).catch((err: unknown) => err);
    expect(error).toMatchObject({ kind: 'invalid_data' });
    expect(server.requests).toHaveLength(1);
  });

  it('asks for hidden archived and cancelled appointments in the window, loading reference data once', async () => {
    const appointment = {
      id: '77',
      starts_at: '2024-05-01T09:00:00Z',
      ends_at: '2024-05-01T09:30:00Z',
      cancelled_at: '2024-04-30T00:00:00Z',
      telehealth_url: 'https://x.cliniko.com/appointments/77/connect',
      patient: { links: { self: `${REAL_HOST}/patients/5` } },
      practitioner: { links: { self: `${REAL_HOST}/practitioners/8` } },
      appointment_type: { links: { self: `${REAL_HOST}/appointment_types/3` } },
      business: { links: { self: `${REAL_HOST}/businesses/4` } },
      updated_at: '2024-04-30T00:00:00Z',
    };
    const server = await fakeCliniko({
      '/v1/individual_appointments': list('individual_appointments', [appointment]),
      '/v1/appointment_types': list('appointment_types', [{ id: '3', name: 'Video consult', telehealth_enabled: true }, { id: 'x' }]),
      '/v1/businesses': list('businesses', [{ id: '4', business_name: 'North', display_name: null }]),
      '/v1/practitioners': list('practitioners', [{ id: '8', first_name: 'Grace', last_name: 'Hopper', display_name: null, active: true }]),
      '/v1/practitioners/inactive': list('practitioners', []),
    });
    const connector = connectorFor(server);
    const window = { from: '2024-04-01T00:00:00Z', to: '2024-06-01T00:00:00Z', updatedSince: null };
    const first = await all(connector.appointments(window));
    const second = await all(connector.appointments(window));
    expect(first[0]!.records[0]).toMatchObject({
      status: 'cancelled',
      practitionerName: 'Grace Hopper',
      serviceName: 'Video consult',
      locationName: 'North',
      telehealthUrl: 'https://x.cliniko.com/appointments/77/connect',
    });
    // The broken appointment type is reported once, on the first page of the first listing.
    expect(first[0]!.errors).toEqual([
      expect.objectContaining({ externalId: 'x', message: expect.stringContaining('Cliniko appointment type') }),
    ]);
    expect(second[0]!.errors).toEqual([]);
    const paths = server.requests.map((request) => new URL(request.url, server.origin).pathname);
    expect(paths.filter((path) => path === '/v1/appointment_types')).toHaveLength(1);
    expect(paths.filter((path) => path === '/v1/individual_appointments')).toHaveLength(2);
    const appointmentsRequest = server.requests.find((request) => request.url.startsWith('/v1/individual_appointments'))!;
    expect(new URL(appointmentsRequest.url, server.origin).searchParams.getAll('q[]')).toEqual([
      'starts_at:>=2024-04-01T00:00:00Z',
      'starts_at:<2024-06-01T00:00:00Z',
      'archived_at:*',
      'cancelled_at:*',
      'deleted_at:*',
    ]);
  });

  it('filters a window with an open side on the other bound only', () => {
    expect(appointmentFilters({ from: null, to: '2024-06-01T00:00:00.400Z', updatedSince: '2024-05-01T10:00:00.900Z' })).toEqual([
      'starts_at:<2024-06-01T00:00:01Z',
      'archived_at:*',
      'cancelled_at:*',
      'deleted_at:*',
      'updated_at:>2024-05-01T10:00:00Z',
    ]);
  });

  it('tests the connection with GET /user: who, which role, which shard, how fast', async () => {
    const server = await fakeCliniko({
      '/v1/user': (_url, res) => sendJson(res, 200, { first_name: 'Rosa', last_name: 'Admin', role: 'Administrator', email: 'r@x' }),
    });
    const info = await connectorFor(server).testConnection();
    expect(info).toMatchObject({ userName: 'Rosa Admin', role: 'Administrator', region: 'uk2', accountLabel: null });
    expect(info.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fetches patients by id in one request with a comma list, archived ones included', async () => {
    const server = await fakeCliniko({ '/v1/patients': list('patients', [patient('11'), patient('12')]) });
    const page = await connectorFor(server).patientsByExternalIds(['11', '12', '11', 'not-an-id']);
    expect(page.records.map((record) => record.externalId)).toEqual(['11', '12']);
    expect(server.requests).toHaveLength(1);
    expect(new URL(server.requests[0]!.url, server.origin).searchParams.getAll('q[]')).toEqual(['id:=11,12', 'archived_at:*']);
  });
});
