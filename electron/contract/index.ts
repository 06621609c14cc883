export * from './define';
export * from './errors';
export * from './channels';
export * from './bridge';
export * from './app';
export * from './sources';
export * from './sync';
export * from './roster';
export * from './appointments';
export * from './changes';
export * from './history';
export * from './settings';
export * from './hub';
/** The domain's records, statuses and views, for the renderer (pure values and types, no behaviour). */
export * from '../core/domain';
export * from './host-socket';
