import type { Cache } from '../db';
import type { LocalDoneMarks } from './local-done-marks';
import type { LocalLinks } from './local-links';
import type { LocalNotes } from './local-notes';
import type { LocalHubState } from './local-state';
import type { MirrorRuns } from './mirror-runs';
import type { HubPayload } from './payloads';

export interface AppliedRecord {
  /** The record's hub address (hex): the key under which a record that must wait is kept. */
  address: string;
  payload: HubPayload;
  /** Its place in the hub's log; absent for a record fetched out of turn (a source a batch needs). */
  seq?: number;
}

export interface ApplySummary {
  applied: number;
  deferred: number;
  /** Other desks' runs that ended and were copied into this desk's history. */
  runs: number;
}

export interface ApplyDeps {
  cache: Cache;
  state: LocalHubState;
  notes: LocalNotes;
  links: LocalLinks;
  doneMarks: LocalDoneMarks;
  runs: MirrorRuns;
  now: () => Date;
}

/**
 * Applies records pulled from the hub, in their order, through the same repositories a sync writes
 * with — so the roster, the change feed and the history follow as they do after a sync — with the
 * outbox triggers quiet. Consecutive records of one kind, source and sync time go in as one page;
 * pages go in by transactions (see `transactionUnits`) that also move this desk's place in the log: a
 * page is visible as soon as its transaction is in, not once a whole batch is (nor behind a run's
 * end, whose bookkeeping is slow). Notes, links and done-marks go in one by one by their own rule;
 * those whose patient or change has not arrived wait in the cache, are tried again once the rest of
 * the batch is in (their appointment may come later in it), and again with every later batch.
 * `upToSeq` is where this desk's place in the log ends up (records this desk published itself are not
 * applied). `farBehind`: more records wait behind these, so pages go in several at a time.
 */
export function applyRecords(deps: ApplyDeps, records: AppliedRecord[], upToSeq: number, farBehind: boolean): ApplySummary {
  const { cache, state } = deps;
  const summary: ApplySummary = { applied: 0, deferred: 0, runs: 0 };
  const waitingNow: AppliedRecord[] = [];
  // The last one-by-one record of each address: only that one is tried again (an older one could undo it).
  const latest = new Map<string, AppliedRecord>();
  let reached = state.membership().appliedSeq;
  for (const unit of transactionUnits([...waiting(state), ...records], farBehind ? MERGE_PAGES_UP_TO : 0)) {
    state.applyingFromHub(() => {
      let group: AppliedRecord[] = [];
      const flush = () => {
        if (group.length > 0) summary.applied += applyGroup(deps, group);
        group = [];
      };
      for (const record of unit) {
        if (isOneByOne(record.payload)) {
          flush();
          latest.set(record.address, record);
          if (applyOne(record)) summary.applied += 1;
          else waitingNow.push(record);
          continue;
        }
        const head = group[0]?.payload;
        if (head && groupKey(head) !== groupKey(record.payload)) flush();
        group.push(record);
      }
      flush();
      const seq = Math.max(reached, ...unit.map((record) => record.seq ?? reached));
      if (seq > reached) state.setAppliedSeq((reached = seq));
    });
  }
  state.applyingFromHub(() => {
    for (const record of waitingNow) {
      if (latest.get(record.address) !== record) continue;
      if (applyOne(record)) summary.applied += 1;
      else summary.deferred += 1;
    }
    if (upToSeq > reached) state.setAppliedSeq(upToSeq);
  });
  return summary;

  /** Applies a note, link or done-mark; false when it must wait (kept in the cache until it can go in). */
  function applyOne(record: AppliedRecord): boolean {
    const payload = record.payload;
    const outcome =
      payload.kind === 'note'
        ? deps.notes.apply(payload)
        : payload.kind === 'org-link'
          ? deps.links.apply(payload)
          : payload.kind === 'done-mark'
            ? deps.doneMarks.apply(payload)
            : 'kept';
    if (outcome === 'deferred') {
      state.defer(record.address, JSON.stringify(payload));
      return false;
    }
    state.undefer(record.address);
    return true;
  }

  function waiting(state: LocalHubState): AppliedRecord[] {
    return state.deferred().map((row) => ({ address: row.address, payload: JSON.parse(row.payload) as HubPayload }));
  }

  function applyGroup(deps: ApplyDeps, records: AppliedRecord[]): number {
    const payloads = records.map((record) => record.payload);
    const [first] = payloads;
    if (!first) return 0;
    const at = deps.now().toISOString();
    switch (first.kind) {
      case 'source':
        for (const payload of payloads) if (payload.kind === 'source') applySource(cache, payload.source, at);
        break;
      case 'practitioner':
        cache.practitioners.upsertPage(
          first.record.source,
          payloads.flatMap((p) => (p.kind === 'practitioner' ? [p.record] : [])),
        );
        break;
      case 'patient':
        cache.patients.upsertPage(
          first.record.source,
          payloads.flatMap((p) => (p.kind === 'patient' ? [p.record] : [])),
          first.lastSyncedAt ?? at,
        );
        break;
      case 'appointment': {
        const runId = first.originRunId === null ? null : deps.runs.open(first, first.originRunId, first.record.source, first.lastSyncedAt);
        cache.appointments.upsertPage(
          first.record.source,
          payloads.flatMap((p) => (p.kind === 'appointment' ? [p.record] : [])),
          first.lastSyncedAt,
          runId,
        );
        break;
      }
      case 'run':
        for (const payload of payloads) if (payload.kind === 'run') deps.runs.finish(payload, payload.run);
        summary.runs += payloads.length;
        break;
      case 'cursor':
        for (const payload of payloads) if (payload.kind === 'cursor') cache.cursors.set(payload.source, payload.resource, payload.value);
        break;
      case 'note':
      case 'org-link':
      case 'done-mark':
        // Applied one by one above, by their own rule.
        break;
    }
    return payloads.length;
  }
}

