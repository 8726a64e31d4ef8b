/** Cost curves on a canvas: one polyline per series against iterations, linear axes from 0. */
import type { CostPoint } from '../train/types';

export interface Series {
  label: string;
  color: string;
  points: CostPoint[];
  /** Iteration to mark with a dashed vertical line (e.g. the best one), if any. */
  mark?: number;
}

const M = { left: 44, right: 10, top: 10, bottom: 26 };

/** `log`: a log10 y axis (for costs or gradient norms spanning orders of magnitude). */
export function drawCosts(canvas: HTMLCanvasElement, series: Series[], totalIterations: number, log = false): void {
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width, H = canvas.height;
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  const tf = (c: number) => (log ? Math.log10(Math.max(c, 1e-30)) : c);
  const all = series.flatMap((s) => s.points.map((p) => tf(p.cost))).filter(Number.isFinite);
  const yMax = all.length ? (log ? Math.ceil(Math.max(...all)) : Math.max(...all) * 1.05) : 1;
  const yMin = log && all.length ? Math.floor(Math.min(...all)) : 0;
  const xMax = Math.max(1, totalIterations - 1);
  const sx = (i: number) => M.left + (i / xMax) * pw;
  const sy = (c: number) => M.top + (1 - (c - yMin) / (yMax - yMin || 1)) * ph;
  ctx.strokeStyle = '#ddd';
  ctx.fillStyle = '#333';
  ctx.font = '10px sans-serif';
  ctx.textAlign = 'right';
  for (let k = 0; k <= 4; k++) {
    const c = yMin + ((yMax - yMin) * k) / 4;
    ctx.beginPath(); ctx.moveTo(M.left, sy(c)); ctx.lineTo(M.left + pw, sy(c)); ctx.stroke();
    ctx.fillText(log ? `1e${+c.toFixed(1)}` : c.toPrecision(2), M.left - 4, sy(c) + 3);
  }
  ctx.textAlign = 'center';
  for (let k = 0; k <= 4; k++) {
    const it = Math.round((xMax * k) / 4);
    ctx.fillText(String(it), sx(it), H - M.bottom + 12);
  }
  ctx.fillText('iteration', M.left + pw / 2, H - 2);
  ctx.strokeStyle = '#555';
  ctx.strokeRect(M.left, M.top, pw, ph);
  series.forEach((s, k) => {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    s.points.forEach((p, i) => (i === 0 ? ctx.moveTo(sx(p.iteration), sy(tf(p.cost))) : ctx.lineTo(sx(p.iteration), sy(tf(p.cost)))));
    ctx.stroke();
    if (s.mark !== undefined) {
      ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(sx(s.mark), M.top); ctx.lineTo(sx(s.mark), M.top + ph); ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = s.color;
    ctx.textAlign = 'right';
    ctx.fillText(s.label, M.left + pw - 4, M.top + 12 + 12 * k);
  });
}
