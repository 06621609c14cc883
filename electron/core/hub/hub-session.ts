import type { ClinicKey } from './clinic-key';
import type { HubConnection } from './hub-connection';
import { touchDesk } from './hub-desks';
import { applyRecords, type AppliedRecord, type ApplyDeps, type ApplySummary } from './local-apply';
import type { LocalHubState } from './local-state';
import { payloadsFor } from './outbox-payloads';
import { pausePoint } from './pause-point';
import { recordName, recordVersion, type HubPayload } from './payloads';
import { publishRecords, recordsAfter, recordsAt, type SealedRecord } from './record-log';

/** How many outbox entries go in one publishing transaction, and how many records one pull reads. */
export const PUBLISH_BATCH = 2_000;
export const PULL_BATCH = 2_000;

/** What applying needs, plus the link to the hub and who this desk is. */
export interface HubSessionDeps extends ApplyDeps {
  connection: HubConnection;
  key: ClinicKey;
  deskId: string;
  deskName: string;
  /** After a catch-up that copied other desks' ended runs into this desk's history (history retention runs then). */
  afterRunsMirrored?: () => void;
}

/** A joined desk's live link to its hub: publishing the outbox and applying what others published. */
export class HubSession {
  constructor(readonly deps: HubSessionDeps) {}

  /**
   * Sends the outbox to the hub, a batch per transaction, and forgets each batch once the hub has it.
   * Safe to repeat after any crash: the hub remembers how far this desk's outbox got.
   */
  async publish(): Promise<number> {
    const { state, connection, deskId } = this.deps;
    let total = 0;
    // Nothing queued: no round trip (a follower's wake-ups publish nothing).
    if (state.outboxStats().count === 0) return 0;
    for (;;) {
      const result = await connection.transaction(async (client) => {
        const sent = await publishRecords(client, deskId, (publishedUpTo) => {
          state.dropOutboxUpTo(publishedUpTo);
          const rows = state.outboxAfter(publishedUpTo, PUBLISH_BATCH);
          return { records: this.seal(rows), upTo: rows.at(-1)?.id ?? publishedUpTo };
        });
        if (sent.published > 0) await pausePoint('hub-publish:before-commit');
        return sent;
      });
      if (result.published > 0) await pausePoint('hub-publish:after-commit');
      state.dropOutboxUpTo(result.upTo);
      total += result.published;
      if (state.outboxStats().count === 0) return total;
    }
  }

  /** Applies every record published since this desk last applied, in sequence order. */
  async catchUp(): Promise<ApplySummary> {
    const { state, connection, deskId } = this.deps;
    const summary: ApplySummary = { applied: 0, deferred: 0, runs: 0 };
    for (;;) {
      const after = state.membership().appliedSeq;
      const logged = await connection.withClient((client) => recordsAfter(client, after, PULL_BATCH));
      const last = logged.at(-1);
      if (!last) break;
      const records = logged
        .map((record) => ({ ...this.open(record.address, record.payload), seq: record.seq }))
        .filter((r) => r.payload.deskId !== deskId);
      // A full read: more waits behind it, so this desk is far behind and merges pages (local-apply.ts).
      const farBehind = logged.length === PULL_BATCH;
      const applied = applyRecords(this.deps, [...(await this.missingSources(records)), ...records], last.seq, farBehind);
      summary.applied += applied.applied;
      summary.deferred = applied.deferred;
      summary.runs += applied.runs;
      // A short read was the end of the log for now (what comes later wakes this desk again).
      if (logged.length < PULL_BATCH) break;
    }
    await connection.withClient((client) => touchDesk(client, deskId, state.membership().appliedSeq));
    state.reachedHub(this.deps.now().toISOString());
    if (summary.runs > 0) this.deps.afterRunsMirrored?.();
    return summary;
  }

  /**
   * The sources that records of this batch belong to but this cache lacks: a source edited later
   * (renamed, its key changed) was published after its records, maybe further on in this very batch,
   * so a new desk fetches it ahead of them (applying it again where it comes changes nothing).
   */
  private async missingSources(records: AppliedRecord[]): Promise<AppliedRecord[]> {
    const { cache, key, connection } = this.deps;
    const needed = new Set<string>();
    for (const { payload } of records) {
      if (payload.kind === 'patient' || payload.kind === 'appointment' || payload.kind === 'practitioner')
        needed.add(payload.record.source);
      if (payload.kind === 'cursor') needed.add(payload.source);
    }
    const missing = [...needed].filter((id) => cache.sources.get(id) === null);
    const addresses = missing.map((id) => key.address({ kind: 'source', source: id, ref: id }));
    const found = await connection.withClient((client) => recordsAt(client, addresses));
    return found.map((record) => this.open(record.address, record.payload));
  }

  private seal(rows: ReturnType<LocalHubState['outboxAfter']>): SealedRecord[] {
    const { cache, notes, links, doneMarks, key, deskId, deskName } = this.deps;
    return payloadsFor(cache, { notes, links, doneMarks }, { deskId, deskName }, rows).map((payload) => {
      const address = key.address(recordName(payload));
      return { address, payload: key.seal(JSON.stringify(payload), address), version: recordVersion(key, payload) };
    });
  }

  private open(address: Buffer, sealed: Buffer): AppliedRecord {
    return { address: address.toString('hex'), payload: JSON.parse(this.deps.key.open(sealed, address)) as HubPayload };
  }
}
