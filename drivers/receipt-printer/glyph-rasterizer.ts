// Fills glyph outlines into a 1-bit bitmap at printer resolution: curves are flattened into line segments, then each
// row of dots is scanned at its centre and filled by the nonzero winding rule (the rule TrueType and CFF outlines
// are drawn with). A dot is black when its centre lies inside the outline; at 203 dpi no anti-aliasing is possible.
import { type Bitmap, bytesPerRow } from './bitmap';

/** The outline commands fontkit's `glyph.path.commands` gives, in font units with y pointing up. */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** Maps font units to dots: x' = originX + x·scaleX, y' = baselineY − y·scaleY (bitmap y points down). */
export interface GlyphPlacement {
  originX: number;
  baselineY: number;
  scaleX: number;
  scaleY: number;
}

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Segments per curve: enough that no chord strays more than a fraction of a dot at receipt sizes. */
function curveSteps(points: number[]): number {
  let length = 0;
  for (let i = 2; i < points.length; i += 2) length += Math.hypot((points[i] ?? 0) - (points[i - 2] ?? 0), (points[i + 1] ?? 0) - (points[i - 1] ?? 0));
  return Math.min(64, Math.max(2, Math.ceil(length / 1.5)));
}

/** Turns the outline into closed polygons' edges, already in dot coordinates. */
export function flattenPath(commands: readonly PathCommand[], at: GlyphPlacement): Edge[] {
  const edges: Edge[] = [];
  const tx = (x: number): number => at.originX + x * at.scaleX;
  const ty = (y: number): number => at.baselineY - y * at.scaleY;
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  let open = false;
  const lineTo = (nx: number, ny: number): void => {
    if (nx !== x || ny !== y) edges.push({ x0: x, y0: y, x1: nx, y1: ny });
    x = nx;
    y = ny;
  };
  const close = (): void => {
    if (open) lineTo(startX, startY);
    open = false;
  };
  for (const { command, args } of commands) {
    const a = args.map((value, i) => (i % 2 === 0 ? tx(value) : ty(value)));
    switch (command) {
      case 'moveTo':
        close();
        x = startX = a[0] ?? 0;
        y = startY = a[1] ?? 0;
        open = true;
        break;
      case 'lineTo':
        lineTo(a[0] ?? 0, a[1] ?? 0);
        break;
      case 'quadraticCurveTo': {
        const [cx = 0, cy = 0, ex = 0, ey = 0] = a;
        const x0 = x;
        const y0 = y;
        const steps = curveSteps([x0, y0, cx, cy, ex, ey]);
        for (let i = 1; i <= steps; i++) {
          const t = i / steps;
          const u = 1 - t;
          lineTo(u * u * x0 + 2 * u * t * cx + t * t * ex, u * u * y0 + 2 * u * t * cy + t * t * ey);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x = 0, c1y = 0, c2x = 0, c2y = 0, ex = 0, ey = 0] = a;
        const x0 = x;
        const y0 = y;
        const steps = curveSteps([x0, y0, c1x, c1y, c2x, c2y, ex, ey]);
        for (let i = 1; i <= steps; i++) {
          const t = i / steps;
          const u = 1 - t;
          lineTo(
            u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
            u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey,
          );
        }
        break;
      }
      case 'closePath':
        close();
        break;
    }
  }
  close();
  return edges;
}

/** Fills the edges into `bitmap` (black dots are added, never removed). */
export function fillEdges(bitmap: Bitmap, edges: readonly Edge[]): void {
  const rowBytes = bytesPerRow(bitmap.width);
  const crossings: { x: number; winding: number }[] = [];
  for (let row = 0; row < bitmap.height; row++) {
    const yc = row + 0.5;
    crossings.length = 0;
    for (const e of edges) {
      // Half-open in y, so a vertex shared by two edges is counted once.
      const up = e.y1 < e.y0;
      const top = up ? e.y1 : e.y0;
      const bottom = up ? e.y0 : e.y1;
      if (yc < top || yc >= bottom) continue;
      crossings.push({ x: e.x0 + ((yc - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), winding: up ? -1 : 1 });
    }
    if (crossings.length === 0) continue;
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += (crossings[i] as { winding: number }).winding;
      if (winding === 0) continue;
      // Dots whose centre x + 0.5 lies in [from, to).
      const first = Math.max(0, Math.ceil((crossings[i] as { x: number }).x - 0.5));
      const end = Math.min(bitmap.width, Math.ceil((crossings[i + 1] as { x: number }).x - 0.5));
      for (let col = first; col < end; col++) {
        const at = row * rowBytes + (col >> 3);
        bitmap.data[at] = (bitmap.data[at] ?? 0) | (0x80 >> (col & 7));
      }
    }
  }
}

/** Fills one outline into `bitmap` at the given placement. */
export function rasterizePath(bitmap: Bitmap, commands: readonly PathCommand[], at: GlyphPlacement): void {
  fillEdges(bitmap, flattenPath(commands, at));
}
