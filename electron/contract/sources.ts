import { z } from 'zod';
import { SOURCE_KINDS, type ConnectionTestResult, type SourceRemovalResult, type SourceView } from '../core/domain';
import { defineChannel } from './define';
import { displayName, empty, sourceId, text } from './limits';

/** An API base: https anywhere, plain http only on this computer (the emulated demo practice). */
const baseUrl = z
  .url({ error: 'API address must be a full URL such as https://api.au1.cliniko.com/v1.' })
  .max(300)
  .refine(
    (url) => {
      // zod runs refinements even after z.url() failed: an unparsable address must not throw here.
      if (!URL.canParse(url)) return false;
      const { protocol, hostname } = new URL(url);
      return protocol === 'https:' || (protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname));
    },
    { error: 'API address must use https (plain http is allowed only for 127.0.0.1).' },
  );

const apiKey = text('API key', 500);
const kind = z.enum(SOURCE_KINDS, { error: 'Kind must be cliniko or intakeq.' });

export const sourceChannels = {
  'sources:list': defineChannel<SourceView[]>()(empty),
  'sources:add': defineChannel<SourceView>()(
    z.object({ kind, name: displayName('Name', 80), apiKey, baseUrl: baseUrl.nullable().default(null) }).strict(),
  ),
  'sources:update': defineChannel<SourceView>()(
    z
      .object({ id: sourceId, name: displayName('Name', 80).optional(), baseUrl: baseUrl.nullable().optional(), apiKey: apiKey.optional() })
      .strict(),
  ),
  'sources:remove': defineChannel<SourceRemovalResult>()(z.object({ id: sourceId, discardLocalData: z.boolean().default(false) }).strict()),
  /** Tests a saved source (its stored key, at a proposed address when given), or a key before it is saved. */
  'sources:test': defineChannel<ConnectionTestResult>()(
    z.union([
      z.object({ id: sourceId, baseUrl: baseUrl.nullable().optional() }).strict(),
      z.object({ kind, apiKey, baseUrl: baseUrl.nullable().default(null) }).strict(),
    ]),
  ),
  /** Starts the built-in emulated practice, adds it as a source and syncs it. */
  'demo:start': defineChannel<SourceView>()(empty),
};
