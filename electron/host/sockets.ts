import { WebSocketServer, type WebSocket } from 'ws';
import type { HostMessage } from '../contract';
import type { Dispatch, EventSink } from '../handlers';

/** Large enough for any real request; anything bigger is hostile and closes the socket. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

function send(socket: WebSocket, message: HostMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function parseRequest(raw: string): { id: number; channel: unknown; input: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, id, channel, input } = value as Record<string, unknown>;
  if (type !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, channel, input };
}

/** The contract over WebSocket: the same dispatcher as IPC, plus a broadcast sink for events. */
export function createSocketServer(dispatch: Dispatch): { wss: WebSocketServer; sink: EventSink } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('connection', (socket) => {
    socket.on('message', async (data, isBinary) => {
      const request = isBinary ? null : parseRequest(data.toString());
      if (!request) {
        socket.close(1003, 'Malformed request');
        return;
      }
      send(socket, { type: 'result', id: request.id, envelope: await dispatch(request.channel, request.input) });
    });
  });
  const sink: EventSink = (event, payload) => {
    for (const client of wss.clients) send(client, { type: 'event', event, payload });
  };
  return { wss, sink };
}
