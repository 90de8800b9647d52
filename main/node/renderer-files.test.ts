import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererFile } from './renderer-files';

describe('renderer files', () => {
  const root = path.resolve('/srv/renderer');

  it('maps / to index.html and plain paths inside the root', () => {
    expect(resolveRendererFile(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveRendererFile(root, '/assets/app-1.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app-1.js') });
    expect(resolveRendererFile(root, '/%E5%9B%BE.png')).toEqual({ ok: true, file: path.join(root, '图.png') });
  });

  it.each(['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/%2e%2e%2f%2e%2e%2fsecret', '/..'])('refuses %s as outside', (p) => {
    expect(resolveRendererFile(root, p)).toEqual({ ok: false, reason: 'outside' });
  });

  it.each(['/%00', '/index.html%00.js', '/%E0%A4%A'])('refuses %s as malformed', (p) => {
    expect(resolveRendererFile(root, p)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses encoded backslashes, which climb out on Windows (on POSIX too, where the name merely looks like it)', () => {
    expect(resolveRendererFile(root, '/..%5c..%5csecret')).toEqual({ ok: false, reason: 'outside' });
  });

  it('names content types, with a safe default', () => {
    expect(contentTypeFor('a/B.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
  });
});
