import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeWebContents, fakeElectron, fakeEvent } from '../../test/fakes/electron';
import { installInputLockdown, isBlockedInput } from './input-lockdown';

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('isBlockedInput', () => {
  const locked = { devTools: false };

  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+=', key('=', { control: true })],
    ['Ctrl+-', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['BrowserBack', key('BrowserBack')],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedInput(input, locked)).toBe(true);
  });

  it.each([
    ['a', key('a')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Shift+X', key('X', { shift: true })],
    ['Escape', key('Escape')],
    ['Tab', key('Tab')],
    ['AltGr+Q (Ctrl+Alt on Windows)', key('@', { control: true, alt: true })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedInput(input, locked)).toBe(false);
  });

  it('lets the devtools shortcuts through only with the development flag', () => {
    expect(isBlockedInput(key('F12'), { devTools: true })).toBe(false);
    expect(isBlockedInput(key('I', { control: true, shift: true }), { devTools: true })).toBe(false);
    // Reload stays blocked even for developers: it would reset the kiosk session under them.
    expect(isBlockedInput(key('r', { control: true }), { devTools: true })).toBe(true);
  });
});

describe('installInputLockdown', () => {
  it('prevents blocked keys before the page sees them and resets zoom', () => {
    fakeElectron.reset();
    const contents = new FakeWebContents();
    installInputLockdown(fakeElectron.asReal<WebContents>(contents), { devTools: false });
    const blocked = fakeEvent();
    contents.emit('before-input-event', blocked, { type: 'keyDown', ...key('F5') });
    expect(blocked.defaultPrevented).toBe(true);
    const typed = fakeEvent();
    contents.emit('before-input-event', typed, { type: 'keyDown', ...key('a') });
    expect(typed.defaultPrevented).toBe(false);
    contents.zoomLevel = 3;
    contents.emit('zoom-changed', fakeEvent(), 'in');
    expect(contents.zoomLevel).toBe(0);
  });
});
