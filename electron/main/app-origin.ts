/** The console is served from this custom scheme so file:// and remote origins never get the bridge. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'clinicsync';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
