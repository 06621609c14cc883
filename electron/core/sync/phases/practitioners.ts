import { plural } from '../pages';
import type { RunContext } from '../run-context';

export async function practitionersPhase(ctx: RunContext): Promise<void> {
  ctx.progress.startPhase('practitioners');
  let done = 0;
  for await (const page of ctx.connector.practitioners(ctx.signal)) {
    ctx.store.transaction(() => ctx.store.practitioners.upsertPage(ctx.source, page.records));
    done += page.records.length;
    ctx.progress.advance('practitioners', done, null, ctx.requests());
    ctx.checkpoint();
  }
  ctx.log('info', `Practitioners: ${plural(done, 'practitioner')} up to date.`);
}
