// The A4 test page for installers and staff (`printer test-print`): Chinese text in an embedded CJK font, the queue and
// the time, and one ASCII line in a standard PDF font.
//
// The ASCII line is there because PostScript queues (cups-pdf, most laser printers' drivers) re-encode embedded CID
// fonts without their Unicode map: text extraction of their output finds Latin text in standard fonts, not Chinese.
import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

export interface CjkFont {
  path: string;
  /** The face inside a TrueType/OpenType collection (.ttc); pdfkit needs it for collections. */
  postscriptName?: string;
}

/** Debian's CJK fonts, best first: fonts-noto-cjk (covers Extension B), fonts-droid-fallback. */
export const DEBIAN_CJK_FONTS: readonly CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

/** The first font of the list whose file exists on this machine. */
export function findCjkFont(candidates: readonly CjkFont[] = DEBIAN_CJK_FONTS): CjkFont | undefined {
  return candidates.find((font) => existsSync(font.path));
}

export interface TestPageContent {
  font: CjkFont;
  /** Printed under the title, e.g. queue, device id, server. Keys and values are shown as they are. */
  details: [label: string, value: string][];
  /** The ASCII line; tests look for it in the printed output. */
  marker: string;
  /** Default: now. */
  printedAt?: Date;
}

const TITLE = '政务服务自助终端 · 打印测试页';
const SAMPLE = '本页用于检查 A4 打印机：中文字体、对齐与打印质量。如能清楚阅读本段文字，打印机工作正常。';
const RARE = '生僻字：䶮 𠮷 堃 喆 燊';

/** Renders the test page; rejects when the font cannot be read. */
export function renderTestPage(content: TestPageContent): Promise<Uint8Array> {
  const face = fontkit.openSync(content.font.path, content.font.postscriptName);
  if (!('hasGlyphForCodePoint' in face)) throw new Error(`${content.font.path} is a collection: name the face (postscriptName)`);
  const coversRare = [...RARE].every((ch) => ch === ' ' || ch === '：' || face.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));

  return new Promise<Uint8Array>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Kiosk printer test page', Creator: 'gov-kiosk' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);

    doc.registerFont('cjk', content.font.path, content.font.postscriptName);
    doc.font('cjk').fontSize(22).text(TITLE, { align: 'center' });
    doc.moveDown();
    doc.fontSize(12);
    const printedAt = content.printedAt ?? new Date();
    for (const [label, value] of [...content.details, ['时间 / time', printedAt.toISOString()] as [string, string]]) {
      doc.text(`${label}：${value}`);
    }
    doc.moveDown();
    doc.fontSize(14).text(SAMPLE);
    if (coversRare) doc.moveDown().text(RARE);
    doc.moveDown();
    doc.font('Helvetica').fontSize(12).text(content.marker);
    // A frame 10 mm inside the page edge shows whether the printer crops or shifts the page.
    const inset = (10 / 25.4) * 72;
    doc.lineWidth(0.5).rect(inset, inset, doc.page.width - 2 * inset, doc.page.height - 2 * inset).stroke();
    doc.end();
  });
}
