import { beforeEach, describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents, fakeElectron, fakeEvent } from '../../test/fakes/electron';
import { recordingLogger } from '../../test/contract/kiosk-api-contract-suite';
import { installNavigationGuard, isAllowedNavigation } from './navigation-guard';

describe('isAllowedNavigation', () => {
  const here = 'app://kiosk/index.html?lang=zh#/start';

  it('allows only a fragment change on the current app page', () => {
    expect(isAllowedNavigation(here, 'app://kiosk/index.html?lang=zh#/services')).toBe(true);
    expect(isAllowedNavigation(here, 'app://kiosk/index.html?lang=zh')).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:3000/',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'javascript:alert(1)',
    'app://evil/index.html',
    'app://kiosk@evil.example/index.html',
    'app://kiosk/other.html',
    'app://kiosk/index.html?lang=en',
    'about:blank',
    'not a url',
  ])('denies %s', (target) => {
    expect(isAllowedNavigation(here, target)).toBe(false);
  });

  it('denies everything when the current page is not the app', () => {
    expect(isAllowedNavigation('https://evil.example/', 'app://kiosk/index.html')).toBe(false);
  });
});

describe('installNavigationGuard', () => {
  let contents: FakeWebContents;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    fakeElectron.reset();
    contents = new FakeWebContents();
    await contents.loadURL('app://kiosk/index.html');
    logger = recordingLogger();
    installNavigationGuard(fakeElectron.asReal<WebContents>(contents), { ...logger, info: () => {} });
  });

  it('prevents will-navigate to a foreign origin, parsed with a real URL parser, and logs only the origin', () => {
    const event = fakeEvent({ url: 'https://evil.example/phish?id=110101199003078515', isMainFrame: true });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain('110101199003078515');
    expect(logger.entries[0]?.fields).toEqual({ what: 'will-navigate', target: 'https://evil.example' });
  });

  it('prevents a full-document navigation even within the app', () => {
    const event = fakeEvent({ url: 'app://kiosk/other.html', isMainFrame: true });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('lets an in-page app navigation through', () => {
    const event = fakeEvent({ url: 'app://kiosk/index.html#/services', isMainFrame: true });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(false);
  });

  it('prevents a subframe from loading a foreign page but allows app subframes', () => {
    const foreign = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', foreign);
    expect(foreign.defaultPrevented).toBe(true);
    const own = fakeEvent({ url: 'app://kiosk/help.html', isMainFrame: false });
    contents.emit('will-frame-navigate', own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('prevents a redirect off the app', () => {
    const event = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', event, event.url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window, even to the app itself', () => {
    expect(contents.simulateWindowOpen('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.simulateWindowOpen('app://kiosk/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });
});
