import { z } from 'zod';
import { defineChannel, defineEvent } from './define';

export type Runtime = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  /** The log folder, for support. */
  logDir: string;
  runtime: Runtime;
  platform: string;
}

export interface AppNotice {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export const appChannels = {
  'app:info': defineChannel<AppInfo>()(z.object({}).strict()),
  'app:notices': defineChannel<AppNotice[]>()(z.object({}).strict()),
};

export const appEvents = {
  'app:notice': defineEvent<AppNotice>(),
};
