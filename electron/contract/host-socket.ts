/**
 * The browser console's WebSocket, as both ends see it: how the page proves it holds the per-launch
 * token, and the close codes the host uses to say why it ended a connection.
 */

/** The protocol the page asks for; the host answers with it. */
export const HOST_SUBPROTOCOL = 'clinicsync.v1';

/**
 * The token travels as a second offered subprotocol (`clinicsync.token.<token>`): browsers let a page
 * set no other header on a socket, and unlike a cookie it is never sent to another server on 127.0.0.1.
 */
export const TOKEN_SUBPROTOCOL_PREFIX = 'clinicsync.token.';

export function socketProtocols(token: string): string[] {
  return [HOST_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`];
}

/** Why the host closed a socket (1000–1015 are the WebSocket standard's, 4000–4999 are ClinicSync's). */
export const HOST_CLOSE = {
  /** A message that is not a request of this protocol. */
  malformed: 1003,
  /** The host is at its limit of open consoles; try again after closing one. */
  tooManyConnections: 1013,
  /** No token, or not this launch's token: the link is incomplete or out of date. */
  tokenRefused: 4401,
  /** More requests than a console ever sends: a runaway or hostile client. */
  tooManyRequests: 4429,
} as const;
