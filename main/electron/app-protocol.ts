// The app:// protocol: the renderer build is served from app://kiosk/ instead of file://, so the page has a real,
// narrow origin (CSP 'self', permissions and IPC checks can name it) and cannot read the rest of the disk.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../common/content-security-policy';
import { contentTypeFor, resolveRendererFile } from '../node/renderer-files';
import { appHost, appScheme } from './app-origin';
import { fallbackPageHtml, fallbackPagePath } from './fallback-page';

/**
 * Registers app:// as a standard, secure scheme. Electron accepts this only before the app is ready, so the entry
 * calls it at start-up. Standard gives real origins and relative URLs, secure makes it a secure context
 * (getUserMedia needs one), stream lets media elements play audio/video without buffering whole files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Installs the handler; needs the app to be ready. */
export function serveAppProtocol(options: AppRequestHandlerOptions): void {
  protocol.handle(appScheme, createAppRequestHandler(options));
}

export interface AppRequestHandlerOptions {
  /** The built renderer (dist/renderer); nothing outside it is ever served. */
  rendererDir: string;
}

const entryPaths = new Set(['/', '/index.html']);

/**
 * Maps an app:// request to a file under `rendererDir`. A pure function of the request and the disk (no Electron),
 * so it is tested directly.
 */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.rendererDir);

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad Request');
    }
    if (url.host !== appHost) return plain(404, 'Not Found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const head = request.method === 'HEAD';

    if (url.pathname === fallbackPagePath) return file(fallbackPageHtml, 'text/html; charset=utf-8', head);

    const resolved = resolveRendererFile(root, url.pathname);
    if (!resolved.ok) return resolved.reason === 'malformed' ? plain(400, 'Bad Request') : plain(403, 'Forbidden');
    const target = resolved.file;

    let body: Buffer;
    try {
      body = await readFile(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        // A missing entry document means a broken install: fail the load so did-fail-load starts the recovery,
        // instead of showing a white 404 that nothing notices.
        return entryPaths.has(url.pathname) ? Response.error() : plain(404, 'Not Found');
      }
      return entryPaths.has(url.pathname) ? Response.error() : plain(500, 'Internal Server Error');
    }
    return file(body, contentTypeFor(target), head);
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Files change only with an update; revalidating every load keeps a half-updated cache from mixing versions.
    'Cache-Control': 'no-cache',
  };
}

function file(body: Buffer | string, contentType: string, head: boolean): Response {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Response(head ? null : new Uint8Array(bytes), {
    status: 200,
    headers: { ...securityHeaders(), 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength) },
  });
}

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}
