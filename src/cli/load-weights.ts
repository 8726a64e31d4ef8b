/**
 * `reglab train --load-weights FILE`: weights saved by --save-weights (or the page's "download
 * weights JSON") as the starting point. The file's network is the run's network: its hidden sizes and
 * activation are used unless --layers / --activation are given, and then they must agree. With
 * --iterations 0 nothing trains: the loaded model predicts (train and test accuracy, cross-entropy,
 * each point's label); with more iterations training continues from the loaded weights.
 */
import { readFileSync } from 'node:fs';
import type { Params } from '../model/network';
import { hiddenOf, parseWeights } from '../model/weights-json';
import type { Activation, TrainSettings } from '../model/settings';
import type { Evaluation, LabelledSet, Trainer } from '../model/types';
import { nearZeroShare } from '../model/sparsity';
import { DataError, UsageError, type LoadedData, type TrainingFlags } from './options';
import { table } from './output';
import { fixed, pct } from '../present/format';

export interface LoadedWeights {
  file: string;
  dims: number[];
  activation: Activation;
  params: Params;
}

const arrow = (dims: readonly number[]) => dims.join(' → ');

/** The file, read and checked: any problem is one line naming --load-weights and the file. */
export function readWeightsFile(file: string): LoadedWeights {
  const source = `--load-weights ${file}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(`${source}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  return { file, ...parseWeights(text, source) };
}

/**
 * The flags with the file's network: --layers and --activation default to the file's, and a given
 * one that differs is refused (naming both). --iterations 0 is allowed here only: it means predict.
 */
export function flagsWithWeights(flags: TrainingFlags, w: LoadedWeights): TrainingFlags {
  const hidden = hiddenOf(w.dims);
  if (flags.layers !== undefined && flags.layers.join(',') !== hidden.join(',')) {
    throw new UsageError(`--load-weights: ${w.file} holds a ${arrow(w.dims)} network; --layers ${flags.layers.join(',') || '""'} asks for other hidden layers (leave --layers out to use the file's)`);
  }
  if (flags.activation !== undefined && flags.activation !== w.activation) {
    throw new UsageError(`--load-weights: ${w.file} holds a ${w.activation} network; --activation ${flags.activation} differs (leave it out to use the file's)`);
  }
  return { ...flags, layers: hidden, activation: w.activation, ...(flags.iterations === 0 ? { iterations: 1 } : {}) };
}

/** The data must have the file's inputs. */
export function checkInputs(w: LoadedWeights, data: LoadedData): void {
  if (data.train.features !== w.dims[0]) {
    throw new DataError(`--load-weights ${w.file}: the network takes ${w.dims[0]} inputs, the data has ${data.train.features} features`, w.file);
  }
}

export interface Prediction {
  data: string;
  weights: string;
  dims: number[];
  activation: Activation;
  backend: Trainer['backend'];
  settings: TrainSettings;
  train: Evaluation;
  test: Evaluation | null;
  nearZeroShare: number;
  /** Each point's predicted label (P > 0.5), in the data's order. */
  predictions: { train: number[]; test: number[] | null };
}

const labels = async (trainer: Trainer, set: LabelledSet) => Array.from(await trainer.predict(set.X, set.m), (p) => (p > 0.5 ? 1 : 0));

/** --iterations 0: the loaded model's accuracies and labels, nothing trained. */
export async function predictWith(trainer: Trainer, w: LoadedWeights, data: LoadedData, settings: TrainSettings): Promise<Prediction> {
  await trainer.setParams(w.params);
  return {
    data: data.source, weights: w.file, dims: w.dims, activation: w.activation, backend: trainer.backend, settings: { ...settings, iterations: 0 },
    train: await trainer.evaluate(data.train), test: data.test ? await trainer.evaluate(data.test) : null,
    nearZeroShare: nearZeroShare(w.params),
    predictions: { train: await labels(trainer, data.train), test: data.test ? await labels(trainer, data.test) : null },
  };
}

export function formatPrediction(p: Prediction): string {
  const acc = table(['set', 'accuracy', 'cross-entropy'], [
    ['train', pct(p.train.accuracy), fixed(p.train.cost)],
    ...(p.test ? [['test', pct(p.test.accuracy), fixed(p.test.cost)]] : []),
  ]);
  return `data: ${p.data}\nweights: ${p.weights} (${arrow(p.dims)}, ${p.activation}), not trained (--iterations 0)\n\n${acc}`;
}
