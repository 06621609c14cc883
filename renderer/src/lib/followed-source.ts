import type { SourceView } from '@contract';

/**
 * How a source this desk follows through the clinic hub (no API key here) is brought up to date, in
 * calm words: not a problem, since another desk pulls it and this one applies what it publishes.
 * Null for a source this desk pulls itself.
 */
export function followedWords(source: Pick<SourceView, 'followedThroughHub'>): string | null {
  const followed = source.followedThroughHub;
  if (!followed) return null;
  return followed.pulledBy ? `Kept up to date from the clinic hub by ${followed.pulledBy}` : 'Shared through the clinic hub';
}
