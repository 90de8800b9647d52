import { session } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeWebContents, fakeElectron } from '../../test/fakes/electron';
import { recordingLogger } from '../../test/contract/kiosk-api-contract-suite';
import { installPermissionPolicy, mayGrantPermission } from './permissions';

describe('mayGrantPermission', () => {
  it('grants camera and microphone to the app origin', () => {
    expect(mayGrantPermission('media', 'app://kiosk/index.html', ['video'])).toBe(true);
    expect(mayGrantPermission('media', 'app://kiosk', ['audio', 'video'])).toBe(true);
    expect(mayGrantPermission('media', 'app://kiosk/')).toBe(true);
  });

  it.each(['https://evil.example/', 'app://evil/', 'file:///index.html', 'null', '', undefined])(
    'denies media to %s',
    (origin) => {
      expect(mayGrantPermission('media', origin, ['video'])).toBe(false);
    },
  );

  it.each(['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen'])(
    'denies %s even to the app origin',
    (permission) => {
      expect(mayGrantPermission(permission, 'app://kiosk/index.html')).toBe(false);
    },
  );
});

describe('installPermissionPolicy', () => {
  let logger: ReturnType<typeof recordingLogger>;
  let contents: FakeWebContents;

  beforeEach(async () => {
    fakeElectron.reset();
    logger = recordingLogger();
    installPermissionPolicy(session.defaultSession, { ...logger, info: () => {} });
    contents = new FakeWebContents();
    await contents.loadURL('app://kiosk/index.html');
  });

  it('installs both a request and a check handler', () => {
    expect(fakeElectron.session.permissionRequestHandler).not.toBeNull();
    expect(fakeElectron.session.permissionCheckHandler).not.toBeNull();
  });

  it('grants a camera request from the app page and denies one from a foreign page', async () => {
    expect(await fakeElectron.session.requestPermission(contents, 'media', { mediaTypes: ['video'] })).toBe(true);
    await contents.loadURL('https://evil.example/');
    expect(await fakeElectron.session.requestPermission(contents, 'media', { mediaTypes: ['video'] })).toBe(false);
    expect(logger.entries).toEqual([
      expect.objectContaining({ level: 'warn', fields: { permission: 'media', origin: 'https://evil.example' } }),
    ]);
  });

  it('judges the requesting frame, not the page around it', async () => {
    const fromForeignFrame = await fakeElectron.session.requestPermission(contents, 'media', {
      requestingUrl: 'https://evil.example/frame',
      isMainFrame: false,
    });
    expect(fromForeignFrame).toBe(false);
  });

  it('denies every other permission request', async () => {
    expect(await fakeElectron.session.requestPermission(contents, 'geolocation')).toBe(false);
    expect(await fakeElectron.session.requestPermission(contents, 'notifications')).toBe(false);
  });

  it('answers checks the same way', () => {
    const check = fakeElectron.session.checkPermission.bind(fakeElectron.session);
    expect(check(contents, 'media', 'app://kiosk', { mediaType: 'video', securityOrigin: 'app://kiosk/' })).toBe(true);
    expect(check(contents, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check(contents, 'media', 'app://kiosk', { securityOrigin: 'https://evil.example/' })).toBe(false);
    expect(check(null, 'geolocation', 'app://kiosk')).toBe(false);
  });
});
