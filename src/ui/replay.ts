/**
 * The boundary over training, kept for replay: each map's snapshots of P(y = 1) on the grid, taken
 * whenever the live view refreshed, and the slider that shows how the boundary bent (or did not) as
 * the model trained — and with it the views that follow it (the network figure keeps its own frames). Memory stays bounded: past MAX_SNAPSHOTS a map keeps every other snapshot.
 */
import type { Bounds } from '../train/grid';
import { drawBoundary } from './boundary';
import type { LabData } from './data-source';
import { $ } from './dom';
import type { Mode } from './state';

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
  /** Other views the slider moves with the maps (the network figure). */
  private readonly followers: ((iteration: number) => void)[] = [];
  /** The last iteration of the runs kept (the slider's end). */
  iterations = 0;

  clear(): void {
    this.tracks = [];
    this.iterations = 0;
  }

  /**
   * A map to record; returns the function that records one snapshot of it. A `restored` snapshot (early
   * stopping put back the weights of an earlier iteration) ends the map's history there: the snapshots
   * after it showed weights the run threw away, and the slider's end is the model that is kept.
   */
  track(canvas: HTMLCanvasElement, bounds: Bounds, data: LabData, resolution: number): (iteration: number, probs: Float64Array, restored?: boolean) => void {
    const t: Track = { canvas, bounds, data, resolution, snapshots: [] };
    this.tracks.push(t);
    return (iteration, probs, restored = false) => {
      if (restored) t.snapshots = t.snapshots.filter((s) => s.iteration < iteration);
      t.snapshots.push({ iteration, probs });
      if (t.snapshots.length > MAX_SNAPSHOTS) t.snapshots = t.snapshots.filter((_, i) => i % 2 === 0 || i === t.snapshots.length - 1);
      this.iterations = Math.max(0, ...this.tracks.map((k) => k.snapshots.at(-1)?.iteration ?? 0));
    };
  }

  get empty(): boolean {
    return this.tracks.every((t) => t.snapshots.length === 0);
  }

  /** Another view to show as it was whenever the maps are. */
  follow(show: (iteration: number) => void): void {
    this.followers.push(show);
  }

  /** Draw every map (and every follower) as it was at `iteration` (its last snapshot at or before it). */
  show(iteration: number): void {
    for (const show of this.followers) show(iteration);
    for (const t of this.tracks) {
      let snap = t.snapshots[0];
      for (const s of t.snapshots) if (s.iteration <= iteration) snap = s;
      if (!snap) continue;
      drawBoundary({ canvas: t.canvas, bounds: t.bounds, train: t.data.train, test: t.data.test, probs: snap.probs, resolution: t.resolution });
    }
  }
}

/**
 * The replay slider under the maps of the last train or compare: from iteration 0 to the run's end,
 * offered once a run has finished and left snapshots.
 */
export class ReplaySlider {
  private readonly box = $('replay');
  private readonly at = $<HTMLInputElement>('replay-at');
  private readonly label = $('replay-label');

  constructor(private readonly replay: BoundaryReplay) {
    this.at.addEventListener('input', () => this.showAt(Number(this.at.value)));
  }

  hide(): void {
    this.box.hidden = true;
  }

  /** After a run in `mode` finished: the slider under its maps, at the end. */
  offer(mode: Mode): void {
    const ok = (mode === 'train' || mode === 'compare') && !this.replay.empty;
    this.box.hidden = !ok;
    if (!ok) return;
    // under the maps of the view in use
    const view = $(`${mode}-view`);
    const maps = view.querySelector('.three');
    if (maps) maps.after(this.box);
    else view.append(this.box);
    this.at.max = String(this.replay.iterations);
    this.at.step = String(Math.max(1, Math.round(this.replay.iterations / 200)));
    this.at.value = this.at.max;
    this.label.textContent = `after ${this.replay.iterations.toLocaleString('en')} iterations`;
  }

  private showAt(at: number): void {
    this.label.textContent = at === 0 ? 'before training' : `after ${at.toLocaleString('en')} iterations`;
    this.replay.show(at);
  }
}
