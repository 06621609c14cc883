export * from './schedule-settings';
export * from './slots';
export * from './slots-left';
export * from './cron-expressions';
export * from './decide';
export * from './describe-schedule';
export * from './scheduler';
export { readableTime } from './wording';
export * from './retry';
