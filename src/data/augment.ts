/**
 * Label-preserving data augmentation for 2-D sets, chosen by the user: `copies` jittered copies of
 * every training point (Gaussian noise of standard deviation `sigma`), plus the mirror images and
 * rotations the user declares to be symmetries of the problem. Applied to the training data only.
 */
import { NumpyRandom } from '../rng/mt19937';
import type { LabelledSet } from '../model/types';
import type { AUGMENT_MIRRORS, AUGMENT_ROTATIONS } from '../model/settings';

export type Mirror = (typeof AUGMENT_MIRRORS)[number];
export type Rotation = (typeof AUGMENT_ROTATIONS)[number];

export interface AugmentOptions {
  copies: number;
  sigma: number;
  /** x1: (x1, x2) → (−x1, x2); x2: → (x1, −x2); both: both flips and the two together. */
  mirror: Mirror;
  /** 90: quarter turns (90°, 180°, 270°) are symmetries; 180: the half turn is. */
  rotate: Rotation;
  seed: number;
}

export function augmentationOn(o: AugmentOptions): boolean {
  return o.copies > 0 || o.mirror !== 'none' || o.rotate !== 0;
}

/** The identity and each declared symmetry: every training point is trained on once per map (then jittered copies). */
function symmetries(o: Pick<AugmentOptions, 'mirror' | 'rotate'>): ((x: number, y: number) => [number, number])[] {
  const maps: ((x: number, y: number) => [number, number])[] = [(x, y) => [x, y]];
  if (o.mirror === 'x1' || o.mirror === 'both') maps.push((x, y) => [-x, y]);
  if (o.mirror === 'x2' || o.mirror === 'both') maps.push((x, y) => [x, -y]);
  if (o.mirror === 'both') maps.push((x, y) => [-x, -y]);
  if (o.rotate === 90) maps.push((x, y) => [-y, x], (x, y) => [-x, -y], (x, y) => [y, -x]);
  if (o.rotate === 180 && o.mirror !== 'both') maps.push((x, y) => [-x, -y]);
  return maps;
}

/** How many points `augment` makes of m. */
export function augmentedCount(m: number, o: Pick<AugmentOptions, 'copies' | 'mirror' | 'rotate'>): number {
  return m * symmetries(o).length * (1 + o.copies);
}

/** The original points, then each declared symmetry's images, then the jittered copies of all of them. */
export function augment(set: LabelledSet, o: AugmentOptions): LabelledSet {
  if (set.features !== 2) throw new RangeError(`augmentation: only 2-D data, got ${set.features} features`);
  const maps = symmetries(o);
  const base: [number, number, number][] = [];
  for (const f of maps) for (let j = 0; j < set.m; j++) base.push([...f(set.X[j], set.X[set.m + j]), set.Y[j]]);
  const rng = new NumpyRandom(o.seed);
  const pts = [...base];
  for (let c = 0; c < o.copies; c++) for (const [x, y, l] of base) pts.push([x + o.sigma * rng.randn(), y + o.sigma * rng.randn(), l]);
  const m = pts.length;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  pts.forEach(([x, y, l], j) => { X[j] = x; X[m + j] = y; Y[j] = l; });
  return { X, Y, m, features: 2 };
}
