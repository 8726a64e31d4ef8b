/** Views of the lesson's other labs: the gradient-norm heat map and the loss-landscape contour. */
import { blankCanvas, niceTicks } from './chart';
import type { GradientTrace } from '../labs/gradients';
import type { LandscapeResult } from '../labs/landscape';

/** Dark (small) → bright (large) on a log scale. */
function ramp(t: number): string {
  const u = Math.max(0, Math.min(1, t));
  const r = Math.round(255 * Math.min(1, 1.6 * u));
  const g = Math.round(255 * Math.max(0, 1.6 * u - 0.5));
  const b = Math.round(120 * (1 - u) + 40);
  return `rgb(${r},${g},${b})`;
}

const M = { left: 54, right: 70, top: 10, bottom: 32 };

/** Layers (rows, input at the bottom) × checkpoints (columns), colour = log10 ‖dW_l‖. */
export function drawGradientHeatmap(canvas: HTMLCanvasElement, trace: GradientTrace): void {
  const { ctx, W, H } = blankCanvas(canvas);
  const logs = trace.points.map((p) => p.norms.map((n) => Math.log10(Math.max(n, 1e-30))));
  const all = logs.flat();
  const lo = Math.min(...all), hi = Math.max(...all);
  const L = trace.layers.length, T = trace.points.length;
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const cw = pw / T, ch = ph / L;
  logs.forEach((col, c) => col.forEach((v, l) => {
    ctx.fillStyle = ramp((v - lo) / (hi - lo || 1));
    ctx.fillRect(M.left + c * cw, M.top + (L - 1 - l) * ch, Math.ceil(cw), Math.ceil(ch));
  }));
  ctx.fillStyle = '#333';
  ctx.font = '10px sans-serif';
  ctx.textAlign = 'right';
  for (let l = 0; l < L; l += Math.max(1, Math.floor(L / 10))) ctx.fillText(`layer ${trace.layers[l]}`, M.left - 4, M.top + (L - 1 - l + 0.6) * ch);
  ctx.textAlign = 'center';
  for (let c = 0; c < T; c += Math.max(1, Math.floor(T / 6))) ctx.fillText(String(trace.points[c].iteration), M.left + (c + 0.5) * cw, H - M.bottom + 12);
  ctx.fillText('iteration', M.left + pw / 2, H - 2);
  // colour bar
  for (let k = 0; k < ph; k++) {
    ctx.fillStyle = ramp(1 - k / ph);
    ctx.fillRect(W - M.right + 10, M.top + k, 12, 1);
  }
  // whole powers of ten along the bar (never "1e-0.6")
  ctx.fillStyle = '#333';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const span = hi - lo || 1;
  const every = Math.max(1, Math.ceil(span / 6));
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e += every) {
    const y = M.top + ((hi - e) / span) * ph;
    ctx.fillRect(W - M.right + 22, y, 3, 1);
    ctx.fillText(`1e${e}`, W - M.right + 27, y);
  }
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('‖dW‖', W - M.right + 8, M.top - 2);
  const first = trace.points[0].norms;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Gradient norms per layer over training (log colour scale, ${lo.toFixed(1)} to ${hi.toFixed(1)} in log10): `
    + `at initialization ‖dW${trace.layers[0]}‖ = ${first[0].toExponential(1)} at the input and ‖dW${trace.layers[L - 1]}‖ = ${first[L - 1].toExponential(1)} at the output.`);
}

/** log cost over the (α, β) grid, the trajectory as a line from ○ (start) to ● (the trained weights). */
export function drawLandscape(canvas: HTMLCanvasElement, r: LandscapeResult): void {
  const { ctx, W, H } = blankCanvas(canvas);
  const n = r.alphas.length;
  const logs = r.costs.map((row) => row.map((c) => Math.log(c)));
  const all = logs.flat();
  const lo = Math.min(...all), hi = Math.max(...all);
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const span = r.alphas[n - 1];
  const sx = (a: number) => M.left + ((a + span) / (2 * span)) * pw;
  const sy = (b: number) => M.top + ((span - b) / (2 * span)) * ph;
  const cw = pw / n, ch = ph / n;
  logs.forEach((row, ri) => row.forEach((v, ci) => {
    const t = (v - lo) / (hi - lo || 1);
    // iso-bands: every tenth of the log range slightly darker, which reads as contour lines
    const band = Math.floor(t * 10) % 2 === 0 ? 1 : 0.9;
    ctx.fillStyle = ramp(t * band);
    ctx.fillRect(M.left + ci * cw, M.top + (n - 1 - ri) * ch, Math.ceil(cw), Math.ceil(ch));
  }));
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  r.trajectory.forEach((p, k) => (k === 0 ? ctx.moveTo(sx(p.alpha), sy(p.beta)) : ctx.lineTo(sx(p.alpha), sy(p.beta))));
  ctx.stroke();
  const first = r.trajectory[0], last = r.trajectory[r.trajectory.length - 1];
  ctx.fillStyle = '#fff';
  ctx.beginPath(); ctx.arc(sx(last.alpha), sy(last.beta), 4, 0, 2 * Math.PI); ctx.fill();
  ctx.strokeStyle = '#fff';
  ctx.beginPath(); ctx.arc(sx(first.alpha), sy(first.beta), 4, 0, 2 * Math.PI); ctx.stroke();
  ctx.fillStyle = '#333';
  ctx.font = '10px sans-serif';
  // axes with ticks: α along the first direction, β along the second, 0 at the trained weights
  ctx.strokeStyle = '#555';
  ctx.lineWidth = 1;
  ctx.strokeRect(M.left, M.top, pw, ph);
  const ticks = niceTicks(-span, span, 4);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks) {
    ctx.beginPath(); ctx.moveTo(sx(t), M.top + ph); ctx.lineTo(sx(t), M.top + ph + 4); ctx.stroke();
    ctx.fillText(String(t), sx(t), M.top + ph + 5);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.beginPath(); ctx.moveTo(M.left - 4, sy(t)); ctx.lineTo(M.left, sy(t)); ctx.stroke();
    ctx.fillText(String(t), M.left - 6, sy(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('α (first direction)', M.left + pw / 2, H - 2);
  ctx.save();
  ctx.translate(12, M.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('β (second direction)', 0, 0);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.fillText(`cost ${Math.exp(hi).toPrecision(3)}`, W - M.right + 4, M.top + 8);
  ctx.fillText(`cost ${Math.exp(lo).toPrecision(3)}`, W - M.right + 4, M.top + ph);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Loss landscape on a ${n}×${n} slice around the trained weights: cost from ${Math.exp(lo).toPrecision(3)} to ${Math.exp(hi).toPrecision(3)}; `
    + `the training path runs from cost ${first.cost.toPrecision(3)} at the start (open circle) to ${last.cost.toPrecision(3)} at the trained weights (filled circle).`);
}
