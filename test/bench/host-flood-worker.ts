/**
 * The flood of the host-load benchmark, in its own process as an attacker's would be: `sockets`
 * authorised sockets opened at once, each sending `requests` roster queries at once. Prints one JSON
 * line: how each socket ended.
 */
import { connectConsole, type HostAddress } from './host-load-client';

export interface FloodInput extends HostAddress {
  sockets: number;
  requests: number;
}

export interface FloodOutput {
  /** Sockets whose every request was answered. */
  servedInFull: number;
  /** Close codes (or HTTP statuses) of the others, counted. */
  endedWith: Record<string, number>;
  answered: number;
  elapsedMs: number;
}

async function flood(input: FloodInput): Promise<FloodOutput> {
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: input.sockets }, async () => {
      const client = await connectConsole(input);
      if (typeof client === 'number') return { code: client, answered: 0 };
      let answered = 0;
      const all = Promise.all(Array.from({ length: input.requests }, () => client.query().then(() => (answered += 1))));
      const code = await Promise.race([all.then(() => 0), client.closed]);
      client.socket.close();
      await client.closed;
      return { code, answered };
    }),
  );
  const endedWith: Record<string, number> = {};
  for (const { code } of outcomes) if (code !== 0) endedWith[code] = (endedWith[code] ?? 0) + 1;
  return {
    servedInFull: outcomes.filter((o) => o.code === 0).length,
    endedWith,
    answered: outcomes.reduce((sum, o) => sum + o.answered, 0),
    elapsedMs: performance.now() - started,
  };
}

const input = JSON.parse(process.argv[2] ?? '{}') as FloodInput;
process.stdout.write(`${JSON.stringify(await flood(input))}\n`);
