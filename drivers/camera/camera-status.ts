// The camera as the Node side sees it. Pictures are taken in the renderer (getUserMedia); Node knows whether a camera
// is plugged in (polled, so a replugged camera recovers by itself) and keeps what the renderer reports about
// permission and the stream, so staff screens and ops see one status like every other device's.
//
//   camera present            → common.device online
//   never seen since start    → noDevice (nothing installed, or the wrong label configured)
//   seen, then gone           → offline (unplugged, cable, hub power)
import { type DeviceCapabilities, type DeviceStatus, CameraPart } from '../../contracts/device-model';
import { type Device, type DeviceEventListener, DeviceStatusHolder } from '../common/device';

/** What a presence probe found. `unknown`: this system cannot tell (no V4L2 sysfs), so the renderer is trusted. */
export type CameraPresence = { present: true; name?: string } | { present: false; reason: string } | { present: 'unknown' };

export type CameraProbe = () => Promise<CameraPresence>;

/** What the renderer reports (permission state, stream running or not); validated, since it crosses a process. */
export const CameraRendererReport = CameraPart;
export type CameraRendererReport = CameraPart;

export interface CameraStatusOptions {
  /** How often presence is probed. */
  pollMs?: number;
}

export class CameraStatus implements Device<'camera'> {
  readonly deviceClass = 'camera';
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'camera'> = { stillCapture: true };
  readonly #probe: CameraProbe;
  readonly #pollMs: number;
  readonly #status: DeviceStatusHolder<'camera'>;
  #everSeen = false;
  #reason = 'not probed yet';
  #timer: ReturnType<typeof setInterval> | undefined;
  #probing: Promise<void> | undefined;
  #closed = false;

  constructor(id: string, probe: CameraProbe, options: CameraStatusOptions = {}) {
    this.id = id;
    this.#probe = probe;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#status = new DeviceStatusHolder('camera', id, { common: { device: 'noDevice' }, camera: {} });
  }

  /** Why the camera is not online ('' when it is). */
  get reason(): string {
    return this.#reason;
  }

  /** Probes once, then keeps polling. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.#closed || this.#timer) return;
    this.#timer = setInterval(() => void this.refresh(), this.#pollMs);
    this.#timer.unref();
  }

  /** Probes now (a simulator action, a renderer error that suggests the camera went away). */
  refresh(): Promise<void> {
    // One probe at a time; a caller arriving meanwhile shares it.
    this.#probing ??= this.#probeOnce().finally(() => (this.#probing = undefined));
    return this.#probing;
  }

  /** Records what the renderer reports; fields it leaves out keep their value. */
  updateFromRenderer(report: unknown): { ok: true } | { ok: false; reason: string } {
    const parsed = CameraRendererReport.safeParse(report);
    if (!parsed.success) return { ok: false, reason: `bad camera report: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    const current = this.#status.current;
    this.#status.set({ ...current, camera: { ...current.camera, ...parsed.data } });
    return { ok: true };
  }

  status(): DeviceStatus<'camera'> {
    return this.#status.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#status.onEvent(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#probing;
    this.#reason = 'closed';
    this.#status.set({ common: { device: 'offline' }, camera: {} });
  }

  async #probeOnce(): Promise<void> {
    let presence: CameraPresence;
    try {
      presence = await this.#probe();
    } catch (error) {
      presence = { present: false, reason: `probe failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (this.#closed) return;
    const current = this.#status.current;
    if (presence.present === false) {
      this.#reason = presence.reason;
      this.#status.set({ ...current, common: { device: this.#everSeen ? 'offline' : 'noDevice' } });
      return;
    }
    this.#everSeen = true;
    this.#reason = '';
    this.#status.set({ ...current, common: { device: 'online' } });
  }
}
