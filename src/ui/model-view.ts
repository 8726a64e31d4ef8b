/**
 * One model's boundary map and the progress line under the plots, drawn from its LiveModel as it
 * changes (train's one map, each of compare's); every map it draws is kept for the replay.
 */
import type { Bounds } from '../train/grid';
import { pct } from '../present/format';
import { drawBoundary } from './boundary';
import { fastCpuOneThread } from './engines';
import type { LabData } from './data-source';
import { GRID, type LiveModel } from './live-run';
import type { BoundaryReplay } from './replay';

export interface ModelViewPlaces {
  canvas: HTMLCanvasElement;
  /** The progress line under the plots. */
  stats: HTMLElement;
  replay: BoundaryReplay;
}

/** The function that draws a model's LiveModel on `v` (only what changed since the last call). */
export function modelView(v: ModelViewPlaces, data: LabData, bounds: Bounds): (live: LiveModel) => void {
  const record = v.replay.track(v.canvas, bounds, data, GRID);
  const draw = (probs: Float64Array) => drawBoundary({ canvas: v.canvas, bounds, train: data.train, test: data.test, probs, resolution: GRID });
  let drawn: LiveModel['map'] = null;
  let restored = false;
  return (live) => {
    if (live.map && live.map !== drawn) {
      drawn = live.map;
      record(live.map.iteration, live.map.probs);
      draw(live.map.probs);
      if (live.progress) v.stats.textContent = progressLine(live);
    }
    if (live.restoredMap) {
      // the replay ends at the kept model: the weights after bestIteration + 1 iterations
      if (!restored && live.result?.earlyStopping) {
        record(live.result.earlyStopping.bestIteration + 1, live.restoredMap, true);
        restored = true;
      }
      draw(live.restoredMap);
      v.stats.textContent = earlyStoppingLine(live);
    }
  };
}

function engine(live: LiveModel): string {
  if (live.backend === 'gpu') return `GPU: ${live.adapter}`;
  if (live.backend === 'wasm') return `CPU fast engine (f32 WebAssembly, worker${fastCpuOneThread() ? ', one thread: the page is not cross-origin isolated' : ''})`;
  return `CPU reference (${live.settings.precision}, worker)`;
}

/** e.g. "L2 (λ = 0.7) · iteration 400/1000 · 812 it/s · train 91.2 % · test 89.5 % · CPU reference (f64, worker)" */
function progressLine(live: LiveModel): string {
  const p = live.progress!;
  return `${live.name ? live.name + ' · ' : ''}iteration ${p.iteration}/${live.settings.iterations} · ${Math.round(p.rate)} it/s · `
    + `train ${pct(p.train)}${p.test !== null ? ` · test ${pct(p.test)}` : ''} · ${engine(live)}`;
}

function earlyStoppingLine(live: LiveModel): string {
  const r = live.result!;
  const es = r.earlyStopping!;
  return `${live.name ? live.name + ' · ' : ''}early stopping: ${es.stopped ? `stopped after iteration ${es.stopIteration}` : 'ran to the end'}; `
    + `weights of iteration ${es.bestIteration} restored · train ${pct(r.train.accuracy)}`
    + (r.test ? ` · test ${pct(r.test.accuracy)}` : '');
}
