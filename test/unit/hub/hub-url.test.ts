import { describe, expect, it } from 'vitest';
import { clientConfig, formatHubUrl, parseHubUrl } from '../../../electron/core/hub/hub-url';

describe('hub addresses', () => {
  it('takes the password out of the URL and never writes it back', () => {
    const { address, password } = parseHubUrl('postgres://desk:s%40cret@127.0.0.1:6543/clinic');
    expect(password).toBe('s@cret');
    expect(formatHubUrl(address)).toBe('postgres://desk@127.0.0.1:6543/clinic');
    expect(clientConfig(address, password)).toMatchObject({ host: '127.0.0.1', port: 6543, ssl: false, password: 's@cret' });
  });

  it('requires TLS with certificate verification for any host but loopback', () => {
    const { address } = parseHubUrl('postgresql://desk@db.example.org/clinic');
    expect(clientConfig(address, null).ssl).toEqual({ rejectUnauthorized: true, servername: 'db.example.org' });
    for (const mode of ['disable', 'require', 'prefer', 'no-verify']) {
      expect(() => parseHubUrl(`postgres://desk@db.example.org/clinic?sslmode=${mode}`)).toThrow(
        /only over TLS with its certificate verified/,
      );
    }
    expect(() => parseHubUrl('postgres://desk@db.example.org/clinic?sslmode=verify-full')).not.toThrow();
  });

  it('explains what is wrong with an unusable address', () => {
    expect(() => parseHubUrl('mysql://x@y/z')).toThrow(/must start with postgres:\/\//);
    expect(() => parseHubUrl('postgres://host-only')).toThrow(/needs a user, a host and a database/);
    expect(() => parseHubUrl('not a url')).toThrow(/must look like/);
    expect(() => parseHubUrl('postgres://u@h/d?options=-c')).toThrow(/option ClinicSync does not use: options/);
  });
});
