// The platform's public pages, opened from a phone by a QR code on paper (certificate verification, case progress):
// zh-CN, no login, no script, nothing loaded from elsewhere. Their HTTP headers are `publicPageHeaders`.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A date in China Standard Time (no daylight saving: a fixed +8 h), as 2026年11月22日. */
export function chinaDay(iso: string): string {
  const day = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日`;
}

export const publicPageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  // What a page shows must be the register now, and the page runs nothing and loads nothing.
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-robots-tag': 'noindex',
  'referrer-policy': 'no-referrer',
};

export function publicPage(title: string, body: string): string {
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
  ol { padding-left: 1.2rem; }
  li.done { color: #0b6e2e; }
  li.todo { color: #6a737d; }
</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}
