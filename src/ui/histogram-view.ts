/**
 * The weights' distribution: a histogram per layer (columns W1, W2, …) per model (rows), all on one
 * x-scale, [−S, S] with S the largest |w| of the models shown — L2 narrows the distribution, L1 piles
 * it at zero. Each layer's fine histogram (src/train/network-frame.ts, over its own ±max|w|) is
 * re-binned onto the shared scale; the bars are the share of that layer's weights, on one y-scale per
 * layer column so the models of a layer compare directly.
 */
import { pct } from '../present/format';
import { HISTOGRAM_BINS, type NetworkFrame } from '../train/network-frame';
import { fitToScreen } from './chart';
import { drawnBy } from './figure-export';
import { num } from './network-text';

/** Bars per histogram: odd, so that one bar is centred on zero. */
const BINS = 41;
const M = { left: 62, right: 8, top: 16, bottom: 22, row: 50, gap: 8 };

export interface HistogramRow {
  label: string;
  color: string;
  frame: NetworkFrame | null;
}

/** Layer l's weights as BINS shares over [−scale, scale], from its fine histogram. */
function rebinned(f: NetworkFrame, l: number, scale: number): Float64Array {
  const layer = f.layers[l];
  const out = new Float64Array(BINS);
  for (let i = 0; i < HISTOGRAM_BINS; i++) {
    if (!layer.histogram[i]) continue;
    const centre = layer.maxAbs === 0 ? 0 : -layer.maxAbs + ((i + 0.5) / HISTOGRAM_BINS) * 2 * layer.maxAbs;
    const bin = scale > 0 ? Math.floor(((centre + scale) / (2 * scale)) * BINS) : BINS >> 1;
    out[Math.max(0, Math.min(BINS - 1, bin))] += layer.histogram[i] / layer.count;
  }
  return out;
}

export function drawHistograms(canvas: HTMLCanvasElement, rows: HistogramRow[], scale: number): void {
  drawnBy(canvas, (target) => drawHistograms(target, rows, scale));
  const shown = rows.filter((r) => r.frame);
  const layers = Math.max(0, ...shown.map((r) => r.frame!.layers.length - 1));
  canvas.style.height = `${M.top + Math.max(1, rows.length) * (M.row + M.gap) + M.bottom}px`;
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.font = '11px system-ui, sans-serif';
  canvas.setAttribute('role', 'img');
  if (!layers) {
    ctx.fillStyle = '#555';
    ctx.fillText('the weights\' histograms appear while train or compare runs', 8, H / 2);
    canvas.setAttribute('aria-label', 'Weight histograms per layer: appear while train or compare runs.');
    return;
  }
  const colW = (W - M.left - M.right) / layers;
  const bins = shown.map((r) => Array.from({ length: layers }, (_, l) => rebinned(r.frame!, l + 1, scale)));
  for (let l = 0; l < layers; l++) {
    const top = Math.max(1e-9, ...bins.map((b) => Math.max(...b[l])));
    const x0 = M.left + l * colW + 4, pw = colW - 8;
    ctx.fillStyle = '#333';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(`W${l + 1}`, x0 + pw / 2, 2);
    ctx.textBaseline = 'alphabetic';
    ctx.fillText('0', x0 + pw / 2, H - 6);
    // the shared scale's ends, once: left of the first column, right of the last
    if (l === 0) {
      ctx.textAlign = 'left';
      ctx.fillText(`−${num(scale)}`, x0, H - 6);
    }
    if (l === layers - 1) {
      ctx.textAlign = 'right';
      ctx.fillText(num(scale), x0 + pw, H - 6);
    }
    shown.forEach((r, k) => {
      const y0 = M.top + rows.indexOf(r) * (M.row + M.gap);
      ctx.strokeStyle = '#ccc';
      ctx.lineWidth = 1;
      ctx.strokeRect(x0, y0, pw, M.row);
      ctx.beginPath();
      ctx.moveTo(x0 + pw / 2, y0);
      ctx.lineTo(x0 + pw / 2, y0 + M.row);
      ctx.stroke();
      ctx.fillStyle = r.color;
      const bw = pw / BINS;
      bins[k][l].forEach((v, i) => {
        const h = (v / top) * (M.row - 2);
        if (v > 0) ctx.fillRect(x0 + i * bw, y0 + M.row - Math.max(1, h), Math.max(1, bw - 0.5), Math.max(1, h));
      });
    });
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  rows.forEach((r, k) => {
    ctx.fillStyle = r.color;
    ctx.fillText(r.label.replace(/ \(.*/, ''), M.left - 6, M.top + k * (M.row + M.gap) + M.row / 2);
  });
  const said = shown.map((r) => `${r.label}: ${r.frame!.layers.slice(1).map((ly, l) => `W${l + 1} sd ${num(ly.sd)}, |w| up to ${num(ly.maxAbs)}, ${pct(ly.near / ly.count)} ≈ 0`).join('; ')}`);
  canvas.setAttribute('aria-label', `Weight histograms per layer on one x-scale from −${num(scale)} to ${num(scale)}, at the iteration in view: ${said.join(' · ')}.`);
}
