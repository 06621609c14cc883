import type { z } from 'zod';
import type { ChannelDef, EventDef } from './define';
import { appChannels, appEvents } from './app';
import { appointmentChannels } from './appointments';
import { changeChannels } from './changes';
import { historyChannels } from './history';
import { hubChannels } from './hub';
import { rosterChannels } from './roster';
import { settingsChannels } from './settings';
import { sourceChannels } from './sources';
import { syncChannels, syncEvents } from './sync';

/** Every request channel, by `domain:action` name. Areas add their maps here. */
export const channels = {
  ...appChannels,
  ...sourceChannels,
  ...syncChannels,
  ...rosterChannels,
  ...appointmentChannels,
  ...changeChannels,
  ...historyChannels,
  ...settingsChannels,
  ...hubChannels,
};

/** Every event pushed from the core to the renderer. */
export const events = {
  ...appEvents,
  ...syncEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

type InputOf<D> = D extends ChannelDef<infer I, unknown> ? z.input<I> : never;
type ParsedInputOf<D> = D extends ChannelDef<infer I, unknown> ? z.output<I> : never;
type ResultOf<D> = D extends ChannelDef<z.ZodType, infer R> ? R : never;
type PayloadOf<D> = D extends EventDef<infer P> ? P : never;

export type ChannelInput<C extends ChannelName> = InputOf<Channels[C]>;
export type ChannelParsedInput<C extends ChannelName> = ParsedInputOf<Channels[C]>;
export type ChannelResult<C extends ChannelName> = ResultOf<Channels[C]>;
export type EventPayload<E extends EventName> = PayloadOf<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
