import type { z } from 'zod';

/**
 * A request channel: its zod input schema and, as a phantom type, its result. Defined once here and
 * derived everywhere else (IPC bridge, browser host, renderer client).
 */
export interface ChannelDef<Input extends z.ZodType, Result> {
  readonly input: Input;
  /** Never set at runtime; carries the result type. */
  readonly result?: Result;
}

export function defineChannel<Result>() {
  return <Input extends z.ZodType>(input: Input): ChannelDef<Input, Result> => ({ input });
}

/** An event pushed from the core to the renderer; the payload type is phantom. */
export interface EventDef<Payload> {
  readonly payload?: Payload;
}

export function defineEvent<Payload>(): EventDef<Payload> {
  return {};
}
