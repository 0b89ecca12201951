// Draws the visible cells of the matrix on a <canvas>: only what is in view, so 1,000 × 1,000
// costs what the pane shows. Each verdict has its own shape as well as its colour (✓ on a filled
// square, ✗ on a pale one, a half-filled square for some ports, a dot when nothing was probed).
import { CELL } from '../../view/matrix.ts';
import type { MatrixLayout } from '../../view/matrix-layout.ts';

/** Geometry shared by the canvas, the headers and hit-testing (CSS pixels). */
export interface Geometry {
  readonly cell: number;
  readonly rowHead: number;
  readonly colHead: number;
  readonly band: number;
}

/** Roughly the width of one character of the 12 px header text. */
const CHAR = 6.6;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

/**
 * Sized to the matrix: larger cells when there are few (the example reads at a glance), headers
 * as wide as their longest label (within bounds; longer ones are cut with an ellipsis).
 */
export function geometryFor(layout: MatrixLayout): Geometry {
  let longest = 0;
  for (const l of layout.lines)
    longest = Math.max(longest, l.kind === 'group' ? l.label.length : l.title.length);
  const band = 26;
  return {
    cell: layout.lines.length <= 24 ? 28 : 20,
    band,
    rowHead: clamp(band + 18 + CHAR * longest, 150, 300),
    colHead: clamp(band + 16 + CHAR * longest, 90, 190),
  };
}

export interface Palette {
  readonly allowed: string;
  readonly allowedMark: string;
  readonly denied: string;
  readonly deniedMark: string;
  readonly someBg: string;
  readonly none: string;
  readonly grid: string;
  readonly group: string;
  readonly cross: string;
  readonly cursor: string;
  readonly bg: string;
}

/** The colours of the matrix's CSS variables (matrix.css), so dark mode follows the page. */
export function readPalette(el: Element): Palette {
  const s = getComputedStyle(el);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return {
    allowed: v('--mx-allowed', '#067647'),
    allowedMark: v('--mx-allowed-mark', '#ffffff'),
    denied: v('--mx-denied', '#fee4e2'),
    deniedMark: v('--mx-denied-mark', '#b42318'),
    someBg: v('--mx-some-bg', '#ecfdf3'),
    none: v('--mx-none', '#98a2b3'),
    grid: v('--mx-grid', '#eaecf0'),
    group: v('--mx-group', '#667085'),
    cross: v('--mx-cross', 'rgb(37 99 235 / 10%)'),
    cursor: v('--mx-cursor', '#2563eb'),
    bg: v('--mx-bg', '#ffffff'),
  };
}

export interface View {
  /** Scroll offsets of the cell area. */
  readonly x: number;
  readonly y: number;
  /** Size of the cell area on screen. */
  readonly width: number;
  readonly height: number;
}

export interface Marks {
  readonly hover: { readonly row: number; readonly col: number } | null;
  readonly cursor: { readonly row: number; readonly col: number } | null;
}

/**
 * The glyphs of the cells in view, one path per kind of mark (a canvas draws a few long paths far
 * faster than a path per cell). Coordinates are those of a 20 px cell, scaled by `k`.
 */
