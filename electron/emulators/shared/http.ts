import type { IncomingMessage, ServerResponse } from 'node:http';

/** Records a response carries, so record- and page-level faults can reach into it before it is sent. */
export interface ServedRecords {
  /** The very array inside `json` (a page) or a one-element array holding the record. */
  items: Record<string, unknown>[];
  /** The field that names a record (id, Id, ClientId): a record-level fault is decided by it. */
  idField: string;
  /** The field a malformed-record fault breaks, and the bad value it gets. */
  brokenField: string;
  brokenValue: unknown;
  /** Whether this is a list page (page faults apply) rather than a single record. */
  page: boolean;
}

/** What a route answers; the server pipeline serializes it after faults and latency. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** A body that is already text (HTML pages, plain-text errors). */
  body?: string;
  /** A body to send as JSON. */
  json?: unknown;
  records?: ServedRecords;
}

/** Thrown by route code to answer at once with an API-shaped error. */
export class HttpProblem extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`HTTP ${response.status}`);
  }
}

export function jsonResponse(status: number, json: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status, json, headers };
}

export function textResponse(status: number, body: string, contentType = 'text/plain; charset=utf-8'): EmulatorResponse {
  return { status, body, headers: { 'Content-Type': contentType } };
}

export function emptyResponse(status: number, headers?: Record<string, string>): EmulatorResponse {
  return { status, headers };
}

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(textResponse(413, 'Request body too large'));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON request body; `invalid` builds the API's own error for a body that is not JSON. */
export function parseJsonBody(raw: string, invalid: () => EmulatorResponse): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpProblem(invalid());
  }
}

export function bodyText(response: EmulatorResponse): string {
  if (response.body !== undefined) return response.body;
  return response.json === undefined ? '' : JSON.stringify(response.json);
}

export function writeResponse(res: ServerResponse, response: EmulatorResponse, text: string): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.json !== undefined && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** Query parameters looked up without regard to case, as ASP.NET binds them. */
export function caseInsensitiveParams(params: URLSearchParams): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of params) {
    const lower = key.toLowerCase();
    if (!map.has(lower)) map.set(lower, value);
  }
  return map;
}
