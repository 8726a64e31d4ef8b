/** The train view's run: one model, its boundary map, network view, the cost chart and the progress line, live. */
import { boundsOf } from '../train/grid';
import type { RunRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import { trainSeries, type CurvesView } from './curves-view';
import type { TrainSettings } from '../model/settings';
import type { LabData } from './data-source';
import { trainLive, type LiveModel } from './live-run';
import { MODEL_COLORS } from './curves-view';
import { modelView } from './model-view';
import type { NetworkFigure } from './network-figure';
import type { BoundaryReplay } from './replay';
import { runSize } from '../train/estimate';
import { pageEngine } from './page-engine';
import { refuseOverAnHour } from './run-cost';
import { settingsFor } from './request';
import type { RunController } from './run-controller';
import type { RunRecord } from './run-record';

export interface TrainViews {
  run: RunController;
  boundary: HTMLCanvasElement;
  stats: HTMLElement;
  curves: CurvesView;
  replay: BoundaryReplay;
  network: NetworkFigure;
  /** The finished run, kept for the downloads. */
  record: RunRecord;
}

/** What train's one model is, for its network view: "the trained (λ = 0.7, keep_prob = 0.86)" — its regularization. */
export function trainedName(s: TrainSettings): string {
  const reg = [s.l2 > 0 ? `λ = ${s.l2}` : '', s.l1 > 0 ? `λ₁ = ${s.l1}` : '', s.keepProb < 1 ? `keep_prob = ${s.keepProb}` : ''].filter(Boolean);
  return `trained (${reg.length ? reg.join(', ') : 'no regularization'})`;
}

export async function trainRun(v: TrainViews, req: RunRequest, data: LabData): Promise<RunResult & { data: string }> {
  const settings = pageEngine(settingsFor(req), data.train);
  refuseOverAnHour([runSize(settings, data.train.m, data.train.features)], settings);
  return v.run.exclusive(async () => {
    const bounds = boundsOf([data.train, data.test]);
    v.replay.clear();
    v.record.set(null);
    let live: LiveModel | null = null;
    v.curves.follow((shown) => live && trainSeries(live, shown), settings.iterations, () => [live]);
    const draw = modelView({ canvas: v.boundary, stats: v.stats, replay: v.replay }, data, bounds);
    v.network.begin([{ name: trainedName(settings), color: MODEL_COLORS[0] }]);
    const result = await trainLive(v.run, settings, data, bounds, undefined, false, (l) => {
      live = l;
      draw(l);
      v.curves.refresh();
      v.network.update(0, l);
    });
    const json = { ...result, data: data.source };
    v.record.set({ kind: 'train', json, data, models: [{ short: '', live: live! }] });
    return json;
  });
}
