import { ZodError } from 'zod';
import {
  channels,
  isChannelName,
  TRANSPORT_ERROR_CODES,
  type ChannelName,
  type ChannelParsedInput,
  type ChannelResult,
  type ContractErrorBody,
  type Envelope,
} from '../contract';
import { UserFacingError } from '../core/errors';

/** The server side of every channel: parsed input in, result out. */
export type HandlerMap = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

export function errorBody(code: string, message: string, details?: unknown): ContractErrorBody {
  return details === undefined ? { code, message } : { code, message, details };
}

/** Maps any thrown value to a wire error: user-facing errors pass through, anything else is opaque. */
export function toErrorBody(err: unknown, onInternal: (err: unknown) => void): ContractErrorBody {
  if (err instanceof UserFacingError) return errorBody(err.code, err.message, err.details);
  if (err instanceof ZodError) {
    return errorBody(TRANSPORT_ERROR_CODES.invalidInput, 'Some of the values sent were not valid.', zodIssues(err));
  }
  onInternal(err);
  return errorBody(TRANSPORT_ERROR_CODES.internal, 'Something went wrong inside ClinicSync. The details were written to its log.');
}

function zodIssues(err: ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * One dispatcher shared by every transport: refuses unknown channels, validates input with the
 * channel's schema, and never lets a stack trace out.
 */
export function createDispatcher(handlers: HandlerMap, onInternal: (err: unknown) => void): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: errorBody(TRANSPORT_ERROR_CODES.unknownChannel, 'That request is not part of ClinicSync.') };
    }
    // A call without input means "no input"; null is a value, and a wrong one.
    const parsed = channels[channel].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      return {
        ok: false,
        error: errorBody(TRANSPORT_ERROR_CODES.invalidInput, 'Some of the values sent were not valid.', zodIssues(parsed.error)),
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: toErrorBody(err, onInternal) };
    }
  };
}
