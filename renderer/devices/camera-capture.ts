// Camera capture in the renderer (design.md, "Device model": pictures are taken with getUserMedia; the Node side only
// tracks presence and permission). Opens a camera by deviceId or label at a face-capture resolution, shows it in a
// <video>, grabs a still as JPEG, and stops every track. Every failure is a typed result, never a thrown DOMException,
// and every change of permission or stream is passed to `onReport` so the UI can forward it to the Node side
// (CameraStatus.updateFromRenderer).
import type { CameraPart } from '../../contracts/device-model';

export type CameraErrorCode =
  /** NotAllowedError / SecurityError: the user or the browser's permission handler said no. */
  | 'permissionDenied'
  /** NotFoundError: no camera at all, or none with the wanted label. */
  | 'notFound'
  /** NotReadableError / AbortError: the camera is there but cannot be started (in use, hardware fault). */
  | 'notReadable'
  /** OverconstrainedError: the camera cannot meet a required constraint (`constraint` names it). */
  | 'overconstrained'
  /** No mediaDevices (insecure origin, old browser) or constraints the browser refuses outright. */
  | 'unsupported'
  /** No picture arrived in time, or the browser would not encode one. */
  | 'noFrame'
  | 'unknown';

export interface CameraError {
  code: CameraErrorCode;
  /** The DOMException name when there was one. */
  name?: string;
  message: string;
  constraint?: string;
}

export type CameraResult<T> = { ok: true; value: T } | { ok: false; error: CameraError };

export type CameraReport = CameraPart;

/** Face comparison wants a sharp, well-sized face: ask for 720p, accept nothing below VGA. */
export const FACE_CAPTURE = { width: 1280, height: 720, minWidth: 640, minHeight: 480 } as const;

export interface OpenCameraOptions {
  /** An exact MediaDeviceInfo.deviceId; wins over `label`. */
  deviceId?: string;
  /** The configured label (kiosk-config `devices.camera.deviceLabel`), matched like the Node side matches it. */
  label?: string;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  /** Told about permission and stream changes, for CameraStatus on the Node side. */
  onReport?: (report: CameraReport) => void;
  /** Defaults to navigator.mediaDevices; a stand-in in unit tests. */
  mediaDevices?: MediaDevices;
}

export interface GrabOptions {
  /** JPEG quality, 0–1. */
  quality?: number;
  /** How long to wait for the first frame. */
  timeoutMs?: number;
}

export interface CameraSession {
  readonly stream: MediaStream;
  readonly deviceId: string | undefined;
  readonly label: string;
  /** Shows the camera in a <video> (muted, inline, playing). */
  attach(video: HTMLVideoElement): Promise<CameraResult<void>>;
  /** A still of the current frame, from the attached <video> or from a detached one made for the purpose. */
  grabJpeg(options?: GrabOptions): Promise<CameraResult<Blob>>;
  /** Stops every track; the camera light goes off. Safe to call twice. */
  stop(): void;
}

const namesByCode: [CameraErrorCode, readonly string[]][] = [
  ['permissionDenied', ['NotAllowedError', 'SecurityError', 'PermissionDeniedError']],
  ['notFound', ['NotFoundError', 'DevicesNotFoundError']],
  ['notReadable', ['NotReadableError', 'TrackStartError', 'AbortError']],
  ['overconstrained', ['OverconstrainedError', 'ConstraintNotSatisfiedError']],
  ['unsupported', ['TypeError', 'NotSupportedError']],
];

/** Maps what getUserMedia rejects with (DOMException, OverconstrainedError, TypeError) to a typed error. */
export function cameraErrorOf(error: unknown): CameraError {
  if (typeof error !== 'object' || error === null) return { code: 'unknown', message: String(error) };
  const { name, message, constraint } = error as { name?: unknown; message?: unknown; constraint?: unknown };
  const errorName = typeof name === 'string' ? name : undefined;
  const code = namesByCode.find(([, names]) => errorName !== undefined && names.includes(errorName))?.[0] ?? 'unknown';
  return {
    code,
    ...(errorName === undefined ? {} : { name: errorName }),
    message: typeof message === 'string' && message !== '' ? message : (errorName ?? 'camera error'),
    ...(code === 'overconstrained' && typeof constraint === 'string' && constraint !== '' ? { constraint } : {}),
  };
}

/**
 * Whether a browser label is the configured one: Chromium on Linux labels a USB camera `Name (vid:pid)`. The ids
 * decide when both have them; otherwise the names, ignoring case, either containing the other.
 */
export function labelMatches(label: string, wanted: string): boolean {
  const idsOf = (text: string) => /\(([0-9a-f]{4}:[0-9a-f]{4})\)\s*$/i.exec(text)?.[1]?.toLowerCase();
  const strip = (text: string) => text.replace(/\s*\([0-9a-f]{4}:[0-9a-f]{4}\)\s*$/i, '').trim().toLowerCase();
  const [a, b] = [idsOf(label), idsOf(wanted)];
  if (a && b) return a === b;
  const [name, target] = [strip(label), strip(wanted)];
  return name !== '' && target !== '' && (name.includes(target) || target.includes(name));
}

