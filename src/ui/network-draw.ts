/**
 * One model's network on a canvas, from a frame (src/train/network-frame.ts): a column per layer,
 * every shown unit a small map of its activation over the input plane (blue negative, white 0,
 * orange positive, each on its own largest |a| so that its shape shows; the output unit in the
 * decision map's colours, P(y = 1)), every weight a line
 * coloured by its sign and as wide as |w| on the scale it is given (shared by the models shown: no
 * clamping, so a small weight is a thin line), each bias a bar under its unit. With a dropout mask,
 * dropped units are greyed with their lines faded and kept ones outlined (scaled by 1/keep_prob).
 * Returns where it drew each unit and line, for hover and focus.
 */
import { fitToScreen } from './chart';
import { drawnBy } from './figure-export';
import { unitScale, type NetworkFrame } from '../train/network-frame';

/** Lines drawn at most: past this many, the strongest (by |w|), and the view says so. */
export const MAX_LINES = 2000;

const NEG = [31, 95, 191], POS = [232, 115, 26];
const NEG_CSS = 'rgb(31,95,191)', POS_CSS = 'rgb(232,115,26)';

export interface UnitRef {
  /** 0: the inputs; 1..L: the layers. */
  layer: number;
  unit: number;
}

export interface NetworkPicture {
  frame: NetworkFrame;
  /** The |w| a line of full width stands for: one scale shared by the models shown. */
  scale: number;
  /** The |b| a full bias bar stands for, shared likewise. */
  biasScale: number;
  /** Per hidden layer, the example's mask (1: kept), or null (no dropout, or the prediction view). */
  masks: Uint8Array[] | null;
  keepProb: number;
  /** The unit to ring (focus or hover). */
  focus: UnitRef | null;
}

export interface DrawnUnit extends UnitRef {
  x: number;
  y: number;
  size: number;
}

export interface DrawnLine {
  /** The weight W_layer[to, from]: from unit `from` of layer − 1 to unit `to` of `layer`. */
  layer: number;
  to: number;
  from: number;
  w: number;
  x0: number; y0: number; x1: number; y1: number;
  width: number;
}

export interface Geometry {
  units: DrawnUnit[];
  lines: DrawnLine[];
  /** Lines among the shown units, and how many of them are drawn (all, or the MAX_LINES strongest). */
  totalLines: number;
}

interface Layout {
  size: number;
  gap: number;
  height: number;
  colX: number[];
  top: number;
}

const TOP = 16, PAD = 8;

/** Where the columns and units go at this width; the height follows from the largest shown layer. */
export function layoutNetwork(width: number, frame: NetworkFrame): Layout {
  const L = frame.layers.length - 1;
  const most = Math.max(...frame.layers.map((l) => l.shown));
  const size = Math.max(6, Math.min(22, Math.floor((width - 2 * PAD) / (3 * L + 1)), Math.floor(400 / most) - 3));
  const gap = Math.max(3, Math.round(size * 0.2));
  const colX = frame.layers.map((_, l) => PAD + size / 2 + (l * (width - 2 * PAD - size)) / Math.max(1, L));
  return { size, gap, height: TOP + most * (size + gap) + 4, colX, top: TOP };
}

/** The colour of an activation t in [−1, 1] (clamped: a colour, not a measurement), as RGB. */
function tint(t: number, out: Uint8ClampedArray, i: number): void {
  const c = t < 0 ? NEG : POS;
  const a = Math.min(1, Math.abs(t)) * 0.85;
  out[i] = 255 + (c[0] - 255) * a;
  out[i + 1] = 255 + (c[1] - 255) * a;
  out[i + 2] = 255 + (c[2] - 255) * a;
  out[i + 3] = 255;
}

