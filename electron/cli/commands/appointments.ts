import { InvalidArgumentError, Option, type Command } from 'commander';
import { isDayKey, resolveDay } from '../../core/day-sheet/clinic-day';
import { APPOINTMENT_STATUSES, type AppointmentStatus, type DaySheetFilters } from '../../core/domain';
import { withService, type CliContext } from '../context';
import { daySheetTable } from '../day-sheet-table';

const FORMATS = ['table', 'json', 'csv', 'ics'] as const;
type Format = (typeof FORMATS)[number];

/** "today", "tomorrow", "yesterday" or a real YYYY-MM-DD date; anything else is a usage error. */
function parseDay(value: string): string {
  const word = value.trim().toLowerCase();
  if (['today', 'tomorrow', 'yesterday'].includes(word) || isDayKey(word)) return word;
  throw new InvalidArgumentError('must be today, tomorrow, yesterday or a date like 2026-03-09.');
}

function parseStatuses(value: string): AppointmentStatus[] {
  const statuses = value.split(',').map((s) => s.trim().replace('-', '_'));
  const unknown = statuses.find((s) => !(APPOINTMENT_STATUSES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new InvalidArgumentError(`must be statuses from ${APPOINTMENT_STATUSES.join(', ')} (comma-separated).`);
  return statuses as AppointmentStatus[];
}

export function registerAppointmentsCommand(program: Command, ctx: CliContext): void {
  program
    .command('appointments')
    .description('print the day sheet: one clinic day’s appointments from the cache (in the clinic’s time zone)')
    .option('--date <day>', 'today, tomorrow, yesterday or YYYY-MM-DD (default: today)', parseDay, 'today')
    .option('--practitioner <name>', 'only this practitioner (name, any case)')
    .option('--status <list>', 'only these statuses, e.g. cancelled,no_show (default: all but cancelled and declined)', parseStatuses)
    .option('--source <name>', 'only this source (name or id)')
    .addOption(new Option('--format <format>', 'table, json, csv or ics').choices(FORMATS).default('table'))
    .action(async (options: { date: string; practitioner?: string; status?: AppointmentStatus[]; source?: string; format: Format }) => {
      await withService(ctx, async (service) => {
        const date = resolveDay(options.date, new Date(), service.daySheet.timeZone());
        const filters: DaySheetFilters = {};
        if (options.source !== undefined) filters.source = service.sources.find(options.source).id;
        if (options.status) filters.statuses = options.status;
        if (options.practitioner !== undefined) {
          // Names are matched as staff type them; the sheet filters on the names the sources give.
          const wanted = options.practitioner.trim().toLowerCase();
          const names = service.daySheet.day(date).practitioners;
          filters.practitioners = names.filter((name) => name.toLowerCase() === wanted || name.toLowerCase().includes(wanted));
          if (filters.practitioners.length === 0) filters.practitioners = [options.practitioner];
        }
        if (options.format === 'csv' || options.format === 'ics') {
          return ctx.write(service.daySheet.export(date, 'day', options.format, filters).content);
        }
        const sheet = service.daySheet.day(date, filters);
        if (options.format === 'json') return ctx.out(JSON.stringify(sheet, null, 2));
        for (const line of daySheetTable(sheet, new Date(), Object.keys(filters).length > 0)) ctx.out(line);
      });
    });
}
