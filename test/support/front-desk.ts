/**
 * The front desk of a simulated IntakeQ practice: an hour's bookings, reschedules, cancellations,
 * confirmations and patient edits through the emulator's control API, chosen deterministically, and
 * one "tracer" change to an appointment in the next 7 days that the next interval sync must bring.
 * It reads the practice once and keeps its own index up to date from what each change returns, so
 * an hour's work at 20,000 patients costs milliseconds rather than a serialization of every record.
 */
import type { IntakeqAppointment, IntakeqControl } from '../../electron/emulators';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface HourlyChanges {
  bookings: number;
  reschedules: number;
  cancellations: number;
  confirmations: number;
  patientEdits: number;
  newPatients: number;
}

/**
 * About 1 % of the windows' appointments and 1 % of patients changed a day at 20,000 patients, spread
 * over twelve working hours (the incremental benchmark's "1 % changed", as a day's work).
 */
export const CHANGES_PER_HOUR_AT_20K: HourlyChanges = {
  bookings: 14,
  reschedules: 4,
  cancellations: 3,
  confirmations: 3,
  patientEdits: 16,
  newPatients: 2,
};

export interface TracerChange {
  at: string;
  appointmentId: string;
  kind: 'rescheduled' | 'cancelled' | 'booked';
  /** The start the cache must show (rescheduled, booked) or null for a cancellation. */
  startsAt: string | null;
}

interface Booking {
  id: string;
  startsAt: number;
  status: string;
}

export class FrontDesk {
  private readonly bookings = new Map<string, Booking>();
  private readonly clients: number[];
  private turn = 0;
  private tracers = 0;

  constructor(
    private readonly control: IntakeqControl,
    private readonly perHour: HourlyChanges,
    private readonly scale: number,
  ) {
    const removed = new Set(control.deletedAppointmentIds());
    for (const a of control.appointments()) if (!removed.has(a.Id)) this.remember(a);
    const deleted = new Set(control.deletedPatientIds());
    this.clients = control
      .patients()
      .filter((c) => !c.Archived && !deleted.has(c.ClientId))
      .map((c) => c.ClientId)
      .sort((a, b) => a - b);
  }

  /** An hour's work at `nowMs`; returns the tracer change among it. */
  workHour(nowMs: number): TracerChange {
    const { control } = this;
    const count = (n: number) => Math.max(1, Math.round(n * this.scale));
    const live = [...this.bookings.values()].filter((b) => b.status !== 'Canceled' && b.startsAt > nowMs);
    const upcoming = live.filter((b) => b.startsAt < nowMs + 60 * DAY_MS).sort((a, b) => (a.id < b.id ? -1 : 1));
    const nearWeek = upcoming.filter((b) => b.startsAt < nowMs + 7 * DAY_MS);
    for (let i = 0; i < count(this.perHour.bookings); i++) this.remember(control.addAppointment({ ClientId: this.pick(this.clients) }));
    for (let i = 0; i < count(this.perHour.reschedules); i++) {
      const b = this.pick(upcoming);
      this.remember(control.reschedule(b.id, new Date(b.startsAt + DAY_MS).toISOString()));
    }
    for (let i = 0; i < count(this.perHour.cancellations); i++) this.remember(control.cancel(this.pick(upcoming).id, 'Feeling unwell'));
    const waiting = upcoming.filter((b) => b.status === 'WaitingConfirmation');
    for (let i = 0; i < count(this.perHour.confirmations) && waiting.length > 0; i++) {
      this.remember(control.setStatus(this.pick(waiting).id, 'Confirmed'));
    }
    for (let i = 0; i < count(this.perHour.patientEdits); i++) {
      control.editPatient(this.pick(this.clients), { Phone: `(555) 010-${String(this.turn % 10_000).padStart(4, '0')}` });
    }
    for (let i = 0; i < count(this.perHour.newPatients); i++) this.clients.push(control.addPatient().ClientId);
    return this.tracer(
      nowMs,
      nearWeek.filter((b) => this.bookings.get(b.id)?.status !== 'Canceled'),
    );
  }

  /** In turn: a visit in the next 7 days moved two hours, one cancelled, one booked two days out. */
  private tracer(nowMs: number, nearWeek: Booking[]): TracerChange {
    const at = new Date(nowMs).toISOString();
    const kind = (['rescheduled', 'cancelled', 'booked'] as const)[this.tracers++ % 3] ?? 'booked';
    if (kind === 'booked') {
      const booked = this.remember(
        this.control.addAppointment({ ClientId: this.pick(this.clients), UtcDateTime: nowMs + 2 * DAY_MS + 15 * MINUTE_MS }),
      );
      return { at, appointmentId: booked.Id, kind, startsAt: new Date(booked.StartDate).toISOString() };
    }
    const target = this.pick(nearWeek);
    if (kind === 'cancelled') {
      this.remember(this.control.cancel(target.id, 'Called the office'));
      return { at, appointmentId: target.id, kind, startsAt: null };
    }
    const moved = this.remember(this.control.reschedule(target.id, new Date(target.startsAt + 2 * HOUR_MS).toISOString()));
    return { at, appointmentId: target.id, kind, startsAt: new Date(moved.StartDate).toISOString() };
  }

  private remember(a: IntakeqAppointment): IntakeqAppointment {
    this.bookings.set(a.Id, { id: a.Id, startsAt: a.StartDate, status: a.Status });
    return a;
  }

  /** A deterministic pick that spreads: each call steps a prime further through the list. */
  private pick<T>(list: readonly T[]): T {
    const item = list[(this.turn++ * 7919) % list.length];
    if (item === undefined) throw new Error('Nothing to pick from');
    return item;
  }
}
