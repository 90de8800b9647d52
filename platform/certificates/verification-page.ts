// The public verification page a certificate's QR code opens (zh-CN, no login, no script): whether the certificate is
// genuine, and only what is printed on its face anyway — number, title, item, masked holder, issuer, issue date.
import { chinaDay, escapeHtml, publicPage as page } from '../public/public-page';
import type { CertificateRecord } from '../storage/certificate-queries';

export function validCertificatePage(c: CertificateRecord): string {
  const rows: [string, string][] = [
    ['证照编号', c.certificateNumber],
    ['证照名称', c.title],
    ['办理事项', c.itemName],
    ['持证人', c.holderMaskedName],
    ['出具单位', c.issuer],
    ['出具日期', chinaDay(c.issuedAt)],
  ];
  return page(
    '证照核验结果',
    `<h1 class="valid">✔ 核验通过：此证照真实有效</h1>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<p>请核对纸质证照上的编号与持证人是否与本页一致。</p>`,
  );
}

export function invalidCertificatePage(): string {
  return page(
    '证照核验结果',
    `<h1 class="invalid">✘ 核验未通过：未找到此证照</h1>
<p>该核验码无效。此证照可能不是本平台出具的，或二维码已损坏。如有疑问，请联系出具单位。</p>`,
  );
}
