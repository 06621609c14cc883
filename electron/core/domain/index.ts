export * from './source';
export * from './patient';
export * from './appointment';
export * from './practitioner';
export * from './change';
export * from './sync-run';
export * from './activity';
export * from './budget';
