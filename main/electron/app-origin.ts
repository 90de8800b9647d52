// Who "the app" is: the one origin the shell trusts (app://kiosk). Navigation, permissions and IPC all ask here.
//
// Node's URL gives custom schemes an opaque origin ("null"), unlike Chromium with the scheme registered as standard,
// so the check compares scheme and host instead of `url.origin`.

export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;
/** The renderer build's entry document. */
export const appEntryUrl = `${appOrigin}/index.html`;

/** True when `url` is on the app origin: exactly app://kiosk, no port, no credentials. */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Scheme and host only, for logs: a full URL may carry query data that has no place in a log. */
export function describeOrigin(url: string | null | undefined): string {
  const parsed = parseUrl(url);
  if (parsed === null) return '(unparseable)';
  return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}`;
}

function parseUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
