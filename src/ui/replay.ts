/**
 * The boundary over training, kept for replay: each map's snapshots of P(y = 1) on the grid, taken
 * whenever the live view refreshed, so a slider can show how the boundary bent (or did not) as the
 * model trained. Memory stays bounded: past MAX_SNAPSHOTS a map keeps every other snapshot.
 */
import type { Bounds } from '../train/grid';
import { drawBoundary } from './boundary';
import type { LabData } from './lab';

const MAX_SNAPSHOTS = 240;

interface Track {
  canvas: HTMLCanvasElement;
  bounds: Bounds;
  data: LabData;
  resolution: number;
  snapshots: { iteration: number; probs: Float64Array }[];
}

export class BoundaryReplay {
  private tracks: Track[] = [];
  /** The last iteration of the runs kept (the slider's end). */
  iterations = 0;

  clear(): void {
    this.tracks = [];
    this.iterations = 0;
  }

  /** A map to record; returns the function that records one snapshot of it. */
  track(canvas: HTMLCanvasElement, bounds: Bounds, data: LabData, resolution: number): (iteration: number, probs: Float64Array) => void {
    const t: Track = { canvas, bounds, data, resolution, snapshots: [] };
    this.tracks.push(t);
    return (iteration, probs) => {
      t.snapshots.push({ iteration, probs });
      this.iterations = Math.max(this.iterations, iteration);
      if (t.snapshots.length > MAX_SNAPSHOTS) t.snapshots = t.snapshots.filter((_, i) => i % 2 === 0 || i === t.snapshots.length - 1);
    };
  }

  get empty(): boolean {
    return this.tracks.every((t) => t.snapshots.length === 0);
  }

  /** Draw every map as it was at `iteration` (its last snapshot at or before it). */
  show(iteration: number): void {
    for (const t of this.tracks) {
      let snap = t.snapshots[0];
      for (const s of t.snapshots) if (s.iteration <= iteration) snap = s;
      if (!snap) continue;
      drawBoundary({ canvas: t.canvas, bounds: t.bounds, train: t.data.train, test: t.data.test, probs: snap.probs, resolution: t.resolution });
    }
  }
}
