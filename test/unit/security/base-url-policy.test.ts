import { describe, expect, it } from 'vitest';
import { BaseUrlPolicy, hostOf, isNonPublicAddress, type HostLookup } from '../../../electron/core/security/base-url-policy';

const zone: Record<string, string[]> = {
  'api.au1.cliniko.com': ['52.62.1.10'],
  'metadata.attacker.example': ['169.254.169.254'],
  'split.attacker.example': ['52.62.1.11', '10.1.2.3'],
  'v6.attacker.example': ['fe80::1'],
};
const lookup: HostLookup = async (hostname) => {
  const found = zone[hostname];
  if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};
const policy = new BaseUrlPolicy({ allowPrivate: false, lookup });
const outcome = (url: string | null) =>
  policy.check(url).then(
    () => 'ok',
    (err: { code: string }) => err.code,
  );

describe('BaseUrlPolicy', () => {
  it('accepts public API servers, the vendor default and plain 127.0.0.1', async () => {
    expect(await outcome('https://api.au1.cliniko.com/v1')).toBe('ok');
    expect(await outcome(null)).toBe('ok');
    expect(await outcome('http://127.0.0.1:4010/v1')).toBe('ok');
  });

  it('refuses a name that resolves to a private, link-local or metadata address — any of its addresses', async () => {
    expect(await outcome('https://metadata.attacker.example/latest')).toBe('base_url_not_public');
    expect(await outcome('https://split.attacker.example/v1')).toBe('base_url_not_public');
    expect(await outcome('https://v6.attacker.example/v1')).toBe('base_url_not_public');
  });

  it('leaves a name that does not resolve to fail when used (there is nowhere to send the key)', async () => {
    expect(await outcome('https://nowhere.example/v1')).toBe('ok');
  });

  it('says which address was refused and how to allow it', async () => {
    await expect(policy.check('https://metadata.attacker.example/latest')).rejects.toThrow(
      /resolves to 169\.254\.169\.254.*CLINICSYNC_ALLOW_PRIVATE_API_HOSTS=1/,
    );
  });

  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.2',
      '10.9.9.9',
      '172.31.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.127.0.1',
      '::1',
      'fc00::5',
      '::ffff:7f00:1',
      '224.0.0.1',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ['52.62.1.10', '8.8.8.8', '172.32.0.1', '2606:4700::1111']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });

  it('compares hosts with their ports', () => {
    expect(hostOf('https://API.example.com/v1')).toBe('api.example.com');
    expect(hostOf('http://127.0.0.1:4010/v1')).not.toBe(hostOf('http://127.0.0.1:4011/v1'));
    expect(hostOf(null)).toBeNull();
  });
});
