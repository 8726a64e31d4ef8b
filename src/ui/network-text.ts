/**
 * The network view in words: each view's accessible name (its text alternative: the layer sizes,
 * the iteration, the shared scale, the weights near zero, what was thinned, and the dropout mask in
 * view), and the details line that says the value of the unit or weight under the pointer or focus.
 */
import { pct, WEIGHTS_NEAR_ZERO } from '../present/format';
import type { NetworkFrame } from '../train/network-frame';
import { MAX_LINES, type DrawnLine, type UnitRef } from './network-draw';

/** Numbers as the view writes them: 3 significant digits, a real minus sign. */
export const num = (x: number) => (x < 0 ? '−' : '') + String(+Math.abs(x).toPrecision(3));
const signed = (x: number) => (x > 0 ? '+' : '') + num(x);

/** What the view shows of a model's dropout: its mask for one example at one iteration, or the prediction (no mask). */
export interface MaskInView {
  /** 'train': the mask below; 'predict': no mask (as at prediction). */
  shown: 'train' | 'predict';
  /** Per hidden layer, 1 kept and 0 dropped; null while it is being drawn. */
  masks: Uint8Array[] | null;
  /** The engine's iteration the mask is of, and whether it is the same every iteration (the lesson's numpy masks). */
  iteration: number;
  fixed: boolean;
  /** The example (0-based) and its point. */
  example: number;
  point: [number, number];
  keepProb: number;
}

/** "units 3, 7 and 15 of 20" style list of dropped units (1-based), or "none". */
function droppedUnits(mask: Uint8Array): string {
  const d: number[] = [];
  mask.forEach((k, u) => { if (!k) d.push(u + 1); });
  return d.length === 0 ? `none of ${mask.length}` : `unit${d.length > 1 ? 's' : ''} ${d.join(', ')} of ${mask.length}`;
}

/** The sentence about a dropout model's mask in view. */
export function maskSentence(m: MaskInView): string {
  if (m.shown === 'predict') return `dropout: prediction shown, no mask (keep_prob ${m.keepProb} applies only in training)`;
  const which = m.fixed ? 'the lesson\'s numpy mask (the same every iteration)' : `dropout mask of iteration ${m.iteration}`;
  const example = `training example ${m.example + 1} (x = (${num(m.point[0])}, ${num(m.point[1])}))`;
  if (!m.masks) return `${which} for ${example}: being drawn`;
  return `${which} for ${example}: ${m.masks.map((mask, h) => `layer ${h + 1} dropped ${droppedUnits(mask)}`).join('; ')}; `
    + `kept units scaled by 1/keep_prob = ${num(1 / m.keepProb)}`;
}

/** The view's accessible name: it contains "network" and names the layer sizes. */
export function networkLabel(name: string, f: NetworkFrame, scale: number, models: number, totalLines: number, mask: MaskInView | null): string {
  const thinned = f.layers.filter((l) => l.shown < l.units).map((l) => `${l.shown} of ${l.units}`);
  const parts = [
    `network of the ${name} model: ${f.dims.join(' → ')}, ${f.iteration === 0 ? 'before training' : `after ${f.iteration.toLocaleString('en')} iterations`}`,
    `line width ∝ |w| on one scale shared by the ${models === 1 ? 'model' : `${models} models`} shown: the widest line is |w| = ${num(scale)}`,
    `this model's largest |w| ${num(f.maxAbs)}, ${WEIGHTS_NEAR_ZERO}: ${pct(f.nearZeroShare)}`,
  ];
  if (thinned.length) parts.push(`showing the first ${thinned.join(', ')} units of the wide layers`);
  if (totalLines > MAX_LINES) parts.push(`the ${MAX_LINES.toLocaleString('en')} strongest of ${totalLines.toLocaleString('en')} lines drawn`);
  if (mask) parts.push(maskSentence(mask));
  return parts.join('; ') + '.';
}

/** The value of a unit: its bias and its activation over the plane (and its mask, if any). */
export function unitDetail(name: string, f: NetworkFrame, u: UnitRef, mask: MaskInView | null): string {
  const L = f.layers.length - 1;
  const layer = f.layers[u.layer];
  const range = `${num(layer.lo[u.unit])} to ${num(layer.hi[u.unit])}`;
  if (u.layer === 0) return `${name} · input x${u.unit + 1}: from ${range} over the plane`;
  const what = u.layer === L ? 'output unit' : `layer ${u.layer}, unit ${u.unit + 1} of ${layer.units}`;
  const activation = u.layer === L ? `P(y = 1) from ${range}` : `activation from ${range}`;
  let text = `${name} · ${what}: bias ${signed(layer.b[u.unit])}; ${activation} over the plane`;
  if (mask?.masks && mask.shown === 'train' && u.layer < L) {
    const kept = mask.masks[u.layer - 1][u.unit] === 1;
    text += kept ? `; kept for example ${mask.example + 1}, scaled by ${num(1 / mask.keepProb)}` : `; dropped for example ${mask.example + 1}`;
  }
  // its incoming weights, strongest first (a few)
  const from = f.layers[u.layer - 1].shown;
  const ins = Array.from({ length: from }, (_, k) => ({ k, w: layer.W[u.unit * from + k] })).sort((a, b) => Math.abs(b.w) - Math.abs(a.w)).slice(0, 4);
  const source = (k: number) => (u.layer === 1 ? `x${k + 1}` : `unit ${k + 1}`);
  return `${text}; strongest weights in: ${ins.map((i) => `${signed(i.w)} from ${source(i.k)}`).join(', ')}`;
}

/** The value of a weight and where it goes. */
export function lineDetail(name: string, f: NetworkFrame, ln: DrawnLine): string {
  const L = f.layers.length - 1;
  const src = ln.layer === 1 ? `input x${ln.from + 1}` : `layer ${ln.layer - 1} unit ${ln.from + 1}`;
  const dst = ln.layer === L ? 'the output' : `layer ${ln.layer} unit ${ln.to + 1}`;
  return `${name} · weight W${ln.layer}[${ln.to + 1}, ${ln.from + 1}] = ${signed(ln.w)}: ${src} → ${dst}`;
}

/** The short lines under a view: weights ≈ 0 and the largest |w|, what was thinned, and the mask in view. */
export function viewFacts(f: NetworkFrame, totalLines: number, mask: MaskInView | null): string {
  const facts = [`${WEIGHTS_NEAR_ZERO}: ${pct(f.nearZeroShare)} · largest |w| ${num(f.maxAbs)}`];
  const thinned = f.layers.filter((l) => l.shown < l.units);
  if (thinned.length) facts.push(`the first ${thinned[0].shown} units of ${thinned.length === 1 ? 'a layer' : `${thinned.length} layers`} of up to ${Math.max(...thinned.map((l) => l.units))}`);
  if (totalLines > MAX_LINES) facts.push(`the ${MAX_LINES.toLocaleString('en')} strongest of ${totalLines.toLocaleString('en')} lines`);
  if (mask?.shown === 'predict') facts.push('prediction: no mask');
  else if (mask) {
    const dropped = mask.masks ? mask.masks.reduce((t, m) => t + m.length - m.reduce((a, k) => a + k, 0), 0) : null;
    const of = mask.masks ? mask.masks.reduce((t, m) => t + m.length, 0) : 0;
    facts.push(`${mask.fixed ? 'numpy mask' : `mask of iteration ${mask.iteration}`}, example ${mask.example + 1}: `
      + (dropped === null ? 'drawing…' : `${dropped} of ${of} hidden units dropped (grey), kept ones ×${num(1 / mask.keepProb)} (outlined)`));
  }
  return facts.join('; ');
}