function failed<T>(error: CameraError): CameraResult<T> {
  return { ok: false, error };
}

function videoConstraints(options: OpenCameraOptions, deviceId: string | undefined): MediaTrackConstraints {
  return {
    width: { ideal: options.width ?? FACE_CAPTURE.width, min: options.minWidth ?? FACE_CAPTURE.minWidth },
    height: { ideal: options.height ?? FACE_CAPTURE.height, min: options.minHeight ?? FACE_CAPTURE.minHeight },
    ...(deviceId === undefined ? {} : { deviceId: { exact: deviceId } }),
  };
}

export async function openCamera(options: OpenCameraOptions = {}): Promise<CameraResult<CameraSession>> {
  const media = options.mediaDevices ?? (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices);
  if (!media?.getUserMedia) return failed({ code: 'unsupported', message: 'getUserMedia is not available (insecure origin or old browser)' });
  const report = (r: CameraReport): void => options.onReport?.(r);

  const request = async (deviceId: string | undefined): Promise<CameraResult<MediaStream>> => {
    try {
      return { ok: true, value: await media.getUserMedia({ audio: false, video: videoConstraints(options, deviceId) }) };
    } catch (error) {
      const mapped = cameraErrorOf(error);
      if (mapped.code === 'permissionDenied') report({ permission: 'denied', stream: 'idle' });
      return failed(mapped);
    }
  };

  let stream: MediaStream;
  if (options.deviceId !== undefined || options.label === undefined) {
    const opened = await request(options.deviceId);
    if (!opened.ok) return opened;
    stream = opened.value;
  } else {
    const opened = await openByLabel(media, options.label, request);
    if (!opened.ok) return opened;
    stream = opened.value;
  }
  report({ permission: 'granted', stream: 'active' });
  return { ok: true, value: createSession(stream, report) };
}

/**
 * Labels are hidden until the page has camera permission, so a first stream (any camera) is opened to get it; when
 * that is not the wanted camera it is stopped and the wanted one opened by its deviceId.
 */
async function openByLabel(
  media: MediaDevices,
  label: string,
  request: (deviceId: string | undefined) => Promise<CameraResult<MediaStream>>,
): Promise<CameraResult<MediaStream>> {
  const first = await request(undefined);
  if (!first.ok) return first;
  const firstTrack = first.value.getVideoTracks()[0];
  if (firstTrack && labelMatches(firstTrack.label, label)) return first;
  const cameras = (await media.enumerateDevices()).filter((device) => device.kind === 'videoinput');
  for (const track of first.value.getTracks()) track.stop();
  const wanted = cameras.find((device) => labelMatches(device.label, label));
  if (!wanted) {
    const found = cameras.map((device) => device.label || '(unnamed)').join(', ');
    return failed({ code: 'notFound', message: `no camera labelled "${label}" (found: ${found || 'none'})` });
  }
  return request(wanted.deviceId);
}

function createSession(stream: MediaStream, report: (r: CameraReport) => void): CameraSession {
  const track = stream.getVideoTracks()[0];
  let attached: HTMLVideoElement | undefined;
  let detached: HTMLVideoElement | undefined;
  let stopped = false;
  // An unplugged camera ends its track: the stream is over whether or not anyone called stop().
  track?.addEventListener('ended', () => {
    if (!stopped) report({ stream: 'idle' });
  });

  const play = async (video: HTMLVideoElement): Promise<CameraResult<void>> => {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    try {
      await video.play();
      return { ok: true, value: undefined };
    } catch (error) {
      return failed({ ...cameraErrorOf(error), code: 'noFrame' });
    }
  };

  return {
    stream,
    deviceId: track?.getSettings().deviceId,
    label: track?.label ?? '',
    async attach(video) {
      attached = video;
      return play(video);
    },
    async grabJpeg(grab = {}) {
      if (stopped || track?.readyState !== 'live') return failed({ code: 'noFrame', message: 'the camera is stopped' });
      let video = attached;
      if (!video) {
        if (!detached) {
          detached = document.createElement('video');
          const playing = await play(detached);
          if (!playing.ok) return playing;
        }
        video = detached;
      }
      if (!(await firstFrame(video, grab.timeoutMs ?? 5_000))) return failed({ code: 'noFrame', message: 'no picture from the camera in time' });
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d');
      if (!context) return failed({ code: 'unknown', message: 'no 2D canvas context' });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', grab.quality ?? 0.9));
      return blob ? { ok: true, value: blob } : failed({ code: 'noFrame', message: 'the browser could not encode the picture' });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const t of stream.getTracks()) t.stop();
      for (const video of [attached, detached]) if (video) video.srcObject = null;
      report({ stream: 'idle' });
    },
  };
}

/** Resolves true once the video has a decoded frame with a size, false after `timeoutMs`. */
function firstFrame(video: HTMLVideoElement, timeoutMs: number): Promise<boolean> {
  const ready = (): boolean => video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
  if (ready()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean): void => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', check);
      video.removeEventListener('resize', check);
      resolve(value);
    };
    const check = (): void => {
      if (ready()) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    video.addEventListener('loadeddata', check);
    video.addEventListener('resize', check);
  });
}
