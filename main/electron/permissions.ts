// Permission policy: Electron grants every permission by default. The kiosk needs exactly one, the camera and
// microphone ('media') for face verification and document capture, and only for its own page.
import type { Session } from 'electron';
import { describeOrigin, isAppUrl } from './app-origin';
import type { ShellLogger } from './shell-logger';

const grantableMediaTypes: ReadonlySet<string> = new Set(['video', 'audio']);

/** The whole policy as a pure function: 'media' for the app origin, nothing for anyone else. */
export function mayGrantPermission(permission: string, origin: string | undefined, mediaTypes: readonly string[] = []): boolean {
  return permission === 'media' && isAppUrl(origin) && mediaTypes.every((type) => grantableMediaTypes.has(type));
}

/** Installs both handlers: requests (getUserMedia prompts) and checks (e.g. enumerateDevices labels). */
export function installPermissionPolicy(session: Session, logger: ShellLogger): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    // Prefer the requesting frame's URL; fall back to the page when Electron does not give one.
    const origin = details.requestingUrl || contents.getURL();
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const granted = mayGrantPermission(permission, origin, mediaTypes);
    if (!granted) logger.warn({ permission, origin: describeOrigin(origin) }, 'permission request denied');
    callback(granted);
  });

  // Checks are frequent and silent in Chromium, so denials are not logged.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : [];
    return (
      mayGrantPermission(permission, requestingOrigin, mediaTypes) &&
      (details.securityOrigin === undefined || isAppUrl(details.securityOrigin))
    );
  });
}
