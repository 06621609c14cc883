import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Maps a request path onto a file inside `root`, or null when it would escape it. Shared by the
 * desktop app's protocol handler and the browser host, so both refuse the same traversal tricks
 * (`..`, encoded `%2e%2e`, backslashes, NUL and other control bytes, absolute paths, Windows drive
 * letters and alternate data streams). `pathApi` lets tests check Windows path rules on any OS.
 */
export function resolveStaticPath(root: string, requestPath: string, pathApi: path.PlatformPath = path): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/, 1)[0] ?? '');
  } catch {
    return null;
  }
  // No console file name holds a backslash, a colon (C:, \\?\, file.js::$DATA) or a control byte.
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what is refused here
  if (/[\\:\u0000-\u001f\u007f]/.test(decoded)) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const resolvedRoot = pathApi.resolve(root);
  const resolved = pathApi.resolve(resolvedRoot, relative);
  return isInside(resolvedRoot, resolved, pathApi) ? resolved : null;
}

function isInside(root: string, candidate: string, pathApi: path.PlatformPath): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(pathApi.sep) ? root : root + pathApi.sep);
}

export interface StaticFile {
  /** The file's real path (symlinks resolved): read this one, not the requested name. */
  path: string;
  size: number;
}

/**
 * Like resolveStaticPath, and then the file must exist, be a regular file, and still lie inside the
 * real `root` once every symlink is resolved, so a link in the folder cannot lead out of it.
 */
export function resolveStaticFile(root: string, requestPath: string): StaticFile | null {
  const candidate = resolveStaticPath(root, requestPath);
  if (!candidate) return null;
  try {
    const realRoot = realpathSync(root);
    const realFile = realpathSync(candidate);
    if (!isInside(realRoot, realFile, path)) return null;
    const stat = statSync(realFile);
    return stat.isFile() ? { path: realFile, size: stat.size } : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The Content-Security-Policy for the console, whichever face serves it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
