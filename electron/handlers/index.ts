import type { EventName, EventPayload, Runtime } from '../contract';
import type { AppService } from '../core/service';
import { createDispatcher, type Dispatch, type HandlerMap } from './dispatch';

export { createDispatcher, type Dispatch, type HandlerMap } from './dispatch';
export { registerContractIpc, isTrustedSender, originOf, type IpcMainLike, type IpcInvokeEventLike } from './ipc';

/** Where a face delivers events: the Electron window, or every socket of the browser host. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Binds each channel to the service method that answers it. */
export function createHandlers(service: AppService, runtime: Runtime): HandlerMap {
  return {
    'app:info': () => ({ ...service.info(), runtime }),
    'app:notices': () => service.listNotices(),
  };
}

/** Forwards the service's events to a face's sink; returns a function that stops forwarding. */
export function bindEvents(service: AppService, sink: EventSink): () => void {
  return service.notices.subscribe((notice) => sink('app:notice', notice));
}

/** Everything a face needs to serve the contract for one service. */
export function serveContract(service: AppService, runtime: Runtime, onInternal: (err: unknown) => void): Dispatch {
  return createDispatcher(createHandlers(service, runtime), onInternal);
}
