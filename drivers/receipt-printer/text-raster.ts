// Renders text the printer's own font lacks into bitmaps with a bundled CJK font (fonts/README.md), at printer
// resolution: the printer's normal characters are 24 dots high (12×24 half-width, 24×24 full-width), so a run
// rendered here at 24 dots per em sits among printed text at the same size.
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { type Bitmap, createBitmap, embolden } from './bitmap';
import { type PathCommand, rasterizePath } from './glyph-rasterizer';

/** Dots per em of the printer's normal font (ESC/POS Font A: 12×24, Chinese 24×24). */
export const NORMAL_EM_DOTS = 24;

/**
 * Noto Sans CJK SC Regular, beside this file (fonts/README.md says why this one). Resolved only when a font is first
 * needed: in a bundle without `import.meta.url` a missing font fails that one print, not the driver's start.
 */
export function bundledFontPath(): string {
  return fileURLToPath(new URL('./fonts/NotoSansCJKsc-Regular.otf', import.meta.url));
}

export interface TextStyleForRaster {
  /** Character width and height multipliers (GS ! sizes), 1–8. */
  width: number;
  height: number;
  bold: boolean;
}

export interface PlacedGlyph {
  /** The character (one code point). */
  char: string;
  /** Which wrapped line, and its columns [x, x + advance) in that line's bitmap. */
  line: number;
  x: number;
  advance: number;
  /** No font had it: an empty box was drawn in its place. */
  missing: boolean;
}

export interface RenderedText {
  lines: Bitmap[];
  glyphs: PlacedGlyph[];
}

interface LoadedGlyph {
  advanceWidth: number;
  path: { commands: PathCommand[] };
}

interface LoadedFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): LoadedGlyph;
}

function openFont(path: string): LoadedFont {
  const opened = fontkit.openSync(path);
  // A collection (.ttc): its first face; every face of a CJK collection maps the same characters.
  const font = 'fonts' in opened ? opened.fonts[0] : opened;
  if (!font) throw new Error(`${path} holds no font`);
  return font;
}

/** Variation selectors and other marks that only pick a glyph variant: no width of their own here. */
function isSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef) || codePoint === 0x200d;
}

/**
 * The fonts tried in order for each character: the bundled one first, then any extra font files a site configures.
 * Fonts are opened on first use (the bundled one takes a few milliseconds; its glyphs are read lazily).
 */
export class GlyphFonts {
  readonly #bundled: string | undefined;
  readonly #extra: string[];
  #fonts: LoadedFont[] | undefined;

  /** `bundled` replaces the bundled font's location (a build that moved it); `extra` fonts are tried after it. */
  constructor(paths: { bundled?: string; extra?: readonly string[] } = {}) {
    this.#bundled = paths.bundled;
    this.#extra = [...(paths.extra ?? [])];
  }

  #loaded(): LoadedFont[] {
    this.#fonts ??= [this.#bundled ?? bundledFontPath(), ...this.#extra].map(openFont);
    return this.#fonts;
  }

  /** Whether some font in the chain draws this character. */
  has(char: string): boolean {
    const codePoint = char.codePointAt(0) ?? 0;
    return isSelector(codePoint) || this.#loaded().some((font) => font.hasGlyphForCodePoint(codePoint));
  }

  /**
   * Lays `text` out on one line (wrapped at `maxWidthDots`) and fills its outlines. Each glyph starts on a whole dot,
   * so a glyph's columns are the same whether it is rendered alone or amid others.
   */
  render(text: string, style: TextStyleForRaster, maxWidthDots: number): RenderedText {
    const fonts = this.#loaded();
    const emX = NORMAL_EM_DOTS * style.width;
    const emY = NORMAL_EM_DOTS * style.height;
    // The ideographic em box of CJK fonts runs from 0.88 em above the baseline to 0.12 em below it.
    const baselineY = Math.round(emY * 0.88);
    type Item = { char: string; font: LoadedFont | undefined; glyph: LoadedGlyph | undefined; advance: number };
    const items: Item[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? 0;
      if (isSelector(codePoint)) continue;
      const font = fonts.find((f) => f.hasGlyphForCodePoint(codePoint));
      const glyph = font?.glyphForCodePoint(codePoint);
      const advance = font && glyph ? Math.max(1, Math.round((glyph.advanceWidth * emX) / font.unitsPerEm)) : emX;
      items.push({ char, font, glyph, advance });
    }
    const glyphs: PlacedGlyph[] = [];
    const widths: number[] = [0];
    for (const item of items) {
      let line = widths.length - 1;
      if ((widths[line] ?? 0) > 0 && (widths[line] ?? 0) + item.advance > maxWidthDots) {
        widths.push(0);
        line++;
      }
      glyphs.push({ char: item.char, line, x: widths[line] ?? 0, advance: item.advance, missing: !item.glyph });
      widths[line] = (widths[line] ?? 0) + item.advance;
    }
    const lines = widths.map((width) => createBitmap(Math.min(width, maxWidthDots), emY));
    glyphs.forEach((placed, i) => {
      const bitmap = lines[placed.line] as Bitmap;
      const { font, glyph } = items[i] as Item;
      if (font && glyph) {
        const scale = 1 / font.unitsPerEm;
        rasterizePath(bitmap, glyph.path.commands, { originX: placed.x, baselineY, scaleX: emX * scale, scaleY: emY * scale });
      } else {
        drawEmptyBox(bitmap, placed.x, placed.advance, emY);
      }
    });
    return { lines: style.bold ? lines.map(embolden) : lines, glyphs };
  }
}

/** The "tofu" box fonts draw for a character they lack, so the gap is visible and not silently closed up. */
function drawEmptyBox(bitmap: Bitmap, x: number, width: number, height: number): void {
  const inset = Math.max(1, Math.round(width / 8));
  const box = { left: x + inset, right: x + width - inset - 1, top: inset, bottom: height - inset - 1 };
  const edges: PathCommand[] = [
    { command: 'moveTo', args: [box.left, box.top] },
    { command: 'lineTo', args: [box.right + 1, box.top] },
    { command: 'lineTo', args: [box.right + 1, box.bottom + 1] },
    { command: 'lineTo', args: [box.left, box.bottom + 1] },
    { command: 'closePath', args: [] },
    // The inner contour runs the other way: nonzero fill leaves it hollow.
    { command: 'moveTo', args: [box.left + 1, box.top + 1] },
    { command: 'lineTo', args: [box.left + 1, box.bottom] },
    { command: 'lineTo', args: [box.right, box.bottom] },
    { command: 'lineTo', args: [box.right, box.top + 1] },
    { command: 'closePath', args: [] },
  ];
  rasterizePath(bitmap, edges, { originX: 0, baselineY: 0, scaleX: 1, scaleY: -1 });
}