function drawGlyphs(
  ctx: CanvasRenderingContext2D,
  byState: readonly (readonly number[])[],
  k: number,
  p: Palette,
) {
  const at = (list: readonly number[], fn: (x: number, y: number) => void) => {
    for (let i = 0; i < list.length; i += 2) fn(list[i] ?? 0, list[i + 1] ?? 0);
  };
  const allowed = byState[CELL.allowed] ?? [];
  const denied = byState[CELL.denied] ?? [];
  const some = byState[CELL.some] ?? [];
  const none = byState[CELL.none] ?? [];
  const self = byState[CELL.self] ?? [];
  const box = (x: number, y: number) => ctx.fillRect(x + 2 * k, y + 2 * k, 16 * k, 16 * k);
  ctx.fillStyle = p.allowed;
  at(allowed, box);
  ctx.fillStyle = p.denied;
  at(denied, box);
  ctx.fillStyle = p.someBg;
  at(some, box);
  // Some ports: the lower-left half filled, the square outlined.
  ctx.fillStyle = p.allowed;
  ctx.beginPath();
  at(some, (x, y) => {
    ctx.moveTo(x + 2 * k, y + 2 * k);
    ctx.lineTo(x + 2 * k, y + 18 * k);
    ctx.lineTo(x + 18 * k, y + 18 * k);
    ctx.closePath();
  });
  ctx.fill();
  ctx.strokeStyle = p.allowed;
  ctx.lineWidth = 1;
  ctx.beginPath();
  at(some, (x, y) => ctx.rect(x + 2 * k + 0.5, y + 2 * k + 0.5, 16 * k - 1, 16 * k - 1));
  ctx.stroke();
  // Allowed: a check mark.
  ctx.strokeStyle = p.allowedMark;
  ctx.lineWidth = 2 * Math.min(k, 1.2);
  ctx.beginPath();
  at(allowed, (x, y) => {
    ctx.moveTo(x + 6 * k, y + 10.5 * k);
    ctx.lineTo(x + 9 * k, y + 13.5 * k);
    ctx.lineTo(x + 14.5 * k, y + 6.5 * k);
  });
  ctx.stroke();
  // Denied: a cross.
  ctx.strokeStyle = p.deniedMark;
  ctx.lineWidth = 1.6 * Math.min(k, 1.2);
  ctx.beginPath();
  at(denied, (x, y) => {
    ctx.moveTo(x + 7 * k, y + 7 * k);
    ctx.lineTo(x + 13 * k, y + 13 * k);
    ctx.moveTo(x + 13 * k, y + 7 * k);
    ctx.lineTo(x + 7 * k, y + 13 * k);
  });
  ctx.stroke();
  // Nothing to probe: a dot. A workload to itself: a short dash, as the CLI's table marks it.
  ctx.fillStyle = p.none;
  ctx.beginPath();
  at(none, (x, y) => {
    ctx.moveTo(x + 10 * k + 1.6, y + 10 * k);
    ctx.arc(x + 10 * k, y + 10 * k, 1.6, 0, 2 * Math.PI);
  });
  ctx.fill();
  ctx.strokeStyle = p.none;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  at(self, (x, y) => {
    ctx.moveTo(x + 7 * k, y + 10 * k);
    ctx.lineTo(x + 13 * k, y + 10 * k);
  });
  ctx.stroke();
}

/** The first and last (exclusive) line in view along one axis. */
export function visibleRange(
  offset: number,
  extent: number,
  count: number,
  s: number,
): [number, number] {
  return [Math.max(0, Math.floor(offset / s)), Math.min(count, Math.ceil((offset + extent) / s))];
}

export function drawMatrix(
  canvas: HTMLCanvasElement,
  layout: MatrixLayout,
  view: View,
  p: Palette,
  marks: Marks,
  s: number,
): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(view.width * dpr));
  const h = Math.max(1, Math.round(view.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, view.width, view.height);
  const n = layout.lines.length;
  const [r0, r1] = visibleRange(view.y, view.height, n, s);
  const [c0, c1] = visibleRange(view.x, view.width, n, s);
  ctx.translate(-view.x, -view.y);
  if (marks.hover) {
    ctx.fillStyle = p.cross;
    ctx.fillRect(c0 * s, marks.hover.row * s, (c1 - c0) * s, s);
    ctx.fillRect(marks.hover.col * s, r0 * s, s, (r1 - r0) * s);
  }
  const byState: number[][] = [[], [], [], [], []];
  for (let r = r0; r < r1; r++) {
    const row = r * n;
    for (let c = c0; c < c1; c++) byState[layout.cells[row + c] ?? 0]?.push(c * s, r * s);
  }
  drawGlyphs(ctx, byState, s / 20, p);
  // Light lines every cell, strong ones between namespaces.
  ctx.lineWidth = 1;
  ctx.strokeStyle = p.grid;
  ctx.beginPath();
  for (let r = r0; r <= r1; r++) {
    ctx.moveTo(c0 * s, r * s + 0.5);
    ctx.lineTo(c1 * s, r * s + 0.5);
  }
  for (let c = c0; c <= c1; c++) {
    ctx.moveTo(c * s + 0.5, r0 * s);
    ctx.lineTo(c * s + 0.5, r1 * s);
  }
  ctx.stroke();
  ctx.strokeStyle = p.group;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const span of layout.spans) {
    const at = span.start * s + 0.75;
    ctx.moveTo(c0 * s, at);
    ctx.lineTo(c1 * s, at);
    ctx.moveTo(at, r0 * s);
    ctx.lineTo(at, r1 * s);
  }
  ctx.stroke();
  if (marks.cursor) {
    ctx.strokeStyle = p.cursor;
    ctx.lineWidth = 2;
    ctx.strokeRect(marks.cursor.col * s + 1, marks.cursor.row * s + 1, s - 2, s - 2);
  }
}