/**
 * Records one transaction takes at most when a desk is far behind (a new desk, one back from sleep).
 * Each commit writes every index page its rows touched, encrypted, and successive pages touch many of
 * the same ones, so fewer commits catch up sooner. Only then: a transaction's records show once all
 * of them are in, so a desk that follows closely (a few pages per pull) commits page by page, and on
 * the hub bench merging those too saved little CPU (8.6 s → 8.4 s per follower) for the delay it adds.
 */
const MERGE_PAGES_UP_TO = 1_000;

/**
 * Splits records into transactions: a page each (several together while they fit in `mergeUpTo`
 * records), and a run's end on its own (it refreshes next appointments, the slowest step: no page
 * waits behind it).
 */
function transactionUnits(records: AppliedRecord[], mergeUpTo: number): AppliedRecord[][] {
  const units: AppliedRecord[][] = [];
  const endsRun = (unit: AppliedRecord[]) => unit.some((record) => record.payload.kind === 'run');
  for (const page of pageUnits(records)) {
    const last = units.at(-1);
    if (last && !endsRun(last) && !endsRun(page) && last.length + page.length <= mergeUpTo) last.push(...page);
    else units.push(page);
  }
  return units;
}

/**
 * Splits records into pages: a new one at each page of patients or appointments and at a run's end;
 * the small records between (cursors, sources, practitioners, notes) ride with the page before.
 */
function pageUnits(records: AppliedRecord[]): AppliedRecord[][] {
  const units: AppliedRecord[][] = [];
  let unit: AppliedRecord[] = [];
  let key: string | null = null;
  for (const record of records) {
    const kind = record.payload.kind;
    if (kind === 'patient' || kind === 'appointment' || kind === 'run') {
      const next = groupKey(record.payload);
      if (key !== null && next !== key && unit.length > 0) {
        units.push(unit);
        unit = [];
      }
      key = next;
    }
    unit.push(record);
  }
  if (unit.length > 0) units.push(unit);
  return units;
}

function isOneByOne(payload: HubPayload): boolean {
  return payload.kind === 'note' || payload.kind === 'org-link' || payload.kind === 'done-mark';
}

/** Records that can go in as one page: same kind, source, sync time and run. */
function groupKey(payload: HubPayload): string {
  switch (payload.kind) {
    case 'patient':
      return `patient ${payload.record.source} ${payload.lastSyncedAt}`;
    case 'appointment':
      return `appointment ${payload.record.source} ${payload.lastSyncedAt} ${payload.deskId} ${payload.originRunId}`;
    case 'practitioner':
      return `practitioner ${payload.record.source}`;
    default:
      return payload.kind;
  }
}

/** A source another desk added: the same id, no API key here (this desk reads it from the hub). */
function applySource(cache: Cache, source: Extract<HubPayload, { kind: 'source' }>['source'], at: string): void {
  const existing = cache.sources.get(source.id);
  if (!existing) {
    cache.sources.add({ ...source, credentialRef: `hub:${source.id}` }, at);
  } else if (existing.name !== source.name || existing.baseUrl !== source.baseUrl) {
    cache.sources.update(source.id, { name: source.name, baseUrl: source.baseUrl }, at);
  }
}
