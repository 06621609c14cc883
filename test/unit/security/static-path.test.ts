import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../../electron/core/security/static-path';

const ROOT = '/srv/console';

describe('static path guard', () => {
  it('maps request paths to files inside the console folder', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe('/srv/console/index.html');
    expect(resolveStaticPath(ROOT, '/assets/index.js?v=1')).toBe('/srv/console/assets/index.js');
    expect(resolveStaticPath(ROOT, '/assets/a%20b.css')).toBe('/srv/console/assets/a b.css');
  });

  it('refuses every way out of the folder', () => {
    for (const path of [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/..%2fsecret',
      '/..%5csecret',
      '/assets\\..\\..\\secret',
      '/index.html%00.png',
      '/%E0%A4%A',
      '//etc/passwd/../../../etc/passwd',
    ]) {
      const resolved = resolveStaticPath(ROOT, path);
      expect(resolved === null || resolved.startsWith('/srv/console/'), path).toBe(true);
      if (resolved) expect(resolved, path).not.toMatch(/secret|passwd/);
    }
  });
});
