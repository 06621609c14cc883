import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { socketProtocols } from '../../electron/contract';
import { createDispatcher, type HandlerMap } from '../../electron/handlers/dispatch';
import { startHost, type HostOptions, type RunningHost } from '../../electron/host/server';

export interface TestHost {
  host: RunningHost;
  stop(): Promise<void>;
}

/**
 * The real browser host (its HTTP server, socket handling and the contract's dispatcher) over a
 * stand-in service that answers `app:info`, serving a one-file console from a temporary folder.
 */
export async function startTestHost(options: Partial<HostOptions> = {}): Promise<TestHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'clinicsync-host-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClinicSync</title>');
  const handlers = {
    'app:info': () => ({ name: 'ClinicSync', version: '9.9.9', dataDir: '/tmp/cs', platform: process.platform, runtime: 'browser' }),
  } as unknown as HandlerMap;
  const host = await startHost({ dispatch: createDispatcher(handlers, () => {}), rendererDir, ...options });
  return {
    host,
    stop: async () => {
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface SocketOptions {
  /** Offered as the token subprotocol; omitted when undefined. */
  token?: string;
  origin?: string;
  headers?: Record<string, string>;
  /** Appended to /ws as written. */
  query?: string;
}

/** An open socket with the code it will close with, or the status of a refused upgrade. */
export type SocketOutcome = { socket: WebSocket; closed: Promise<number> } | { status: number };

/** Opens the host's socket as a client would; resolves with the open socket or the refused upgrade's status. */
export function openSocket(host: RunningHost, options: SocketOptions = {}): Promise<SocketOutcome> {
  const protocols = options.token === undefined ? [] : socketProtocols(options.token);
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws${options.query ?? ''}`, protocols, {
    origin: options.origin,
    headers: options.headers,
  });
  // Listened for from the start: the host may close right after the handshake.
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.once('error', () => resolve({ status: -1 }));
  });
}

/** An authorised socket (the right token and Origin), or a thrown error. */
export async function openConsoleSocket(host: RunningHost): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const outcome = await openSocket(host, { token: host.token, origin: host.origin });
  if (!('socket' in outcome)) throw new Error(`socket refused with ${outcome.status}`);
  return outcome;
}

/** How a socket attempt ended: the HTTP status of a refused upgrade, or the close code of an accepted one. */
export async function refusal(host: RunningHost, options: SocketOptions): Promise<{ status: number } | { closed: number }> {
  const outcome = await openSocket(host, options);
  if ('status' in outcome) return outcome;
  return { closed: await outcome.closed };
}

let nextId = 1;

/** One contract call over an open socket; resolves with the host's answer. */
export function invoke(socket: WebSocket, channel: string, input: unknown): Promise<{ id: number; envelope: { ok: boolean } }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; envelope: { ok: boolean } };
      if (message.type === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
  });
}
