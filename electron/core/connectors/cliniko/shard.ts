const SHARD = /^\w{2}\d{1,2}$/i;
const LEGACY_SHARD = 'au1';

/**
 * The shard a Cliniko key belongs to: its last `-` segment when that looks like a shard (au2, uk1 …),
 * else au1, where keys without a suffix come from.
 */
export function shardFromKey(apiKey: string): string {
  const dash = apiKey.lastIndexOf('-');
  const suffix = dash < 0 ? '' : apiKey.slice(dash + 1);
  return SHARD.test(suffix) ? suffix.toLowerCase() : LEGACY_SHARD;
}

export function clinikoBaseUrl(shard: string): string {
  return `https://api.${shard}.cliniko.com/v1`;
}
