import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveStaticFile } from '../core/security/static-path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The part of Electron's protocol module the handler needs, so tests can pass a fake. */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers app:// requests with files of the packaged console in `rendererDir`: only for the app's
 * own host, only GET/HEAD, and never a file outside the folder (traversal and symlinks refused).
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return notFound();
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    try {
      const body = await readFile(file.path);
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          'Content-Type': contentTypeFor(file.path),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  };
}

/** Serves the packaged console from `rendererDir`, refusing any path that escapes it. */
export function serveAppProtocol(rendererDir: string, protocolApi: ProtocolLike = protocol): void {
  protocolApi.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
