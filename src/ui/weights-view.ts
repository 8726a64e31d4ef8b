/**
 * What L2 does to the network itself: the size of each layer's weights, ‖W[l]‖ (Frobenius), as
 * grouped bars, one group per layer and one bar per model, redrawn while the models train.
 */
import type { Params } from '../model/network';
import { context2d, drawYGrid, fitToScreen, niceTicks } from './chart';
import { drawnBy, exportSize } from './figure-export';

export interface WeightBars {
  label: string;
  color: string;
  /** ‖W[l]‖ per layer; null before the model has started. */
  norms: number[] | null;
}

/** ‖W[l]‖ (Frobenius) for each layer. */
export function weightNorms(p: Params): number[] {
  return p.W.map((w) => Math.sqrt(w.reduce((s, v) => s + v * v, 0)));
}

const M = { left: 46, right: 10, top: 10, bottom: 40 };

export function drawWeightNorms(canvas: HTMLCanvasElement, models: WeightBars[]): void {
  drawnBy(canvas, (target) => drawWeightNorms(target, models.map((m) => ({ ...m, norms: m.norms && [...m.norms] }))));
  // the page's canvas at its own size; a download's at its CSS size × 2 (figure-export.ts)
  const { ctx, W, H } = exportSize(canvas) ? fitToScreen(canvas) : { ctx: context2d(canvas), W: canvas.width, H: canvas.height };
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  const layers = Math.max(0, ...models.map((m) => m.norms?.length ?? 0));
  const max = Math.max(0, ...models.flatMap((m) => m.norms ?? []));
  const ticks = niceTicks(0, max > 0 ? max : 1, 4);
  const top = Math.max(ticks[ticks.length - 1], max);
  const sy = (v: number) => M.top + ph * (1 - v / top);
  ctx.font = '11px system-ui, sans-serif';
  drawYGrid(ctx, ticks, sy, M.left, pw, (t) => String(+t.toPrecision(3)));
  ctx.save();
  ctx.translate(11, M.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('‖W‖ (Frobenius)', 0, 0);
  ctx.restore();
  if (layers > 0) {
    const group = pw / layers, bar = Math.min(28, (group * 0.8) / models.length);
    for (let l = 0; l < layers; l++) {
      const x0 = M.left + l * group + (group - bar * models.length) / 2;
      models.forEach((m, k) => {
        const v = m.norms?.[l];
        if (v === undefined) return;
        ctx.fillStyle = m.color;
        ctx.fillRect(x0 + k * bar + 1, sy(v), bar - 2, M.top + ph - sy(v));
      });
      ctx.fillStyle = '#333';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(`W${l + 1}`, M.left + (l + 0.5) * group, M.top + ph + 4);
    }
  }
  ctx.strokeStyle = '#777';
  ctx.strokeRect(M.left, M.top, pw, ph);
  // legend under the axis
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let x = M.left;
  for (const m of models) {
    ctx.fillStyle = m.color;
    ctx.fillRect(x, H - 12, 12, 10);
    ctx.fillStyle = '#222';
    ctx.fillText(m.label, x + 16, H - 7);
    x += 16 + ctx.measureText(m.label).width + 14;
  }
  canvas.setAttribute('role', 'img');
  const said = models.filter((m) => m.norms).map((m) => `${m.label} ${m.norms!.map((v, l) => `W${l + 1} ${v.toPrecision(3)}`).join(', ')}`);
  canvas.setAttribute('aria-label', said.length ? `Weight size per layer (Frobenius norm): ${said.join('; ')}.` : 'Weight size per layer: appears while compare runs.');
}
