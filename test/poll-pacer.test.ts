/**
 * dawn.node polls its device from `setImmediate` while a GPU promise is pending; on a software
 * adapter the pacer (src/gpu/poll-pacer.ts) keeps that from spinning the Node thread on a core the
 * adapter needs. Measured as the main thread's CPU time during a long wait for the GPU (Linux: /proc),
 * in forms a busy machine does not break: the paced thread's share of the wait (load lowers it), and
 * the spinning thread's CPU against the paced thread's.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu } from '../src/gpu/device';
import { GpuTrainer } from '../src/gpu/trainer';
import { isDawnPoll, paceDawnPolling, pacing } from '../src/gpu/poll-pacer';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import { fixtureTrain } from './fixtures';

afterAll(async () => {
  await releaseGpu();
});

describe('isDawnPoll', () => {
  it('is true only for a nameless native function of no parameters, scheduled without arguments', () => {
    // Function.prototype is such a function (as Dawn's poll, made by Napi::Function::New, is)
    expect(isDawnPoll(Function.prototype, [])).toBe(true);
    expect(isDawnPoll(Function.prototype, [1])).toBe(false);
    expect(isDawnPoll(() => {}, [])).toBe(false);
    expect(isDawnPoll(function poll() {}, [])).toBe(false);
    expect(isDawnPoll((() => {}).bind(null), [])).toBe(false);
    let resolver: unknown;
    void new Promise((r) => { resolver = r; });
    expect(isDawnPoll(resolver, [])).toBe(false);
  });

  it('other setImmediate calls go straight through, with their arguments', async () => {
    const restore = paceDawnPolling();
    try {
      const got = await new Promise((resolve) => setImmediate((a: number, b: string) => resolve([a, b]), 1, 'two'));
      expect(got).toEqual([1, 'two']);
    } finally {
      restore();
    }
  });
});

/** CPU seconds of this process's main thread (utime + stime, in 10 ms ticks). */
function mainThreadCpuS(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

describe.runIf(process.platform === 'linux')('on a software adapter', () => {
  it('the Node thread sleeps while the GPU works (it spun a whole core without the pacer)', async () => {
    const gpu = await acquireGpu();
    // on only where the adapter is the CPU: a real GPU is polled back to back, as dawn.node does
    expect(pacing()).toBe(gpu.isSoftware);
    if (!gpu.isSoftware) return;
    const spec = makeSpec(2, [20, 3], 'relu');
    const t = await GpuTrainer.create({
      gpu, spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 1 }), train: fixtureTrain,
      learningRate: 0.1, l2: 0, keepProb: 1, dropoutRng: 'philox', dropoutSeed: 1, chunk: 3000,
    });
    try {
      await t.run(0, 10, 10); // compiled and warm
      const wait = async () => {
        const [cpu0, wall0] = [mainThreadCpuS(), performance.now()];
        await t.run(0, 9000, 9000); // three dispatches of 3 000 iterations, a read-back after each
        return { cpu: mainThreadCpuS() - cpu0, wall: (performance.now() - wall0) / 1000 };
      };
      const paced = await wait();
      const restore = paceDawnPolling(); // installed by acquireGpu: this takes it off
      restore();
      expect(pacing()).toBe(false);
      let spun;
      try {
        spun = await wait();
      } finally {
        paceDawnPolling();
      }
      console.log(`main thread: ${paced.cpu.toFixed(2)} s of CPU in ${paced.wall.toFixed(2)} s paced, ${spun.cpu.toFixed(2)} s in ${spun.wall.toFixed(2)} s not`);
      // Paced, the thread polls from a timer of at least 1 ms: a few per cent of the wait in CPU, and a
      // busy machine only delays the timer (lower still). Spinning, it takes what the scheduler gives
      // it: about 0.8 of the wait on an idle machine, its share of the cores on a busy one — 0.31 s
      // of 7.98 s at a load average of 18 here, against the paced 0.11 s of 4.86 s — so that side is
      // compared with the paced one, not with the wall clock.
      expect(paced.cpu).toBeLessThan(0.15 * paced.wall);
      expect(spun.cpu).toBeGreaterThan(paced.cpu);
    } finally {
      t.dispose();
    }
  });
});
