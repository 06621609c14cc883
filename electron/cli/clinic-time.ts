import { readableTime } from '../core/schedule';
import type { AppService } from '../core/service';

/** Shows a stored UTC instant as people at the clinic read it: "Sun 6 Dec 08:21" in the clinic's zone. */
export type ClinicClock = (iso: string) => string;

/** The clock of the clinic's zone (the schedule's time zone setting), for the human-readable output. */
export function clinicClock(service: AppService, now = new Date()): ClinicClock {
  const zone = service.settings.get().schedule.timeZone;
  return (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : readableTime(at, zone, now);
  };
}
