import type { RunContext } from '../run-context';

export async function connectPhase(ctx: RunContext): Promise<void> {
  ctx.progress.startPhase('connect');
  const info = await ctx.connector.testConnection(ctx.signal);
  const who = info.userName ? ` as ${info.userName}${info.role ? ` (${info.role})` : ''}` : '';
  ctx.log('info', `Connected to ${ctx.sourceName}${who} in ${info.latencyMs} ms.`);
}
