// The renderer's camera helper (renderer/devices/camera-capture.ts) for real, in Debian's Chromium: bundled with
// esbuild into a tiny page served from 127.0.0.1 (a secure origin, so getUserMedia is allowed), with Chromium's fake
// capture device standing in for a camera — its default test pattern, and the camera simulator's still.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraSimulator } from '../../drivers/camera/camera-simulator';
import type * as CameraCapture from '../../renderer/devices/camera-capture';
import { launchChromium } from './support/chromium';
import { projectRoot } from './support/kiosk-process';

declare global {
  interface Window {
    cameraCapture: typeof CameraCapture;
    reports: CameraCapture.CameraReport[];
  }
}

const FAKE_UI = '--use-fake-ui-for-media-stream';
const FAKE_DEVICE = '--use-fake-device-for-media-stream';

let server: Server;
let origin: string;
const browsers: Browser[] = [];

async function pageIn(args: string[]): Promise<Page> {
  const browser = await launchChromium(args);
  browsers.push(browser);
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => typeof window.cameraCapture?.openCamera === 'function');
  return page;
}

/** Width and height from a JPEG's SOF0/SOF2 marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | undefined {
  for (let at = 2; at + 9 < jpeg.length; ) {
    if (jpeg[at] !== 0xff) return undefined;
    const marker = jpeg[at + 1] as number;
    if (marker === 0xc0 || marker === 0xc2) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return undefined;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(projectRoot, 'renderer/devices/camera-capture.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'cameraCapture',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const page = '<!doctype html><meta charset="utf-8"><title>camera</title><video id="preview"></video><script src="/camera-capture.js"></script>';
  server = createServer((request, response) => {
    const isScript = request.url === '/camera-capture.js';
    response.setHeader('content-type', isScript ? 'text/javascript' : 'text/html; charset=utf-8');
    response.end(isScript ? script : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('camera capture in Chromium', () => {
  it('opens the camera at face-capture size, shows it, grabs a JPEG still, and stops', async () => {
    const page = await pageIn([FAKE_UI, FAKE_DEVICE]);
    const outcome = await page.evaluate(async () => {
      window.reports = [];
      const opened = await window.cameraCapture.openCamera({ onReport: (r) => window.reports.push(r) });
      if (!opened.ok) return { error: opened.error };
      const session = opened.value;
      const video = document.getElementById('preview') as HTMLVideoElement;
      const attached = await session.attach(video);
      const still = await session.grabJpeg({ quality: 0.8 });
      const track = session.stream.getVideoTracks()[0];
      const settings = track?.getSettings();
      session.stop();
      if (!still.ok) return { error: still.error };
      return {
        attached: attached.ok,
        label: session.label,
        width: settings?.width,
        height: settings?.height,
        type: still.value.type,
        bytes: Array.from(new Uint8Array(await still.value.arrayBuffer())),
        trackAfterStop: track?.readyState,
        srcObjectAfterStop: video.srcObject === null,
        reports: window.reports,
      };
    });
    if ('error' in outcome) throw new Error(JSON.stringify(outcome.error));
    const jpeg = Buffer.from(outcome.bytes ?? []);
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect([jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd9]);
    expect(jpeg.length).toBeGreaterThan(5_000);
    expect(jpeg.length).toBeLessThan(2_000_000);
    expect(jpegSize(jpeg)).toEqual({ width: 1280, height: 720 });
    expect(outcome).toMatchObject({ attached: true, label: 'fake_device_0', width: 1280, height: 720, type: 'image/jpeg', trackAfterStop: 'ended', srcObjectAfterStop: true });
    expect(outcome.reports).toEqual([{ permission: 'granted', stream: 'active' }, { stream: 'idle' }]);
  });

  it('grabs a still without a <video> on the page, and opens a camera by its label', async () => {
    const page = await pageIn([FAKE_UI, FAKE_DEVICE]);
    const outcome = await page.evaluate(async () => {
      const opened = await window.cameraCapture.openCamera({ label: 'FAKE_DEVICE_0' });
      if (!opened.ok) return { error: opened.error };
      const still = await opened.value.grabJpeg();
      opened.value.stop();
      const afterStop = await opened.value.grabJpeg();
      return { label: opened.value.label, size: still.ok ? still.value.size : -1, afterStop };
    });
    expect(outcome).toMatchObject({ label: 'fake_device_0', afterStop: { ok: false, error: { code: 'noFrame' } } });
    expect((outcome as { size: number }).size).toBeGreaterThan(5_000);
  });

  it('types the failures: impossible constraints, an unknown device, a label nobody has', async () => {
    const page = await pageIn([FAKE_UI, FAKE_DEVICE]);
    const outcome = await page.evaluate(async () => {
      const { openCamera } = window.cameraCapture;
      return {
        tooBig: await openCamera({ minWidth: 20_000 }),
        unknownId: await openCamera({ deviceId: 'no-such-camera' }),
        unknownLabel: await openCamera({ label: 'Face Camera (2bdf:0281)' }),
      };
    });
    expect(outcome.tooBig).toMatchObject({ ok: false, error: { code: 'overconstrained', name: 'OverconstrainedError', constraint: 'width' } });
    expect(outcome.unknownId).toMatchObject({ ok: false, error: { code: 'overconstrained', constraint: 'deviceId' } });
    expect(outcome.unknownLabel).toEqual({ ok: false, error: { code: 'notFound', message: 'no camera labelled "Face Camera (2bdf:0281)" (found: fake_device_0)' } });
  });

  it('without a camera: a typed notFound (or permissionDenied), reported to the Node side when it is permission', async () => {
    const page = await pageIn([FAKE_UI]);
    const outcome = await page.evaluate(async () => {
      window.reports = [];
      return { result: await window.cameraCapture.openCamera({ onReport: (r) => window.reports.push(r) }), reports: window.reports };
    });
    expect(outcome.result.ok).toBe(false);
    if (outcome.result.ok) return;
    expect(['notFound', 'permissionDenied']).toContain(outcome.result.error.code);
    expect(outcome.result.error.name).toMatch(/^(NotFoundError|NotAllowedError)$/);
    expect(outcome.reports).toEqual(outcome.result.error.code === 'permissionDenied' ? [{ permission: 'denied', stream: 'idle' }] : []);
  });

  it("shows the camera simulator's still through the same path (Chromium plays it as its fake camera)", async () => {
    const page = await pageIn([FAKE_UI, ...new CameraSimulator().chromiumArgs()]);
    const pixels = await page.evaluate(async () => {
      const opened = await window.cameraCapture.openCamera();
      if (!opened.ok) return { error: opened.error };
      const still = await opened.value.grabJpeg({ quality: 0.95 });
      opened.value.stop();
      if (!still.ok) return { error: still.error };
      // Decode the JPEG the helper produced and look at the simulator's colour bars and background.
      const bitmap = await createImageBitmap(still.value);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d');
      context?.drawImage(bitmap, 0, 0);
      const at = (x: number, y: number) => Array.from(context?.getImageData(x, y, 1, 1).data.slice(0, 3) ?? []);
      return { width: bitmap.width, height: bitmap.height, whiteBar: at(40, 12), redBar: at(440, 12), background: at(20, 300) };
    });
    if ('error' in pixels) throw new Error(JSON.stringify(pixels.error));
    expect(pixels).toMatchObject({ width: 640, height: 480 });
    const near = (actual: number[], expected: number[]) => actual.every((v, i) => Math.abs(v - (expected[i] as number)) <= 24);
    expect(near(pixels.whiteBar, [255, 255, 255])).toBe(true);
    expect(near(pixels.redBar, [255, 0, 0])).toBe(true);
    expect(near(pixels.background, [22, 84, 111])).toBe(true);
  });
});
