// The public verification page a certificate's QR code opens (zh-CN, no login, no script): whether the certificate is
// genuine, and only what is printed on its face anyway — number, title, item, masked holder, issuer, issue date.
import type { CertificateRecord } from '../storage/certificate-queries';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The issue date in China Standard Time (no daylight saving: a fixed +8 h). */
function chinaDay(iso: string): string {
  const day = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f4f6f8; color: #1b1f23; font-size: 18px; }
  main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  .valid { color: #0b6e2e; }
  .invalid { color: #a3161a; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem; }
  dt { color: #4a5560; }
  dd { margin: 0; }
</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}

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
