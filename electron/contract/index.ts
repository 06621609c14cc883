export * from './define';
export * from './errors';
export * from './channels';
export * from './bridge';
export * from './app';
