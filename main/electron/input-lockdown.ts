// Swallows the browser shortcuts Electron can see (reload, devtools, close, zoom, print, history). The OS blocks the
// rest (Alt+Tab, Ctrl+Alt+Del): an app cannot. Text editing keys stay, forms need them; so do the keys a barcode
// reader in keyboard mode types.
import type { Input, WebContents } from 'electron';

type KeyInput = Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

const alwaysBlockedKeys: ReadonlySet<string> = new Set([
  'F5', 'F11', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites',
  'BrowserStop', 'Print', 'Help',
]);
/** With Ctrl (or Cmd): reload, close, quit, new window/tab, print, save, open, find, view source, history, zoom. */
const blockedWithCtrl: ReadonlySet<string> = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'f', 'g', 'u', 'h', 'j', 'l', '=', '+', '-', '_', '0', 'F4']);
/** With Alt: close window, history back/forward, home. */
const blockedWithAlt: ReadonlySet<string> = new Set(['F4', 'ArrowLeft', 'ArrowRight', 'Home']);
const devToolsKeys: ReadonlySet<string> = new Set(['i', 'j', 'c']);

export function isBlockedInput(input: KeyInput, options: { devTools: boolean }): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = input.control || input.meta;
  if (key === 'F12' || (ctrl && input.shift && devToolsKeys.has(key)) || (input.meta && input.alt && key === 'i')) {
    return !options.devTools;
  }
  if (alwaysBlockedKeys.has(key)) return true;
  if (ctrl && blockedWithCtrl.has(key)) return true;
  if (input.alt && !ctrl && blockedWithAlt.has(key)) return true;
  return false;
}

export function installInputLockdown(contents: WebContents, options: { devTools: boolean }): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input, options)) event.preventDefault();
  });
  // Ctrl+wheel zoom: the UI has its own large-print mode, browser zoom would only break the layout.
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
}
