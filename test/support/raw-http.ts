import { request } from 'node:http';
import { connect } from 'node:net';

/** A GET with the path sent as written, not normalised by a URL parser the way fetch() would. */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends `head` byte for byte (request line and headers, no client-side checks at all) and resolves
 * with the status code of the answer, or 0 when the server closed the connection without one.
 */
export function rawRequest(port: number, head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('close', () => resolve(0));
    socket.on('error', reject);
  });
}
