import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_CJK_FONTS, findCjkFont, renderTestPage } from './test-page';
import { pdfText } from './test-support/pdf-inspection';

describe('A4 test page', () => {
  const font = findCjkFont();

  it('finds a CJK font that exists, and none in an empty list', () => {
    expect(font, `one of ${DEBIAN_CJK_FONTS.map((f) => f.path).join(', ')} (Debian: fonts-noto-cjk)`).toBeDefined();
    expect(findCjkFont([{ path: '/no/such/font.ttf' }])).toBeUndefined();
  });

  it('carries its Chinese text, rare characters included, the details and the ASCII marker', async () => {
    if (!font) return;
    const pdf = await renderTestPage({ font, details: [['打印队列 / queue', 'A4-大厅']], marker: 'KIOSK TEST PAGE 42' });
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-testpage-'));
    try {
      const file = path.join(dir, 'page.pdf');
      await writeFile(file, pdf);
      const text = await pdfText(file);
      expect(text).toContain('政务服务自助终端');
      expect(text).toContain('A4-大厅');
      expect(text).toContain('KIOSK TEST PAGE 42');
      if (font.path.includes('noto')) expect(text).toMatch(/䶮 𠮷/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('embeds a plain TrueType font too (fonts-droid-fallback)', async () => {
    const droid = findCjkFont(DEBIAN_CJK_FONTS.filter((f) => f.path.endsWith('.ttf')));
    if (!droid) return;
    const pdf = await renderTestPage({ font: droid, details: [], marker: 'M' });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});
