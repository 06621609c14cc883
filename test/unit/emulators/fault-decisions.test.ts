import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../electron/emulators/shared/faults';
import type { EmulatorResponse } from '../../../electron/emulators/shared/http';

const SEED = 0x5eed;

function listPage(ids: number[]): EmulatorResponse {
  const items = ids.map((id) => ({ id: String(id), starts_at: '2026-03-10T02:00:00Z' }));
  return {
    status: 200,
    json: { appointments: items },
    records: { items, idField: 'id', brokenField: 'starts_at', brokenValue: 'not a date', page: true },
  };
}

function brokenIds(injector: FaultInjector, ids: number[], url: string): string[] {
  const request = injector.identify('GET', new URL(url), 1);
  const body = JSON.parse(injector.render(listPage(ids), request)) as { appointments: { id: string; starts_at: string }[] };
  return body.appointments.filter((a) => a.starts_at === 'not a date').map((a) => a.id);
}

/** The status each of `count` tries of one request gets (200 for no fault). */
function statuses(injector: FaultInjector, url: string, count: number): number[] {
  return Array.from({ length: count }, () => injector.forRequest(injector.identify('GET', new URL(url), 1)).serverError ?? 200);
}

describe('fault decisions', () => {
  it('take one page down on every try, whatever the order, and leave its neighbours and other paths up', () => {
    const injector = new FaultInjector({ unavailablePages: [{ path: '/patients', page: 2 }, { path: '/businesses' }] }, SEED);
    const status = (url: string) => injector.forRequest(injector.identify('GET', new URL(url), 1), '/v1').serverError ?? 200;
    expect(status('http://emu/v1/patients?page=3&per_page=100')).toBe(200);
    expect([1, 2, 3].map(() => status('http://emu/v1/patients?per_page=100&page=2'))).toEqual([503, 503, 503]);
    expect(status('http://emu/v1/patients?per_page=100')).toBe(200);
    expect(status('http://emu/v1/businesses')).toBe(503);
    expect(status('http://emu/v1/individual_appointments?page=2')).toBe(200);
  });

  it('break the same records whichever page, order or request serves them, and more of them at a higher rate', () => {
    const ids = Array.from({ length: 400 }, (_, i) => 1000 + i);
    const injector = new FaultInjector({ malformedRecordRate: 0.05 }, SEED);
    const broken = brokenIds(injector, ids, 'http://emu/v1/appointments?page=1');
    expect(broken.length).toBeGreaterThan(5);
    expect(broken.length).toBeLessThan(40);
    expect(brokenIds(injector, [...ids].reverse(), 'http://emu/v1/appointments?page=3').sort()).toEqual([...broken].sort());
    expect(brokenIds(new FaultInjector({ malformedRecordRate: 0.05 }, SEED + 1), ids, 'http://emu/v1/appointments').sort()).not.toEqual(
      [...broken].sort(),
    );
    injector.set({ malformedRecordRate: 0.2 });
    expect(brokenIds(injector, ids, 'http://emu/v1/appointments')).toEqual(expect.arrayContaining(broken));
  });

  it('fail a request by what it asks for and how often it was asked, not by the requests in between', () => {
    const alone = new FaultInjector({ serverErrorRate: 0.3 }, SEED);
    const expected = statuses(alone, 'http://emu/v1/patients?page=2', 40);
    expect(expected.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(expected.filter((s) => s === 200).length).toBeGreaterThan(3);

    // The same request, now interleaved with others (and with other filters of the moment): same answers.
    const busy = new FaultInjector({ serverErrorRate: 0.3 }, SEED);
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses(busy, `http://emu/v1/appointments?page=${i % 3}`, i % 4);
      seen.push(...statuses(busy, `http://emu/v1/patients?page=2&q[]=updated_at:>2026-03-0${(i % 9) + 1}T00:00:00Z`, 1));
    }
    expect(seen).toEqual(expected);
  });

  it('break pages by request too: a retried page can come back whole', () => {
    const injector = new FaultInjector({ malformedPageRate: 0.5 }, SEED);
    const bodies = Array.from({ length: 12 }, () => {
      const request = injector.identify('GET', new URL('http://emu/v1/appointments?page=1'), 1);
      return injector.render(listPage([1, 2, 3]), request);
    });
    const whole = bodies.filter((text) => {
      try {
        return (JSON.parse(text) as { appointments: unknown[] }).appointments.every((a) => typeof a === 'object');
      } catch {
        return false;
      }
    });
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.length).toBeLessThan(12);
  });
});
