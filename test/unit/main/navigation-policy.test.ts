import { describe, expect, it, vi } from 'vitest';
import { isExternalUrlAllowed, isNavigationAllowed } from '../../../electron/main/navigation-policy';
import { openExternalSafely } from '../../../electron/main/open-external';

describe('navigation and external links', () => {
  it('keeps navigation inside the app origin', () => {
    expect(isNavigationAllowed('app://clinicsync/index.html')).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://clinicsync.evil/', 'javascript:alert(1)', 'not a url']) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('opens only https links to the vendors’ own sites', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    expect(await openExternalSafely(shell, 'https://acme.au1.cliniko.com/appointments/1/connect')).toBe(true);
    expect(await openExternalSafely(shell, 'https://support.intakeq.com/article/204')).toBe(true);
    for (const url of [
      'http://cliniko.com/',
      'https://cliniko.com.evil.example/',
      'https://evilcliniko.com/',
      'file:///etc/passwd',
      'smb://share/x',
      'https://user:pass@cliniko.com/',
      'javascript:alert(1)',
    ]) {
      expect(isExternalUrlAllowed(url), url).toBe(false);
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(2);
  });
});
