/**
 * What the page's network view draws of a model at one iteration, computed from its weights (in a
 * worker: src/ui/network-worker.ts): each shown unit's activation over the input plane on a coarse
 * grid (the CPU reference's forward pass in float64, without dropout), the shown weights and biases,
 * and per layer the largest |w|, the spread, the share near zero and a fine histogram of all its
 * weights. A frame is compact — maps as bytes, at most MAX_SHOWN units per layer, whatever the
 * network's size — so the replay keeps one per refresh of the views.
 */
import type { NetworkSpec, Params } from '../model/network';
import { NEAR_ZERO_FRACTION, nearZeroShare } from '../model/sparsity';
import { activate, linearForward, round64 } from '../reference/ops';
import { gridPoints, type Bounds } from './grid';

/** Cells per side of a unit's map. */
export const FRAME_GRID = 16;
/** Units drawn per layer at most: the first ones (a layer's units are alike at initialization, so these are a fair sample). */
export const MAX_SHOWN = 24;
/** Bins of a layer's histogram over [−max|w|, max|w|]; the views re-bin them on their shared scale. */
export const HISTOGRAM_BINS = 128;

export interface LayerFrame {
  /** n_l, and how many of them (the first) are drawn. */
  units: number;
  shown: number;
  /**
   * The shown units' activations over the grid (shown × G², each row-major from the top-left as
   * gridPoints), as round(127·a / s) with s the unit's own largest |a| (unitScale): each map shows
   * its unit's shape; lo and hi say how large it is.
   */
  maps: Int8Array;
  /** Each shown unit's least and greatest activation over the plane. */
  lo: Float32Array;
  hi: Float32Array;
  /** W_l's shown block (shown_l × shown_{l−1}, row-major) and the shown units' biases; empty for the inputs (layer 0). */
  W: Float32Array;
  b: Float32Array;
  /** Over all of W_l: its largest |w|, standard deviation, weights near zero (|w| < 1 % of the model's largest |w|) and count. */
  maxAbs: number;
  sd: number;
  near: number;
  count: number;
  /** HISTOGRAM_BINS counts of all of W_l's weights over [−maxAbs, maxAbs] (all in the middle bin when maxAbs is 0). */
  histogram: Uint32Array;
}

export interface NetworkFrame {
  /** Iterations done when the weights were read (0: the initial weights). */
  iteration: number;
  dims: number[];
  /** Layer 0 (the inputs x1, x2 over the plane), then layers 1..L. */
  layers: LayerFrame[];
  /** Over every weight (not the biases): the largest |w|, and the share near zero as runs report it (nearZeroShare). */
  maxAbs: number;
  nearZeroShare: number;
  /** The largest |b| over the shown units. */
  maxBias: number;
}

/** A layer's activations over the grid (n × cells) as the frame keeps them: its first `shown` rows, quantized. */
function layerMaps(A: Float64Array, n: number, cells: number): Pick<LayerFrame, 'units' | 'shown' | 'maps' | 'lo' | 'hi'> {
  const shown = Math.min(n, MAX_SHOWN);
  const lo = new Float32Array(shown), hi = new Float32Array(shown);
  const maps = new Int8Array(shown * cells);
  for (let u = 0; u < shown; u++) {
    let a = Infinity, z = -Infinity;
    for (let j = 0; j < cells; j++) {
      const v = A[u * cells + j];
      a = Math.min(a, v);
      z = Math.max(z, v);
    }
    lo[u] = a;
    hi[u] = z;
    const s = Math.max(Math.abs(a), Math.abs(z));
    if (s > 0) for (let j = 0; j < cells; j++) maps[u * cells + j] = Math.round((127 * A[u * cells + j]) / s);
  }
  return { units: n, shown, maps, lo, hi };
}

/** What a shown unit's map is quantized by: its largest |activation| over the plane (0: all zero). */
export function unitScale(layer: LayerFrame, unit: number): number {
  return Math.max(Math.abs(layer.lo[unit]), Math.abs(layer.hi[unit]));
}

/** W_l's statistics and histogram; `bound` is what counts as near zero for this model. */
function weightStats(w: Float64Array, bound: number, allZero: boolean): Pick<LayerFrame, 'maxAbs' | 'sd' | 'near' | 'count' | 'histogram'> {
  let maxAbs = 0, sum = 0, sq = 0, near = 0;
  for (let i = 0; i < w.length; i++) {
    const a = Math.abs(w[i]);
    maxAbs = Math.max(maxAbs, a);
    sum += w[i];
    sq += w[i] * w[i];
    if (allZero || a < bound) near++;
  }
  const count = w.length;
  const mean = sum / count;
  const histogram = new Uint32Array(HISTOGRAM_BINS);
  for (let i = 0; i < w.length; i++) {
    const bin = maxAbs === 0 ? HISTOGRAM_BINS >> 1 : Math.floor(((w[i] + maxAbs) / (2 * maxAbs)) * HISTOGRAM_BINS);
    histogram[Math.min(HISTOGRAM_BINS - 1, bin)]++;
  }
  return { maxAbs, sd: Math.sqrt(Math.max(0, sq / count - mean * mean)), near, count, histogram };
}

/** The frame of a model with these weights after `iteration` iterations, its maps over `bounds`. */
export function networkFrame(spec: NetworkSpec, params: Params, bounds: Bounds, iteration: number, grid = FRAME_GRID): NetworkFrame {
  const dims = [...spec.dims];
  const L = dims.length - 1;
  const cells = grid * grid;
  let largest = 0;
  for (const w of params.W) for (let i = 0; i < w.length; i++) largest = Math.max(largest, Math.abs(w[i]));
  const bound = NEAR_ZERO_FRACTION * largest;
  let A = gridPoints(bounds, grid);
  const none = { W: new Float32Array(0), b: new Float32Array(0), maxAbs: 0, sd: 0, near: 0, count: 0, histogram: new Uint32Array(HISTOGRAM_BINS) };
  const layers: LayerFrame[] = [{ ...layerMaps(A, dims[0], cells), ...none }];
  let maxBias = 0;
  for (let l = 1; l <= L; l++) {
    const Z = new Float64Array(dims[l] * cells);
    linearForward(params.W[l - 1], A, params.b[l - 1], Z, dims[l], dims[l - 1], cells, round64);
    const next = new Float64Array(Z.length);
    activate(l === L ? 'sigmoid' : spec.hiddenActivation, Z, next, round64);
    const maps = layerMaps(next, dims[l], cells);
    const from = layers[l - 1].shown;
    const W = new Float32Array(maps.shown * from);
    for (let i = 0; i < maps.shown; i++) for (let k = 0; k < from; k++) W[i * from + k] = params.W[l - 1][i * dims[l - 1] + k];
    const b = Float32Array.from(params.b[l - 1].subarray(0, maps.shown));
    for (const v of b) maxBias = Math.max(maxBias, Math.abs(v));
    layers.push({ ...maps, W, b, ...weightStats(params.W[l - 1], bound, largest === 0) });
    A = next;
  }
  return { iteration, dims, layers, maxAbs: largest, nearZeroShare: nearZeroShare(params), maxBias };
}

/** The frame's typed arrays, to move to another thread instead of copying them. */
export function frameBuffers(f: NetworkFrame): ArrayBuffer[] {
  return f.layers.flatMap((l) => [l.maps, l.lo, l.hi, l.W, l.b, l.histogram].map((a) => a.buffer as ArrayBuffer));
}
