// The Content-Security-Policy of every page the kiosk serves, in one place so both shells send the same header:
// the Electron shell's app:// protocol (main/electron/app-protocol.ts) and the browser host's HTTP server.
//
// Environment-neutral (a string, no imports). 'self' also matches ws:/wss: on the same host under CSP Level 3, which
// the browser host's WebSocket needs. Inline styles stay allowed because React style props and the fallback page use
// them; inline and eval'd scripts do not.
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
