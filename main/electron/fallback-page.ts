// The page shown when the renderer cannot be brought back (see renderer-recovery.ts).
//
// It lives in the shell's bundle as a string and is served from memory by the app:// handler, so it still works when
// the renderer build on disk is missing or corrupt, which is one of the failures it exists for. Served on the app
// origin it gets the same CSP header and navigation rules as the app; it needs no script and runs none.

/** Under a prefix the renderer build does not use, so a renderer file can never shadow it. */
export const fallbackPagePath = '/__shell/fallback.html';

export const fallbackPageHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务暂时不可用 / Service temporarily unavailable</title>
<style>
  html, body { margin: 0; height: 100%; }
  body {
    display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2rem;
    background: #f4f6f9; color: #1f2a37; text-align: center; cursor: default; user-select: none;
    font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  }
  h1 { font-size: 4rem; margin: 0; }
  p { font-size: 2rem; margin: 0; line-height: 1.5; }
  .en { color: #4b5563; }
</style>
</head>
<body>
  <h1>服务暂时不可用</h1>
  <p>请稍后再试，或联系现场工作人员。</p>
  <h1 class="en" lang="en">Service temporarily unavailable</h1>
  <p class="en" lang="en">Please try again later, or ask a member of staff for help.</p>
</body>
</html>
`;
