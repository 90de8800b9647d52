// The A4 certificate as a PDF (pdfkit): the platform's certificate record laid out with an embedded CJK font (pdfkit
// subsets it, so the file stays small) and a vector QR code of the verification URL. The font must cover the holder's
// name: the bundled Noto Sans CJK SC has Extension A and B (䶮, 𠮷); characters it lacks are reported so the caller
// can log them (they print as empty boxes).
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Certificate } from '../../contracts/sync-api';
import type { CjkFont } from '../../drivers/document-printer/test-page';

export interface CertificatePdfInput {
  certificate: Certificate;
  /** What the QR code holds: the public verification page (contracts/certificate-verification.ts). */
  verificationUrl: string;
  terminal: { id: string; name: string };
  font: CjkFont;
}

export interface CertificatePdf {
  pdf: Uint8Array;
  /** Characters of the text the font has no glyph for, as U+XXXX. */
  missingGlyphs: string[];
}

const mm = (value: number): number => (value / 25.4) * 72;

function chinaDay(iso: string): string {
  const [y, m, d] = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${y}年${m}月${d}日`;
}

function missingGlyphs(fontPath: string, postscriptName: string | undefined, texts: readonly string[]): string[] {
  const face = fontkit.openSync(fontPath, postscriptName);
  if (!('hasGlyphForCodePoint' in face)) throw new Error(`${fontPath} is a collection: name the face (postscriptName)`);
  const missing = new Set<string>();
  for (const ch of texts.join('')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code > 0x20 && !face.hasGlyphForCodePoint(code)) missing.add(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...missing];
}

export function renderCertificatePdf(input: CertificatePdfInput): Promise<CertificatePdf> {
  const { certificate: c, font } = input;
  const facts: [string, string][] = [
    ['持证人', c.holderMaskedName],
    ['办理事项', c.itemName],
    ['办件编号', c.caseNumber],
  ];
  const texts = [c.title, c.issuer, c.certificateNumber, ...c.lines, ...facts.flat(), input.terminal.name];
  const missing = missingGlyphs(font.path, font.postscriptName, texts);
  const qr = QRCode.create(input.verificationUrl, { errorCorrectionLevel: 'M' }).modules;

  return new Promise<CertificatePdf>((resolve, reject) => {
    // A small bottom margin: the QR code and the URL sit low on the page, and pdfkit adds a page for text below it.
    const doc = new PDFDocument({ size: 'A4', margins: { top: mm(25), left: mm(25), right: mm(25), bottom: mm(8) }, info: { Title: c.title, Creator: 'gov-kiosk', Subject: c.certificateNumber } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve({ pdf: new Uint8Array(Buffer.concat(chunks)), missingGlyphs: missing }));
    doc.on('error', reject);

    const { width, height } = doc.page;
    const left = mm(25);
    const contentWidth = width - 2 * left;
    doc.lineWidth(1.5).rect(mm(12), mm(12), width - mm(24), height - mm(24)).stroke();
    doc.lineWidth(0.5).rect(mm(14), mm(14), width - mm(28), height - mm(28)).stroke();

    doc.registerFont('cjk', font.path, font.postscriptName);
    doc.font('cjk').fontSize(10).text(`编号：${c.certificateNumber}`, left, mm(22), { width: contentWidth, align: 'right' });
    doc.fontSize(28).text(c.title, left, mm(40), { width: contentWidth, align: 'center', characterSpacing: 4 });
    doc.moveDown(1.5).fontSize(14);
    for (const [label, value] of facts) doc.text(`${label}：${value}`, left, undefined, { width: contentWidth }).moveDown(0.4);
    doc.moveDown(0.6);
    for (const line of c.lines) doc.text(line, left, undefined, { width: contentWidth, lineGap: 4 }).moveDown(0.4);

    // Issuer and date, bottom right above the QR code's row; the QR code bottom left.
    const bottom = height - mm(30);
    const qrSide = mm(32);
    const qrTop = bottom - qrSide;
    const moduleSide = qrSide / (qr.size + 8);
    doc.save().fillColor('black');
    for (let row = 0; row < qr.size; row++) {
      for (let col = 0; col < qr.size; col++) {
        if (qr.get(row, col)) doc.rect(left + (col + 4) * moduleSide, qrTop + (row + 4) * moduleSide, moduleSide, moduleSide);
      }
    }
    doc.fill().restore();
    doc.fontSize(9).text('扫码核验真伪', left, bottom + mm(1), { width: qrSide, align: 'center' });
    doc.fontSize(14).text(`出具单位：${c.issuer}`, left + qrSide + mm(10), qrTop + mm(8), { width: contentWidth - qrSide - mm(10), align: 'right' });
    doc.text(`出具日期：${chinaDay(c.issuedAt)}`, { width: contentWidth - qrSide - mm(10), align: 'right' });
    doc.fontSize(9).text(`本证明由政务服务自助终端打印（${input.terminal.name}，${input.terminal.id}）`, left + qrSide + mm(10), bottom - mm(4), {
      width: contentWidth - qrSide - mm(10),
      align: 'right',
    });
    // In a standard font: PostScript print paths (cups-pdf) keep Latin text extractable, and a person can type it.
    doc.font('Helvetica').fontSize(8).text(input.verificationUrl, left, bottom + mm(6), { width: contentWidth });
    doc.end();
  });
}
