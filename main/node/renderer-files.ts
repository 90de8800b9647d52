// Locating files of the renderer build for the two shells that serve it: Electron's app:// protocol
// (main/electron/app-protocol.ts) and the browser host (main/browser-host/static-files.ts). Node-only, shell-neutral.
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFile = { ok: true; file: string } | { ok: false; reason: 'malformed' | 'outside' };

/**
 * Maps a URL path (still percent-encoded) to a file under `root`. The containment check is lexical, after decoding:
 * "..", encoded separators and backslashes cannot climb out.
 */
export function resolveRendererFile(root: string, urlPathname: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (decoded.includes('\0')) return { ok: false, reason: 'malformed' };
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, `.${decoded === '/' ? '/index.html' : decoded}`);
  const relative = path.relative(absoluteRoot, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, reason: 'outside' };
  return { ok: true, file: target };
}
