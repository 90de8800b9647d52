// The parts of the capture helper that need no real camera: error mapping, label matching, and the open-by-label
// sequence against a stand-in MediaDevices. The real thing runs in Chromium: test/e2e/camera-capture.test.ts.
import { describe, expect, it } from 'vitest';
import { type CameraReport, cameraErrorOf, labelMatches, openCamera } from './camera-capture';

describe('getUserMedia errors', () => {
  it('maps each DOMException name to a typed code, keeping the name and message', () => {
    expect(cameraErrorOf(new DOMException('Permission denied', 'NotAllowedError'))).toEqual({ code: 'permissionDenied', name: 'NotAllowedError', message: 'Permission denied' });
    expect(cameraErrorOf(new DOMException('Requested device not found', 'NotFoundError'))).toMatchObject({ code: 'notFound' });
    expect(cameraErrorOf(new DOMException('Could not start video source', 'NotReadableError'))).toMatchObject({ code: 'notReadable' });
    expect(cameraErrorOf(new DOMException('', 'AbortError'))).toEqual({ code: 'notReadable', name: 'AbortError', message: 'AbortError' });
    expect(cameraErrorOf(new DOMException('insecure', 'SecurityError'))).toMatchObject({ code: 'permissionDenied' });
    expect(cameraErrorOf(new TypeError('At least one of audio and video must be requested'))).toMatchObject({ code: 'unsupported' });
  });

  it('names the constraint an OverconstrainedError is about (it is no DOMException in Chromium)', () => {
    const error = Object.assign(new Error(''), { name: 'OverconstrainedError', constraint: 'width' });
    expect(cameraErrorOf(error)).toEqual({ code: 'overconstrained', name: 'OverconstrainedError', message: 'OverconstrainedError', constraint: 'width' });
  });

  it('copes with things that are not errors at all', () => {
    expect(cameraErrorOf('boom')).toEqual({ code: 'unknown', message: 'boom' });
    expect(cameraErrorOf(null)).toEqual({ code: 'unknown', message: 'null' });
    expect(cameraErrorOf({ name: 'WeirdError' })).toEqual({ code: 'unknown', name: 'WeirdError', message: 'WeirdError' });
  });
});

describe('labels', () => {
  it('match by USB ids when both have them, else by name either way round', () => {
    expect(labelMatches('HD Pro Webcam C920 (046d:082d)', 'HD Pro Webcam C920 (046D:082D)')).toBe(true);
    expect(labelMatches('HD Pro Webcam C920 (046d:082d)', 'HD Pro Webcam C920 (046d:0000)')).toBe(false);
    expect(labelMatches('USB Camera: USB Camera (1bcf:2c99)', 'usb camera')).toBe(true);
    expect(labelMatches('Integrated Camera', 'USB Camera')).toBe(false);
    expect(labelMatches('', 'USB Camera')).toBe(false);
  });
});

/** Minimal stand-ins for MediaStream and its track: only what openCamera touches before a frame is needed. */
function fakeStream(label: string, deviceId: string) {
  const track = {
    label,
    readyState: 'live',
    stopped: false,
    stop() {
      this.stopped = true;
      this.readyState = 'ended';
    },
    getSettings: () => ({ deviceId }),
    addEventListener: () => {},
  };
  return { track, stream: { getVideoTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream };
}

describe('opening a camera', () => {
  it('reports denied permission and returns the typed error', async () => {
    const reports: CameraReport[] = [];
    const mediaDevices = {
      getUserMedia: async () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
      enumerateDevices: async () => [],
    } as unknown as MediaDevices;
    const result = await openCamera({ mediaDevices, onReport: (r) => reports.push(r) });
    expect(result).toEqual({ ok: false, error: { code: 'permissionDenied', name: 'NotAllowedError', message: 'Permission denied' } });
    expect(reports).toEqual([{ permission: 'denied', stream: 'idle' }]);
  });

  it('is unsupported without mediaDevices', async () => {
    expect(await openCamera({ mediaDevices: {} as MediaDevices })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('by label: opens any camera for permission, then the labelled one by exact deviceId, at face-capture size', async () => {
    const integrated = fakeStream('Integrated Camera', 'id-integrated');
    const face = fakeStream('Face Camera (2bdf:0281)', 'id-face');
    const requests: MediaStreamConstraints[] = [];
    const mediaDevices = {
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        requests.push(constraints);
        return requests.length === 1 ? integrated.stream : face.stream;
      },
      enumerateDevices: async () => [
        { kind: 'videoinput', label: 'Integrated Camera', deviceId: 'id-integrated' },
        { kind: 'audioinput', label: 'Face Camera mic', deviceId: 'id-mic' },
        { kind: 'videoinput', label: 'Face Camera (2bdf:0281)', deviceId: 'id-face' },
      ],
    } as unknown as MediaDevices;
    const reports: CameraReport[] = [];
    const result = await openCamera({ mediaDevices, label: 'face camera', onReport: (r) => reports.push(r) });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.deviceId).toBe('id-face');
    expect(result.value.label).toBe('Face Camera (2bdf:0281)');
    expect(integrated.track.stopped).toBe(true);
    expect(requests[1]).toEqual({
      audio: false,
      video: { width: { ideal: 1280, min: 640 }, height: { ideal: 720, min: 480 }, deviceId: { exact: 'id-face' } },
    });
    expect(reports).toEqual([{ permission: 'granted', stream: 'active' }]);
    result.value.stop();
    result.value.stop();
    expect(face.track.stopped).toBe(true);
    expect(reports).toEqual([{ permission: 'granted', stream: 'active' }, { stream: 'idle' }]);
  });

  it('by label: notFound, listing what there is, when no camera has it', async () => {
    const only = fakeStream('Integrated Camera', 'id-integrated');
    const mediaDevices = {
      getUserMedia: async () => only.stream,
      enumerateDevices: async () => [{ kind: 'videoinput', label: 'Integrated Camera', deviceId: 'id-integrated' }],
    } as unknown as MediaDevices;
    expect(await openCamera({ mediaDevices, label: 'Face Camera' })).toEqual({
      ok: false,
      error: { code: 'notFound', message: 'no camera labelled "Face Camera" (found: Integrated Camera)' },
    });
    expect(only.track.stopped).toBe(true);
  });
});
