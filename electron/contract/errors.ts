/** What every failed request looks like on the wire: never a stack trace. */
export interface ContractErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Codes the transport itself produces; handlers add their own (e.g. the connector error kinds). */
export const TRANSPORT_ERROR_CODES = {
  unknownChannel: 'unknown_channel',
  invalidInput: 'invalid_input',
  untrustedSender: 'untrusted_sender',
  internal: 'internal',
} as const;

/** Every response is an envelope, so errors survive any transport unchanged. */
export type Envelope<Result> = { ok: true; value: Result } | { ok: false; error: ContractErrorBody };
