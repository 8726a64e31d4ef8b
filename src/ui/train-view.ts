/** The train view's run: one model, its boundary map, the cost chart and the progress line, live. */
import { boundsOf } from '../train/grid';
import type { RunRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import { trainSeries, type CurvesView } from './curves-view';
import type { LabData } from './data-source';
import { trainLive, type LiveModel } from './live-run';
import { modelView } from './model-view';
import type { BoundaryReplay } from './replay';
import { settingsFor } from './request';
import type { RunController } from './run-controller';

export interface TrainViews {
  run: RunController;
  boundary: HTMLCanvasElement;
  stats: HTMLElement;
  curves: CurvesView;
  replay: BoundaryReplay;
}

export async function trainRun(v: TrainViews, req: RunRequest, data: LabData): Promise<RunResult & { data: string }> {
  const settings = settingsFor(req);
  return v.run.exclusive(async () => {
    const bounds = boundsOf([data.train, data.test]);
    v.replay.clear();
    let live: LiveModel | null = null;
    v.curves.follow((shown) => live && trainSeries(live, shown), settings.iterations, () => [live]);
    const draw = modelView({ canvas: v.boundary, stats: v.stats, replay: v.replay }, data, bounds);
    const result = await trainLive(v.run, settings, data, bounds, undefined, false, (l) => {
      live = l;
      draw(l);
      v.curves.refresh();
    });
    return { ...result, data: data.source };
  });
}
