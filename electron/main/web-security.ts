import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/security/static-path';
import { isNavigationAllowed } from './navigation-policy';
import { openExternalSafely, type ShellLike } from './open-external';

/** Deny-by-default: the console needs no camera, microphone, notifications-from-web or the like. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from the app and no new windows; vendor links go to the user's browser. */
export function lockDownContents(contents: WebContents, shell: ShellLike): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Every response the window loads carries the console's CSP, whatever served it. */
export function enforceContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
