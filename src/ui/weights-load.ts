/**
 * "load weights": a weights JSON (`reglab train --save-weights`, or this page's "download weights
 * JSON") read back and used to predict on the page's data — the boundary map of the loaded model and
 * its train and test accuracy, nothing trained; the file's layers and activation are the network's.
 * As the CLI's `reglab train --load-weights FILE --iterations 0`.
 */
import { hiddenOf, parseWeights } from '../model/weights-json';
import { pct } from '../present/format';
import type { Evaluation } from '../model/types';
import { boundsOf, predictGrid } from '../train/grid';
import { drawBoundary } from './boundary';
import type { DataSource } from './data-source';
import { $ } from './dom';
import { GRID } from './live-run';
import type { Page } from './page';
import { requestFrom, settingsFor } from './request';
import type { RunController } from './run-controller';

export interface LoadedPrediction {
  weights: string;
  dims: number[];
  train: Evaluation;
  test: Evaluation | null;
}

/** Predict with the weights of `text` (a file named `name`) on the controls' data, as train's run: its map and its accuracies. */
export function predictWithWeights(run: RunController, data: DataSource, text: string, name: string): Promise<LoadedPrediction> {
  return run.start('train', (s) => run.exclusive(async () => {
    const { dims, activation, params } = parseWeights(text, name); // a bad file: its error in the error line
    const d = await data.data(s.fields);
    if (d.train.features !== dims[0]) throw new Error(`${name}: the network takes ${dims[0]} inputs, the data has ${d.train.features} features`);
    const settings = settingsFor({ ...requestFrom(s.fields, s.course), layers: hiddenOf(dims), activation });
    const trainer = await run.makeTrainer(settings, d.train);
    await trainer.setParams(params);
    const bounds = boundsOf([d.train, d.test]);
    const [train, test, probs] = await Promise.all([trainer.evaluate(d.train), d.test ? trainer.evaluate(d.test) : null, predictGrid(trainer, bounds, GRID)]);
    drawBoundary({ canvas: $<HTMLCanvasElement>('boundary'), bounds, train: d.train, test: d.test, probs, resolution: GRID });
    $('stats').textContent = `loaded weights ${name} (${dims.join(' → ')}, ${activation}), not trained · train ${pct(train.accuracy)}${test ? ` · test ${pct(test.accuracy)}` : ''}`;
    return { weights: name, dims, train, test };
  }), (r) => `loaded weights ${r.weights}: train ${pct(r.train.accuracy)}${r.test ? `, test ${pct(r.test.accuracy)}` : ''}.`);
}

/** The "load weights" file input. */
export function installWeightsLoad(page: Page, run: RunController, data: DataSource): void {
  const input = $<HTMLInputElement>('weights-file');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    page.setMode('train');
    try {
      await predictWithWeights(run, data, await file.text(), file.name);
    } catch {
      // the error line says why (run.start shows it)
    } finally {
      input.value = '';
    }
  });
}
