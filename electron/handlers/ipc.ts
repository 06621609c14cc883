import { IPC_INVOKE, TRANSPORT_ERROR_CODES, type Envelope } from '../contract';
import { errorBody, type Dispatch } from './dispatch';

/** The part of an IPC invoke event the sender check needs. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain the contract needs, so registration runs in plain Node tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** True when the sender is the top-level frame of a page served from the app's own origin. */
export function isTrustedSender(event: IpcInvokeEventLike, appOrigin: string): boolean {
  const frame = event?.senderFrame;
  if (!frame || frame.parent || typeof frame.url !== 'string') return false;
  return originOf(frame.url) === appOrigin;
}

/**
 * `scheme://host` of a URL; unlike URL#origin this is also defined for custom schemes such as app://.
 * A URL with credentials in it (`app://x@clinicsync/`) has no origin here: the app never uses one.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host || parsed.username || parsed.password) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** Carries every contract call over one IPC channel; returns a function that unregisters it. */
export function registerContractIpc(ipcMain: IpcMainLike, dispatch: Dispatch, appOrigin: string): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel, input): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, appOrigin)) {
      return {
        ok: false,
        error: errorBody(TRANSPORT_ERROR_CODES.untrustedSender, 'Request refused: it did not come from the ClinicSync window.'),
      };
    }
    return dispatch(channel, input);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}
