import WebSocket from 'ws';
import { socketProtocols, type ChannelInput, type ChannelName, type ChannelResult, type HostMessage } from '../../../electron/contract';

/** The access token in the link `clinicsync serve` prints (`http://127.0.0.1:port/#token=…`). */
export function consoleToken(consoleUrl: string): string {
  const token = new URLSearchParams(new URL(consoleUrl).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in the console link ${consoleUrl}`);
  return token;
}

export interface ContractClient {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>>;
  close(): void;
}

/**
 * Speaks the console's own WebSocket protocol to a running `clinicsync serve`, as the page does
 * (same token, same Origin): for test set-up the UI does not cover, such as adding a source quickly.
 */
export async function connectContract(consoleUrl: string): Promise<ContractClient> {
  const url = new URL(consoleUrl);
  const socket = new WebSocket(`ws://${url.host}/ws`, socketProtocols(consoleToken(consoleUrl)), { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (message: Extract<HostMessage, { type: 'result' }>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as HostMessage;
    if (message.type === 'result') pending.get(message.id)?.(message);
  });
  return {
    call(channel, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, (message) => {
          pending.delete(id);
          if (message.envelope.ok) resolve(message.envelope.value as never);
          else reject(new Error(`${channel}: ${message.envelope.error.code}: ${message.envelope.error.message}`));
        });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    close: () => socket.close(),
  };
}
