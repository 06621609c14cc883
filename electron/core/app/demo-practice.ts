import type { SourceKind } from '../domain';

/** The id of the built-in emulated practice, whatever address it answers on this time. */
export const DEMO_SOURCE_ID = 'demo';

/**
 * The built-in emulated practice ("Explore with the demo practice"). The faces supply it from the
 * emulators, which the core may not import; it starts on demand and answers on a new port each launch.
 */
export interface DemoPractice {
  readonly kind: SourceKind;
  readonly name: string;
  ensureRunning(): Promise<{ baseUrl: string; apiKey: string }>;
  close(): Promise<void>;
}
