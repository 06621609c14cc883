import type { EventName, EventPayload, Runtime } from '../contract';
import type { AppService } from '../core/service';
import { createDispatcher, type Dispatch, type HandlerMap } from './dispatch';

export { createDispatcher, type Dispatch, type HandlerMap } from './dispatch';
export { registerContractIpc, isTrustedSender, originOf, type IpcMainLike, type IpcInvokeEventLike } from './ipc';

/** Where a face delivers events: the Electron window, or every socket of the browser host. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Binds each channel to the service method that answers it. */
export function createHandlers(service: AppService, runtime: Runtime): HandlerMap {
  const { sources, sync, roster, history, settings, schedule, daySheet } = service;
  return {
    'app:info': () => ({ ...service.info(), runtime }),
    'app:notices': () => service.listNotices(),

    'sources:list': () => sources.list(),
    'sources:add': (input) => sources.add(input),
    'sources:update': (input) => sources.update(input),
    'sources:remove': (input) => sources.remove(input.id, input.discardLocalData),
    'sources:test': (input) => sources.test(input),
    'demo:start': () => service.startDemo(),

    'sync:start': async (input) => {
      const { started, refused, fromHub } = await service.clinicSync.start({ sources: input.sources, mode: input.mode, trigger: 'manual' });
      return { started, refused, fromHub };
    },
    'sync:cancel': (input) => ({ cancelled: sync.cancel(input.source) }),
    'sync:status': () => service.status(),
    'schedule:pause': (input) => schedule.setPaused(input.paused),

    'roster:query': (input) => roster.query(input),
    'roster:counts': () => roster.counts(),
    'patients:detail': (input) => roster.detail(input.id),
    'patients:refresh': (input) => roster.refresh(input.id),
    'patients:setOrganizations': (input) => roster.setOrganizations(input.patientId, input.organizationIds),
    'notes:add': (input) => roster.addNote(input.patientId, input.body),
    'notes:update': (input) => roster.updateNote(input.id, input.body),
    'notes:remove': (input) => roster.removeNote(input.id),
    'organizations:list': () => roster.organizations(),
    'organizations:create': (input) => roster.createOrganization(input.name),
    'organizations:rename': (input) => roster.renameOrganization(input.id, input.name),
    'organizations:remove': (input) => roster.removeOrganization(input.id),

    'appointments:day': (input) => daySheet.day(input.date, input.filters),
    'appointments:week': (input) => daySheet.week(input.date, input.source),
    'appointments:export': (input) => daySheet.export(input.date, input.span, input.format, input.filters),
    'appointments:refreshDay': async (input) => {
      const { date, started, refused } = await daySheet.refreshDay(input.date, input.source);
      return { date, started, refused };
    },

    'changes:list': (input) => history.changes(input),
    'changes:setDone': (input) => history.setChangesDone(input.ids, input.done),
    'history:list': (input) => history.runs(input),
    'history:stats': (input) => history.stats(input.source),
    'history:run': (input) => history.run(input.id),
    'history:csv': (input) => history.runsCsv(input.source),
    'activity:recent': (input) => history.activity(input.limit, input.minLevel),

    'settings:get': () => settings.get(),
    'settings:update': (input) => settings.update(input.patch),
    'support:bundle': () => service.supportBundle(),
    'support:check-cache': () => service.checkCache(),

    'hub:status': () => service.hub.status(),
    // A console stays open: once sharing, it follows the other desks (NOTIFY and polling).
    'hub:init': async (input) => {
      const created = await service.hub.init(input);
      await service.watchHub();
      return created;
    },
    'hub:join': async (input) => {
      await service.hub.join(input);
      await service.watchHub();
      return service.hub.status();
    },
    'hub:leave': () => service.hub.leave(),
  };
}

/** Forwards the service's events to a face's sink; returns a function that stops forwarding. */
export function bindEvents(service: AppService, sink: EventSink): () => void {
  const { events } = service;
  const stops = [
    events.on('notice', (notice) => sink('app:notice', notice)),
    events.on('progress', (progress) => sink('sync:progress', progress)),
    events.on('activity', (line) => sink('sync:activity', line)),
    events.on('finished', (run) => sink('sync:finished', run)),
    events.on('scheduleChanged', (status) => sink('schedule:changed', status)),
    events.on('sourcesChanged', () => sink('sources:changed', {})),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Everything a face needs to serve the contract for one service. */
export function serveContract(service: AppService, runtime: Runtime, onInternal: (err: unknown) => void): Dispatch {
  return createDispatcher(createHandlers(service, runtime), onInternal);
}
