import { connect } from 'node:net';
import { socketProtocols } from '../../electron/contract';
import type { RunningHost } from '../../electron/host/server';

export interface RawSession {
  /** Writes bytes as they are, after the handshake. */
  write(bytes: Buffer): void;
  /** The code of the close frame the host sent (null if it hung up without one), once the connection ends. */
  ended: Promise<number | null>;
}

/**
 * A WebSocket connection driven byte by byte: an authorised handshake, then whatever frames a test
 * builds — the malformed ones no WebSocket client library would send.
 */
export function rawSession(host: RunningHost): Promise<RawSession> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    const ended = new Promise<number | null>((resolveEnd) => {
      socket.on('close', () => resolveEnd(closeFrameCode(received)));
    });
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      if (upgraded) {
        received = Buffer.concat([received, chunk]);
        // Like a real client, hang up once the host has said why it closes.
        if (closeFrameCode(received) !== null) socket.end();
        return;
      }
      const text = chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (!text.startsWith('HTTP/1.1 101')) return reject(new Error(`handshake refused: ${text.split('\r\n')[0]}`));
      upgraded = true;
      received = chunk.subarray(end + 4);
      if (closeFrameCode(received) !== null) socket.end();
      resolve({ write: (bytes) => socket.write(bytes), ended });
    });
    socket.write(
      [
        'GET /ws HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        `Origin: ${host.origin}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Sec-WebSocket-Protocol: ${socketProtocols(host.token).join(', ')}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** The status code of the first frame when it is a close frame (server frames are never masked). */
function closeFrameCode(bytes: Buffer): number | null {
  if (bytes.length < 4 || ((bytes[0] as number) & 0x0f) !== 0x8) return null;
  return bytes.readUInt16BE(2);
}

/** A client frame: FIN and `opcode`, masked with a zero key (so the payload reads as written) unless `masked` is false. */
export function frame(opcode: number, payload: Buffer, options: { masked?: boolean; rsv1?: boolean; lengthField?: Buffer } = {}): Buffer {
  const masked = options.masked ?? true;
  const first = 0x80 | (options.rsv1 ? 0x40 : 0) | opcode;
  const maskBit = masked ? 0x80 : 0;
  let length: Buffer;
  if (options.lengthField) length = Buffer.concat([Buffer.from([maskBit | 127]), options.lengthField]);
  else if (payload.length < 126) length = Buffer.from([maskBit | payload.length]);
  else if (payload.length < 65536) length = Buffer.from([maskBit | 126, payload.length >> 8, payload.length & 0xff]);
  else {
    const extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(payload.length));
    length = Buffer.concat([Buffer.from([maskBit | 127]), extended]);
  }
  return Buffer.concat([Buffer.from([first]), length, masked ? Buffer.alloc(4) : Buffer.alloc(0), payload]);
}
