import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveStaticFile } from '../core/security/static-path';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Serves one file of the built console, or 404 — never anything outside `root`, not even through a symlink. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): void {
  const file = resolveStaticFile(root, req.url ?? '/');
  if (!file) {
    sendText(res, 404, 'Not found');
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file.path), 'Content-Length': file.size });
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