export function drawNetwork(canvas: HTMLCanvasElement, p: NetworkPicture): Geometry {
  const { frame } = p;
  drawnBy(canvas, (target) => drawNetwork(target, p));
  const L = frame.layers.length - 1;
  const lay = layoutNetwork(canvas.clientWidth || canvas.width, frame);
  canvas.style.height = `${lay.height}px`;
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  const { size, gap } = lay;
  const yOf = (l: number, u: number) => lay.top + (H - lay.top - frame.layers[l].shown * (size + gap)) / 2 + u * (size + gap);
  const dropped = (l: number, u: number) => p.masks !== null && l >= 1 && l < L && p.masks[l - 1][u] === 0;

  // the lines: the weakest first, so the strong ones lie on top
  const lines: DrawnLine[] = [];
  for (let l = 1; l <= L; l++) {
    const from = frame.layers[l - 1].shown, layer = frame.layers[l];
    for (let i = 0; i < layer.shown; i++) {
      for (let k = 0; k < from; k++) {
        const w = layer.W[i * from + k];
        lines.push({
          layer: l, to: i, from: k, w, x0: lay.colX[l - 1] + size / 2, y0: yOf(l - 1, k) + size / 2,
          x1: lay.colX[l] - size / 2, y1: yOf(l, i) + size / 2, width: p.scale > 0 ? (Math.abs(w) / p.scale) * size * 0.45 : 0,
        });
      }
    }
  }
  const totalLines = lines.length;
  lines.sort((a, b) => Math.abs(a.w) - Math.abs(b.w));
  const drawn = lines.slice(Math.max(0, lines.length - MAX_LINES));
  ctx.lineCap = 'butt';
  for (const ln of drawn) {
    if (ln.width === 0) continue;
    ctx.globalAlpha = dropped(ln.layer - 1, ln.from) || dropped(ln.layer, ln.to) ? 0.12 : 0.8;
    ctx.strokeStyle = ln.w > 0 ? POS_CSS : NEG_CSS;
    ctx.lineWidth = ln.width;
    ctx.beginPath();
    ctx.moveTo(ln.x0, ln.y0);
    ctx.lineTo(ln.x1, ln.y1);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;

  // the units: each map drawn through one 16 × 16 scratch canvas
  const grid = Math.round(Math.sqrt(frame.layers[0].maps.length / frame.layers[0].shown));
  const scratch = new OffscreenCanvas(grid, grid);
  const sctx = scratch.getContext('2d')!;
  const img = sctx.createImageData(grid, grid);
  const units: DrawnUnit[] = [];
  ctx.imageSmoothingEnabled = true;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (let l = 0; l <= L; l++) {
    const layer = frame.layers[l];
    const x = lay.colX[l] - size / 2;
    ctx.fillStyle = '#333';
    ctx.textAlign = l === 0 ? 'left' : l === L ? 'right' : 'center';
    // the column's name, shortened where the columns are close (a phone's two views a row)
    const long = l === 0 ? 'input' : l === L ? 'output' : `layer ${l}${layer.shown < layer.units ? ` (${layer.shown} of ${layer.units})` : ''}`;
    const short = l === 0 ? 'in' : l === L ? 'out' : `h${l}${layer.shown < layer.units ? ` (${layer.shown}/${layer.units})` : ''}`;
    const pitch = (W - 2 * PAD - size) / Math.max(1, L);
    const label = [long, short, l === 0 || l === L ? short : `h${l}`].find((t) => ctx.measureText(t).width + 8 < pitch) ?? '';
    ctx.fillText(label, l === 0 ? 2 : l === L ? W - 2 : lay.colX[l], 2);
    for (let u = 0; u < layer.shown; u++) {
      const y = yOf(l, u);
      units.push({ layer: l, unit: u, x, y, size });
      if (dropped(l, u)) {
        ctx.fillStyle = '#d4d4d4';
        ctx.fillRect(x, y, size, size);
        ctx.strokeStyle = '#8a8a8a';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x + 2, y + 2); ctx.lineTo(x + size - 2, y + size - 2);
        ctx.moveTo(x + size - 2, y + 2); ctx.lineTo(x + 2, y + size - 2);
        ctx.stroke();
      } else {
        const cells = grid * grid, s = unitScale(layer, u);
        for (let j = 0; j < cells; j++) {
          const q = layer.maps[u * cells + j] / 127;
          tint(l === L ? (q * s - 0.5) * 2 : q, img.data, 4 * j);
        }
        sctx.putImageData(img, 0, 0);
        ctx.drawImage(scratch, x, y, size, size);
        const kept = p.masks && l >= 1 && l < L;
        ctx.strokeStyle = kept ? '#1d1d1d' : '#9a9a9a';
        ctx.lineWidth = kept ? 1.5 : 1;
        ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
      }
      // the bias: a bar under the unit, as long as |b| on the shared bias scale
      if (l >= 1 && p.biasScale > 0) {
        const b = layer.b[u];
        ctx.fillStyle = b > 0 ? POS_CSS : NEG_CSS;
        ctx.fillRect(x, y + size + 0.5, (Math.abs(b) / p.biasScale) * size, Math.min(2, gap - 1));
      }
    }
  }
  if (p.focus) {
    const f = units.find((u) => u.layer === p.focus!.layer && u.unit === p.focus!.unit);
    if (f) {
      ctx.strokeStyle = '#0072b2';
      ctx.lineWidth = 2.5;
      ctx.strokeRect(f.x - 3, f.y - 3, f.size + 6, f.size + 6);
    }
  }
  return { units, lines: drawn, totalLines };
}

/** What is under the point (x, y) in CSS pixels: a unit, else the nearest line within reach, else null. */
export function hitTest(g: Geometry, x: number, y: number): { unit: DrawnUnit } | { line: DrawnLine } | null {
  const unit = g.units.find((u) => x >= u.x - 2 && x <= u.x + u.size + 2 && y >= u.y - 2 && y <= u.y + u.size + 2);
  if (unit) return { unit };
  let best: DrawnLine | null = null, bestD = Infinity;
  for (const ln of g.lines) {
    const dx = ln.x1 - ln.x0, dy = ln.y1 - ln.y0;
    const t = Math.max(0, Math.min(1, ((x - ln.x0) * dx + (y - ln.y0) * dy) / (dx * dx + dy * dy || 1)));
    const d = Math.hypot(x - (ln.x0 + t * dx), y - (ln.y0 + t * dy));
    if (d <= Math.max(3, ln.width / 2 + 1) && d < bestD) {
      best = ln;
      bestD = d;
    }
  }
  return best ? { line: best } : null;
}
