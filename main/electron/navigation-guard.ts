// Keeps every web contents on the app: no navigation away, no new windows, no <webview>.
//
// The renderer is a single-page app: its route changes are same-document navigations, which Electron does not even
// report through will-navigate. So a will-navigate is by itself suspicious and is denied unless it only changes the
// fragment of an app page. The shell's own loads (loadURL) do not pass through these events.
import type { WebContents } from 'electron';
import { describeOrigin, isAppUrl } from './app-origin';
import type { ShellLogger } from './shell-logger';

/** Whether the main frame may go from `currentUrl` to `targetUrl`: only an in-page move on the app origin. */
export function isAllowedNavigation(currentUrl: string, targetUrl: string): boolean {
  if (!isAppUrl(currentUrl) || !isAppUrl(targetUrl)) return false;
  const current = new URL(currentUrl);
  const target = new URL(targetUrl);
  return current.pathname === target.pathname && current.search === target.search;
}

export function installNavigationGuard(contents: WebContents, logger: ShellLogger): void {
  const deny = (what: string, url: string) => logger.warn({ what, target: describeOrigin(url) }, 'navigation blocked');

  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(contents.getURL(), event.url)) return;
    event.preventDefault();
    deny('will-navigate', event.url);
  });

  // Subframes (an iframe the app might embed) may load app pages only; the main frame is handled above.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAppUrl(event.url)) return;
    event.preventDefault();
    deny('will-frame-navigate', event.url);
  });

  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deny('will-redirect', event.url);
  });

  contents.setWindowOpenHandler(({ url }) => {
    deny('window-open', url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    deny('will-attach-webview', params['src'] ?? '');
  });
}
