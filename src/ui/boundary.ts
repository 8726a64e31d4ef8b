/**
 * The decision-boundary view: P(y = 1) over the grid as a blue→orange map, the 0.5 contour, the
 * training points (circles) and test points (crosses) coloured by label, and axes fitted to the data.
 */
import type { Bounds } from '../train/grid';
import type { LabelledSet } from '../model/types';
import { context2d, fitToScreen, niceTicks } from './chart';
import { contourSegments } from './contour';
import { drawnBy } from './figure-export';

const CLASS_COLORS = ['#1f5fbf', '#e8731a'];
/** Points drawn per set at most; larger sets are drawn as an even sample of this many. */
export const MAX_DRAWN = 3000;

export interface BoundaryView {
  canvas: HTMLCanvasElement;
  bounds: Bounds;
  train: LabelledSet | null;
  test: LabelledSet | null;
  /** Grid probabilities, row-major from the top-left, resolution² of them; null before training. */
  probs: Float64Array | null;
  resolution: number;
}

/** Where a map of W × H CSS pixels puts the plane: margins, plot size, and data → pixel (the drawing mode inverts it). */
export function plotArea(W: number, H: number, bounds: Bounds) {
  // a small map (three side by side on a phone) gets proportionally smaller margins, text and markers
  const k = Math.min(1, Math.max(0.5, W / 320));
  const MARGIN = { left: 42 * k, right: 8 * k, top: 8 * k, bottom: 24 * k };
  const pw = W - MARGIN.left - MARGIN.right, ph = H - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - bounds.x1[0]) / (bounds.x1[1] - bounds.x1[0])) * pw;
  const sy = (y: number) => MARGIN.top + ((bounds.x2[1] - y) / (bounds.x2[1] - bounds.x2[0])) * ph;
  /** The point of the plane at pixel (px, py). */
  const at = (px: number, py: number) => ({
    x1: bounds.x1[0] + ((px - MARGIN.left) / pw) * (bounds.x1[1] - bounds.x1[0]),
    x2: bounds.x2[1] - ((py - MARGIN.top) / ph) * (bounds.x2[1] - bounds.x2[0]),
  });
  return { k, MARGIN, pw, ph, sx, sy, at };
}

export function drawBoundary(v: BoundaryView): void {
  const { canvas, bounds, probs, resolution: res } = v;
  drawnBy(canvas, (target) => drawBoundary({ ...v, canvas: target }));
  // drawn at the screen's pixel density for the size CSS gives the map (sharp on a phone)
  const { ctx, W, H } = fitToScreen(canvas);
  const { k, MARGIN, pw, ph, sx, sy } = plotArea(W, H, bounds);
  const r = 3 * Math.max(0.7, k), font = `${Math.round(10 * Math.max(0.75, k))}px sans-serif`;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  if (probs) {
    const img = ctx.createImageData(res, res);
    for (let i = 0; i < res * res; i++) {
      const p = probs[i];
      // blue (0) → white (0.5) → orange (1)
      const t = Math.abs(p - 0.5) * 2;
      const [r, g, b] = p < 0.5 ? [31, 95, 191] : [232, 115, 26];
      img.data[4 * i] = Math.round(255 + (r - 255) * t * 0.55);
      img.data[4 * i + 1] = Math.round(255 + (g - 255) * t * 0.55);
      img.data[4 * i + 2] = Math.round(255 + (b - 255) * t * 0.55);
      img.data[4 * i + 3] = 255;
    }
    const tmp = new OffscreenCanvas(res, res);
    (context2d(tmp) as unknown as OffscreenCanvasRenderingContext2D).putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tmp, MARGIN.left, MARGIN.top, pw, ph);
    // 0.5 contour through the cell centres (marching squares, interpolated)
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.beginPath();
    const cx = (c: number) => MARGIN.left + (c + 0.5) * (pw / res), cy = (r: number) => MARGIN.top + (r + 0.5) * (ph / res);
    for (const [x0, y0, x1, y1] of contourSegments(probs, res)) {
      ctx.moveTo(cx(x0), cy(y0));
      ctx.lineTo(cx(x1), cy(y1));
    }
    ctx.stroke();
  }
  // One path per class and marker (a canvas draws 100 000 separate arcs far too slowly), and at most
  // MAX_DRAWN points per set, evenly spread: more would only cover the map.
  const drawSet = (set: LabelledSet | null, marker: 'circle' | 'cross') => {
    if (!set) return;
    const shown = Math.min(set.m, MAX_DRAWN);
    for (const cls of [0, 1]) {
      ctx.beginPath();
      for (let i = 0; i < shown; i++) {
        const j = Math.floor((i * set.m) / shown);
        if ((set.Y[j] > 0.5 ? 1 : 0) !== cls) continue;
        const x = sx(set.X[j]), y = sy(set.X[set.m + j]);
        if (marker === 'circle') {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        } else {
          ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r);
          ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r);
        }
      }
      ctx.strokeStyle = ctx.fillStyle = CLASS_COLORS[cls];
      if (marker === 'circle') {
        ctx.fill();
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 0.8;
      } else {
        ctx.lineWidth = 2;
      }
      ctx.stroke();
    }
  };
  drawSet(v.train, 'circle');
  drawSet(v.test, 'cross');
  const counts = [v.train, v.test].map((set) => set?.m ?? 0);
  const sampled = counts.some((m) => m > MAX_DRAWN);
  if (sampled) {
    ctx.font = font;
    ctx.textAlign = 'right';
    const note = `showing ${MAX_DRAWN.toLocaleString('en')} points per set of ${counts.filter((m) => m).map((m) => m.toLocaleString('en')).join(' / ')}`;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(W - MARGIN.right - ctx.measureText(note).width - 6, MARGIN.top, ctx.measureText(note).width + 6, 14);
    ctx.fillStyle = '#333';
    ctx.fillText(note, W - MARGIN.right - 3, MARGIN.top + 10);
  }
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Decision map: ${counts[0]} training points (circles)${counts[1] ? ` and ${counts[1]} test points (crosses)` : ''}, `
    + `blue for label 0, orange for label 1${sampled ? ` (${MAX_DRAWN} per set drawn)` : ''}`
    + (probs ? '; the background is the model\'s P(y = 1), blue below 0.5 and orange above, with the 0.5 boundary as a black line.' : '; no model trained yet.'));
  // axes
  ctx.strokeStyle = '#555';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left, MARGIN.top, pw, ph);
  ctx.fillStyle = '#333';
  ctx.font = font;
  ctx.textAlign = 'center';
  for (const t of niceTicks(bounds.x1[0], bounds.x1[1])) ctx.fillText(String(+t.toFixed(2)), sx(t), H - MARGIN.bottom + 12 * k);
  ctx.textAlign = 'right';
  for (const t of niceTicks(bounds.x2[0], bounds.x2[1])) ctx.fillText(String(+t.toFixed(2)), MARGIN.left - 3 * k, sy(t) + 3 * k);
  ctx.textAlign = 'center';
  ctx.fillText('x1', MARGIN.left + pw / 2, H - 2);
  ctx.save();
  ctx.translate(8 * k, MARGIN.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('x2', 0, 0);
  ctx.restore();
}
