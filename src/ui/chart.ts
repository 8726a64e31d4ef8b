/**
 * Cost curves on a canvas: one polyline per series against iterations, nice 1-2-5 ticks, a y-axis
 * title, and the legend in its own band under the plot so it never covers a curve. The canvas is
 * drawn at the screen's pixel density for the size CSS gives it.
 */
import type { CostPoint } from '../model/types';
import { drawnBy, exportSize } from './figure-export';

export interface Series {
  label: string;
  color: string;
  points: CostPoint[];
  /** Canvas line dash, e.g. [6, 4] for test curves; solid when absent. */
  dash?: number[];
  /** Iteration to mark with a dashed vertical line (e.g. the best one), if any. */
  mark?: number;
}

export interface ChartOptions {
  /** A log10 y axis (for costs or gradient norms spanning orders of magnitude). */
  log?: boolean;
  /** The y axis's title. */
  yLabel?: string;
  /** Shown in the plot when no series has a point yet. */
  empty?: string;
  /** Values are shares (accuracy): the y axis fits the data and reads in percent. */
  percent?: boolean;
  /** Series coloured along a scale (depthColors): the legend is that scale, from its first series to its last. */
  scale?: { from: string; to: string };
}

/**
 * A canvas's 2-D context, drawn in the page's own process (willReadFrequently). A GPU-backed 2-D
 * canvas makes some draws wait on the GPU process; on a machine whose cores are busy training (or
 * with a software GPU) that wait held the main thread for seconds. The charts are small: the CPU
 * draws them in well under a millisecond.
 */
export function context2d(canvas: HTMLCanvasElement | OffscreenCanvas): CanvasRenderingContext2D {
  return canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
}

/** The canvas's 2-D context, painted white, and its size in device pixels: where every chart starts. */
export function blankCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; W: number; H: number } {
  const ctx = context2d(canvas);
  const W = canvas.width, H = canvas.height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  return { ctx, W, H };
}

/** Horizontal grid lines at the y ticks across [left, left + width], each labelled left of the axis. */
export function drawYGrid(
  ctx: CanvasRenderingContext2D, ticks: number[], sy: (v: number) => number, left: number, width: number, label: (t: number) => string,
): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#e3e3e3';
  ctx.fillStyle = '#333';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.beginPath(); ctx.moveTo(left, sy(t)); ctx.lineTo(left + width, sy(t)); ctx.stroke();
    ctx.fillText(label(t), left - 5, sy(t));
  }
}

/** Okabe–Ito: told apart with the common colour-vision deficiencies. */
export const PALETTE = { black: '#000000', orange: '#E69F00', sky: '#56B4E9', green: '#009E73', yellow: '#F0E442', blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7' };
export const TEST_DASH = [6, 4];

/** Dark blue → magenta → orange (plasma's range, without its pale yellow end): n colours, no two alike, for lines ordered by depth. */
export function depthColors(n: number): string[] {
  const stops = [[13, 8, 135], [204, 71, 120], [240, 149, 64]];
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : (i / (n - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t)), f = t - k;
    const c = stops[k].map((v, j) => Math.round(v + f * (stops[k + 1][j] - v)));
    return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  });
}

const FONT = '11px system-ui, sans-serif';
export const M = { left: 54, right: 14, top: 10 };
const AXIS_BAND = 30; // tick labels and the x title
const LEGEND_ROW = 16;

/** Round tick values inside [lo, hi]: the step of 1, 2 or 5 × 10^k giving closest to `count` intervals. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const mag = 10 ** Math.floor(Math.log10((hi - lo) / count));
  const intervals = (s: number) => Math.abs((hi - lo) / s - count);
  const step = [1, 2, 5, 10].map((f) => f * mag).reduce((a, b) => (intervals(b) < intervals(a) ? b : a));
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

/** 0.001 … 1000 in plain decimals, beyond that as 1e±k. */
function powerLabel(e: number): string {
  return Math.abs(e) <= 3 ? String(+(10 ** e).toPrecision(3)) : `1e${e}`;
}

export function tickLabel(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 10000) return `${+(v / 1000).toPrecision(4)}k`;
  return String(+v.toPrecision(4));
}

/** Size the backing store to the CSS box × devicePixelRatio; returns the box in CSS pixels. */
export function fitToScreen(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; W: number; H: number } {
  const forExport = exportSize(canvas); // a figure drawn again for download (figure-export.ts): its size and scale
  const dpr = forExport?.scale ?? Math.max(1, globalThis.devicePixelRatio || 1);
  const w = forExport?.w ?? canvas.clientWidth, h = forExport?.h ?? canvas.clientHeight;
  const W = w > 0 ? w : canvas.width, H = h > 0 ? h : canvas.height;
  if (w > 0 && h > 0 && (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr))) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = context2d(canvas);
  const scale = canvas.width / W;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  return { ctx, W, H };
}

/** Legend entries laid out in rows across the width: a line sample (with its dash) and the label. */
function legendRows(ctx: CanvasRenderingContext2D, series: Series[], width: number): Series[][] {
  const rows: Series[][] = [[]];
  let x = 0;
  for (const s of series.filter((s) => s.label !== '')) {
    const w = 30 + ctx.measureText(s.label).width + 16;
    if (x + w > width && rows[rows.length - 1].length) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push(s);
    x += w;
  }
  return rows[0].length ? rows : [];
}

