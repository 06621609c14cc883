import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png-encoder';

/**
 * Draws the three tray icons (idle, syncing, needs attention) at 16 and 32 px into resources/tray/:
 * a coloured disc with a white glyph, anti-aliased by supersampling. Run with `npx tsx scripts/make-tray-icons.ts`.
 */

type Point = [number, number];
/** A shape in unit coordinates (0..1 across the icon): true where the point is inside. */
type Shape = (x: number, y: number) => boolean;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A thick line with round ends. */
function stroke(a: Point, b: Point, width: number): Shape {
  return (x, y) => {
    const [ax, ay] = a;
    const [bx, by] = b;
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return (x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= (width / 2) ** 2;
  };
}

/** A ring between two radii, leaving out the angles in `gaps` (radians, measured clockwise from 3 o'clock). */
function arc(cx: number, cy: number, r: number, width: number, gaps: Array<[number, number]>): Shape {
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    if (Math.abs(d - r) > width / 2) return false;
    const angle = (Math.atan2(y - cy, x - cx) + 2 * Math.PI) % (2 * Math.PI);
    return !gaps.some(([from, to]) => angle >= from && angle <= to);
  };
}

function triangle(a: Point, b: Point, c: Point): Shape {
  const side = (p: Point, q: Point, x: number, y: number) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  return (x, y) => {
    const d1 = side([x, y], a, b[0], b[1]) < 0;
    const d2 = side([x, y], b, c[0], c[1]) < 0;
    const d3 = side([x, y], c, a[0], a[1]) < 0;
    return d1 === d2 && d2 === d3;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

const DEG = Math.PI / 180;

const ICONS: Record<string, { colour: [number, number, number]; glyph: Shape }> = {
  // Teal disc, white tick: all is well.
  idle: { colour: [0x0f, 0x76, 0x6e], glyph: union(stroke([0.29, 0.52], [0.44, 0.67], 0.12), stroke([0.44, 0.67], [0.72, 0.36], 0.12)) },
  // Blue disc, two circling arrows: a sync is running.
  syncing: {
    colour: [0x1d, 0x4e, 0xd8],
    glyph: union(
      arc(0.5, 0.5, 0.22, 0.1, [
        [330 * DEG, 360 * DEG],
        [0, 20 * DEG],
        [150 * DEG, 200 * DEG],
      ]),
      triangle([0.61, 0.62], [0.8, 0.57], [0.69, 0.76]),
      triangle([0.39, 0.38], [0.2, 0.43], [0.31, 0.24]),
    ),
  },
  // Orange-red disc, exclamation mark: a sync failed or skipped records.
  attention: { colour: [0xc2, 0x41, 0x0c], glyph: union(stroke([0.5, 0.27], [0.5, 0.55], 0.13), disc(0.5, 0.72, 0.075)) },
};

const SUPERSAMPLE = 8;

function draw(size: number, colour: [number, number, number], glyph: Shape): Uint8Array {
  const base = disc(0.5, 0.5, 0.47);
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inDisc = 0;
      let inGlyph = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          if (!base(x, y)) continue;
          inDisc++;
          if (glyph(x, y)) inGlyph++;
        }
      }
      const coverage = inDisc / SUPERSAMPLE ** 2;
      const white = inDisc ? inGlyph / inDisc : 0;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round(colour[channel]! * (1 - white) + 255 * white);
      }
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}

// CLINICSYNC_ICON_PREVIEW=<dir> also writes 128 px copies there, to look at the drawing.
const preview = process.env.CLINICSYNC_ICON_PREVIEW;
const outDir = join(import.meta.dirname, '..', 'resources', 'tray');
mkdirSync(outDir, { recursive: true });
for (const [name, { colour, glyph }] of Object.entries(ICONS)) {
  if (preview) writeFileSync(join(preview, `tray-${name}-preview.png`), encodePng(128, 128, draw(128, colour, glyph)));
  for (const [size, suffix] of [
    [16, ''],
    [32, '@2x'],
  ] as const) {
    const file = join(outDir, `tray-${name}${suffix}.png`);
    writeFileSync(file, encodePng(size, size, draw(size, colour, glyph)));
    console.log(`wrote ${file}`);
  }
}
