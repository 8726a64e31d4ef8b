/**
 * The peer a user would pick instead: the same network, data, initial weights and math in
 * TensorFlow.js — W·A + b, the same activations, inverted dropout (tfjs's own random masks), the
 * cross-entropy from the logit plus λ/(2m)·Σ‖W‖², plain full-batch SGD through tfjs's autodiff.
 * Loaded only when a benchmark asks for it (tfjs is large). Backends: 'cpu' (Node and the page),
 * 'webgpu' (the page, on the same adapter as reglab).
 */
import type { NetworkSpec, Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { LabelledSet } from '../model/types';

export type TfjsBackend = 'cpu' | 'webgpu';

export interface TfjsRun {
  /** Runs `count` iterations; returns the cost of each (read back once, at the end). */
  run(count: number): Promise<number[]>;
  dispose(): void;
}

export async function tfjsTrainer(
  backend: TfjsBackend, spec: NetworkSpec, params: Params, train: LabelledSet, s: TrainSettings,
): Promise<TfjsRun> {
  const tf = await import('@tensorflow/tfjs-core');
  // Timed as it runs in production: no debug checks, and no "install tfjs-node" banner on stderr.
  tf.env().set('PROD', true);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients'); // the autodiff kernels
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs: the ${backend} backend is not available here`);
  await tf.ready();
  const L = spec.dims.length - 1;
  const m = train.m;
  const W = params.W.map((w, l) => tf.variable(tf.tensor2d(Float32Array.from(w), [spec.dims[l + 1], spec.dims[l]])));
  const b = params.b.map((bb, l) => tf.variable(tf.tensor2d(Float32Array.from(bb), [spec.dims[l + 1], 1])));
  const X = tf.tensor2d(Float32Array.from(train.X), [train.features, m]);
  const Y = tf.tensor2d(Float32Array.from(train.Y), [1, m]);
  const opt = tf.train.sgd(s.learningRate);
  const act = (z: import('@tensorflow/tfjs-core').Tensor) =>
    s.activation === 'relu' ? tf.relu(z) : s.activation === 'tanh' ? tf.tanh(z) : tf.sigmoid(z);
  const loss = () => tf.tidy(() => {
    let A: import('@tensorflow/tfjs-core').Tensor = X;
    let z: import('@tensorflow/tfjs-core').Tensor = X;
    for (let l = 0; l < L; l++) {
      z = tf.add(tf.matMul(W[l], A), b[l]);
      if (l < L - 1) {
        A = act(z);
        if (s.keepProb < 1) A = tf.div(tf.mul(A, tf.cast(tf.less(tf.randomUniform(A.shape), s.keepProb), 'float32')), s.keepProb);
      }
    }
    // max(z, 0) − z·y + log(1 + e^{−|z|}), as reglab's cost
    const ce = tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, Y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
    if (s.l2 === 0) return ce as import('@tensorflow/tfjs-core').Scalar;
    const sq = tf.addN(W.map((w) => tf.sum(tf.square(w))));
    return tf.add(ce, tf.mul(sq, s.l2 / (2 * m))) as import('@tensorflow/tfjs-core').Scalar;
  });
  return {
    async run(count) {
      const costs: import('@tensorflow/tfjs-core').Scalar[] = [];
      for (let i = 0; i < count; i++) costs.push(opt.minimize(loss, true)!);
      const stacked = tf.stack(costs);
      const values = Array.from(await stacked.data());
      stacked.dispose();
      costs.forEach((c) => c.dispose());
      return values;
    },
    dispose() {
      [...W, ...b, X, Y].forEach((t) => t.dispose());
      opt.dispose();
    },
  };
}
