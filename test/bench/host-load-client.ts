/** A console's side of the host's socket, for the host-load benchmark and its flood worker. */
import WebSocket from 'ws';
import { socketProtocols } from '../../electron/contract';

export interface HostAddress {
  port: number;
  origin: string;
  token: string;
}

export interface ConsoleClient {
  socket: WebSocket;
  /** The close code, whenever the socket closes. */
  closed: Promise<number>;
  /** One roster query; resolves with the answer, whatever it says. */
  query(): Promise<void>;
}

export const ROSTER_QUERY = { search: 'sm', sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50 };

/** Opens an authorised socket; resolves with the client, or the status/close code when refused at once. */
export function connectConsole(host: HostAddress): Promise<ConsoleClient | number> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, socketProtocols(host.token), { origin: host.origin });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  let nextId = 1;
  const pending = new Map<number, () => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id: number };
    if (message.type === 'result') pending.get(message.id)?.();
  });
  socket.on('error', () => {});
  const query = () =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel: 'roster:query', input: ROSTER_QUERY }));
    });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, closed, query }));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    void closed.then((code) => resolve(code));
  });
}
