import type { ContractErrorBody, Envelope, EventName } from '@contract';

/** How the console reaches the core: Electron IPC in the desktop app, WebSocket in the browser. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** A failed request, with the code and plain-English message the core sent. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(body: ContractErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }
}