/** The y axis of values `all` (already log10 on a log axis): its range and ticks. */
export function yAxis(all: number[], log: boolean, percent: boolean): { yMin: number; yMax: number; yTicks: number[] } {
  let yMin: number, yMax: number, yTicks: number[];
  if (log) {
    yMin = all.length ? Math.floor(Math.min(...all)) : -1;
    yMax = all.length ? Math.max(yMin + 1, Math.ceil(Math.max(...all))) : 1;
    const every = Math.ceil((yMax - yMin) / 6);
    yTicks = [];
    for (let e = yMin; e <= yMax; e += every) yTicks.push(e);
  } else if (percent) {
    // a share: from a round step below the lowest value to a round step above the highest, within [0, 1]
    yMin = all.length ? Math.max(0, Math.floor(Math.min(...all) * 20 - 0.5) / 20) : 0;
    yMax = all.length ? Math.min(1, Math.ceil(Math.max(...all) * 20 + 0.5) / 20) : 1;
    yTicks = niceTicks(yMin, yMax);
  } else {
    yTicks = niceTicks(0, all.length ? Math.max(...all) : 1);
    yMin = 0;
    yMax = Math.max(yTicks[yTicks.length - 1], all.length ? Math.max(...all) : 1);
  }
  return { yMin, yMax, yTicks };
}

export function drawCosts(canvas: HTMLCanvasElement, series: Series[], totalIterations: number, options: ChartOptions = {}): void {
  const { log = false, yLabel = 'cost', empty = 'cost curves appear here while a run goes', percent = false, scale } = options;
  drawnBy(canvas, (target) => drawCosts(target, series, totalIterations, options));
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.font = FONT;
  const legend = scale ? [] : legendRows(ctx, series, W - M.left - M.right);
  const rows = scale ? 1 : legend.length;
  const bottom = AXIS_BAND + rows * LEGEND_ROW + (rows ? 4 : 0);
  const pw = W - M.left - M.right, ph = H - M.top - bottom;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);

  const tf = (c: number) => (log ? Math.log10(Math.max(c, 1e-30)) : c);
  const all = series.flatMap((s) => s.points.map((p) => tf(p.cost))).filter(Number.isFinite);
  const { yMin, yMax, yTicks } = yAxis(all, log, percent);
  const xMax = Math.max(1, totalIterations);
  const sx = (i: number) => M.left + (i / xMax) * pw;
  const sy = (c: number) => M.top + (1 - (c - yMin) / (yMax - yMin || 1)) * ph;

  // grid and ticks
  drawYGrid(ctx, yTicks, sy, M.left, pw, (t) => (log ? powerLabel(t) : percent ? `${+(100 * t).toFixed(1)} %` : tickLabel(t)));
  ctx.textBaseline = 'top';
  for (const t of niceTicks(0, xMax, Math.max(2, Math.min(6, Math.floor(pw / 70))))) {
    const label = tickLabel(t);
    const half = ctx.measureText(label).width / 2;
    ctx.textAlign = 'center';
    // the last label is kept inside the canvas rather than cut at its edge
    ctx.fillText(label, Math.min(sx(t), W - half - 1), M.top + ph + 4);
  }
  ctx.fillText('iteration', M.left + pw / 2, M.top + ph + 16);
  ctx.save();
  ctx.translate(12, M.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel + (log ? ' (log scale)' : ''), 0, 0);
  ctx.restore();
  ctx.strokeStyle = '#777';
  ctx.strokeRect(M.left, M.top, pw, ph);

  // curves, clipped to the plot
  ctx.save();
  ctx.beginPath();
  ctx.rect(M.left, M.top, pw, ph);
  ctx.clip();
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    let pen = false;
    for (const p of s.points) {
      const y = tf(p.cost);
      if (!Number.isFinite(y)) { pen = false; continue; }
      if (pen) ctx.lineTo(sx(p.iteration), sy(y));
      else ctx.moveTo(sx(p.iteration), sy(y));
      pen = true;
    }
    ctx.stroke();
    if (s.mark !== undefined) {
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 3]);
      ctx.beginPath(); ctx.moveTo(sx(s.mark), M.top); ctx.lineTo(sx(s.mark), M.top + ph); ctx.stroke();
    }
  }
  ctx.setLineDash([]);
  ctx.restore();

  if (!all.length) {
    ctx.fillStyle = '#555';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(empty, M.left + pw / 2, M.top + ph / 2);
  }

  // legend band
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  if (scale) {
    // the colour scale: one swatch per series, in order, between the names of its ends
    const y = M.top + ph + AXIS_BAND + 6;
    const bar = Math.min(240, pw - ctx.measureText(scale.from + scale.to).width - 24);
    ctx.fillStyle = '#222';
    ctx.fillText(scale.from, M.left, y);
    const x0 = M.left + ctx.measureText(scale.from).width + 8;
    series.forEach((s, i) => {
      ctx.fillStyle = s.color;
      ctx.fillRect(x0 + (i * bar) / series.length, y - 5, Math.ceil(bar / series.length), 10);
    });
    ctx.fillStyle = '#222';
    ctx.fillText(scale.to, x0 + bar + 8, y);
  }
  legend.forEach((row, r) => {
    let x = M.left;
    const y = M.top + ph + AXIS_BAND + 6 + r * LEGEND_ROW;
    for (const s of row) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 24, y); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#222';
      ctx.fillText(s.label, x + 30, y);
      x += 30 + ctx.measureText(s.label).width + 16;
    }
  });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', describeCosts(series, yLabel));
}

/** The chart's content in words, for its text alternative: each series' last value. */
export function describeCosts(series: Series[], yLabel = 'cost'): string {
  const last = series.filter((s) => s.points.length && s.label !== '').map((s) => {
    const p = s.points[s.points.length - 1];
    return `${s.label} ${p.cost.toPrecision(3)} at iteration ${p.iteration}`;
  });
  return last.length ? `${yLabel} curves: ${last.join('; ')}.` : `No ${yLabel} curves yet.`;
}
