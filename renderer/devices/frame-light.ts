// Whether a camera frame has enough light for a face comparison, from its average brightness (Rec. 601 luma of
// RGBA pixels). Comparison services refuse dark or washed-out pictures; telling the citizen first saves an attempt.

export type Lighting = 'dark' | 'ok' | 'bright';

export function averageLuma(rgba: Uint8ClampedArray): number {
  let sum = 0;
  const pixels = Math.floor(rgba.length / 4);
  for (let i = 0; i < pixels * 4; i += 4) sum += 0.299 * (rgba[i] as number) + 0.587 * (rgba[i + 1] as number) + 0.114 * (rgba[i + 2] as number);
  return pixels === 0 ? 0 : sum / pixels;
}

/** Below 50 of 255 a face loses its features; above 220 it burns out. */
export function lightingOf(luma: number): Lighting {
  if (luma < 50) return 'dark';
  if (luma > 220) return 'bright';
  return 'ok';
}

/** The lighting of what a <video> shows now, sampled small; undefined before the first frame. */
export function videoLighting(video: HTMLVideoElement, canvas: HTMLCanvasElement): Lighting | undefined {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return undefined;
  canvas.width = 64;
  canvas.height = 36;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return lightingOf(averageLuma(context.getImageData(0, 0, canvas.width, canvas.height).data));
}
