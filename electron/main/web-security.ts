import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/security/static-path';
import { isNavigationAllowed } from './navigation-policy';
import { openExternalSafely, type ShellLike } from './open-external';

/** Deny-by-default: the console needs no camera, microphone, notifications-from-web, USB/HID or the like. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** No navigation away from the app (main frame or any sub-frame) and no new windows; vendor links go to the user's browser. */
export function lockDownContents(contents: WebContents, shell: ShellLike): void {
  // `details.url` rather than the deprecated positional url argument.
  contents.on('will-navigate', (details) => {
    if (!isNavigationAllowed(details.url)) details.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!isNavigationAllowed(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (details) => {
    if (!isNavigationAllowed(details.url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Every response the window loads carries the console's CSP, and only it, whatever served it. */
export function enforceContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => !/^content-security-policy(-report-only)?$/i.test(name)),
    );
    // Electronegativity cannot read a policy held in a constant and reports it as unparsable; the
    // policy is CONTENT_SECURITY_POLICY (default-src 'none'; script-src 'self'; …), pinned by tests.
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }); // eng-disable CSP_GLOBAL_CHECK: a strict constant, see above
  });
}
