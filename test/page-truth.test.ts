/**
 * What the page says about a run, without a DOM: the lesson preset's settings and the notebook note's
 * float32 explanation, the over-confidence note's rule, the train chart's test legend, the gradients
 * lab's colours by depth, and whose fault a divergence is (λ when the L2 penalty alone diverges).
 */
import { describe, expect, it } from 'vitest';
import { COURSE_SETTINGS, DEFAULT_SETTINGS, type TrainSettings } from '../src/model/settings';
import type { CostPoint } from '../src/model/types';
import { divergenceOf, penaltyStep, type RunResult } from '../src/train/run';
import { depthColors } from '../src/ui/chart';
import { confidenceNote, confidenceRise } from '../src/ui/confidence-note';
import { ACCURACY, CROSS_ENTROPY, trainSeries } from '../src/ui/curves-view';
import type { LabData } from '../src/ui/data-source';
import { changedLessonSettings, changedText, LESSON_KEYS, lessonSettingsText, notebookNote } from '../src/ui/lesson-preset';
import type { LiveModel } from '../src/ui/live-run';
import { defaultFields, withCourse } from '../src/ui/state';

const curve = (values: number[], every = 100): CostPoint[] => values.map((cost, i) => ({ iteration: i * every, cost }));

describe('the lesson preset', () => {
  it('its settings are the CLI\'s --course but the log step; a backend, precision, kernel, log step or data change is not one of them', () => {
    expect([...LESSON_KEYS].sort()).toEqual(Object.keys(COURSE_SETTINGS).filter((k) => k !== 'logEvery').sort());
    const lesson = withCourse(defaultFields());
    expect(changedLessonSettings(lesson, { ...lesson, backend: 'cpu', precision: 'f32', gpuPath: 'layered', logEvery: '500', dataset: 'circles', l2: '0.1' })).toEqual([]);
    const changed = changedLessonSettings(lesson, { ...lesson, learningRate: '0.1', seed: '4' });
    expect(changed.sort()).toEqual(['learningRate', 'seed']);
    expect(changedText(['learningRate'])).toBe('the learning rate');
    expect(changedText(['seed', 'iterations'])).toBe('the seed and the iterations');
    // what the toggle names: the lesson's values, and any a request overrode (`course: true, iterations: 1500`, as --course --iterations 1500)
    expect(lessonSettingsText(lesson)).toBe('hidden layers 20,3 · activation relu · init scaled · init stream numpy · seed 3 · '
      + 'dropout masks numpy · learning rate 0.3 · iterations 30000');
    expect(lessonSettingsText({ ...lesson, iterations: '1500' })).toContain('iterations 1500 (the lesson\'s: 30000)');
  });

  const lessonData: LabData = { source: 'data.mat', train: { m: 211 } as LabData['train'], test: { m: 200 } as LabData['train'], };
  const run = (train: number, test: number, backend: RunResult['backend'], precision: TrainSettings['precision'] = 'f64') =>
    ({ backend, settings: { ...DEFAULT_SETTINGS, precision }, train: { accuracy: train, cost: 0 }, test: { accuracy: test, cost: 0 } }) as unknown as RunResult;
  const req = { course: true };

  it('beside the notebook\'s numbers: how many of the six this run gives, and on float32 why the dropout row can differ', () => {
    const f64 = notebookNote(req, lessonData, 0.7, 0.86, [run(0.948, 0.915, 'cpu'), run(0.938, 0.93, 'cpu'), run(0.929, 0.95, 'cpu')]);
    expect(f64).toMatch(/^The notebook prints, on the same data \(train \/ test accuracy\): none 94\.8 % \/ 91\.5 %/);
    expect(f64).toMatch(/This run, on the float64 CPU reference, gives 6 of the six\.$/);
    const f32 = notebookNote(req, lessonData, 0.7, 0.86, [run(0.948, 0.915, 'wasm'), run(0.938, 0.93, 'wasm'), run(0.938, 0.95, 'wasm')]);
    expect(f32).toContain('This run gives 5 of the six: it computed in float32 (the fast CPU engine)');
    expect(f32).toContain('(92.4 % or 93.8 % against 92.9 %)');
    expect(f32).toContain('Only the float64 CPU reference');
    expect(notebookNote(req, lessonData, 0.7, 0.86, [run(0.948, 0.915, 'cpu', 'f32'), run(0.938, 0.93, 'cpu', 'f32'), run(0.929, 0.95, 'cpu', 'f32')]))
      .toContain('float32 (the CPU reference in float32)');
    // another λ, or the preset off: the notebook's numbers say nothing about the run
    expect(notebookNote(req, lessonData, 0.1, 0.86, [])).toBe('');
    expect(notebookNote({ course: false }, lessonData, 0.7, 0.86, [])).toBe('');
  });
});

describe('the over-confidence note', () => {
  it('a cross-entropy that rises past its lowest point while accuracy holds is a rise; with accuracy falling, or a small rise, it is not', () => {
    const ce = curve([0.69, 0.4, 0.3, 0.32, 0.38, 0.45]);
    expect(confidenceRise(ce, curve([0.5, 0.85, 0.9, 0.9, 0.91, 0.9]))).toEqual({ from: 0.3, at: 200, to: 0.45, accuracyFrom: 0.9, accuracyTo: 0.9 });
    expect(confidenceRise(ce, curve([0.5, 0.85, 0.9, 0.88, 0.86, 0.85]))).toBeNull(); // accuracy fell 5 points: plain overfitting
    expect(confidenceRise(curve([0.69, 0.4, 0.3, 0.31, 0.32]), curve([0.5, 0.8, 0.9, 0.9, 0.9]))).toBeNull(); // +0.02: noise
    expect(confidenceRise(curve([0.69, 0.4, 0.3]), curve([0.5, 0.8, 0.9]))).toBeNull(); // still falling
  });

  it('names each model and set that rose (test first), then says why in a student\'s words', () => {
    const none = { name: 'none', costs: curve([0.69, 0.2, 0.1]), trainAccuracy: curve([0.5, 0.9, 0.95]), testCosts: curve([0.69, 0.3, 0.5]), testAccuracy: curve([0.5, 0.9, 0.91]) };
    const l2 = { name: 'L2 (λ = 0.7)', costs: curve([0.69, 0.3, 0.25]), trainAccuracy: curve([0.5, 0.9, 0.92]), testCosts: curve([0.69, 0.35, 0.33]), testAccuracy: curve([0.5, 0.9, 0.91]) };
    const note = confidenceNote([none, l2]);
    expect(note).toMatch(/^none: test cross-entropy 0\.300 → 0\.500 since iteration 100, test accuracy 90\.0 % → 91\.0 %\. /);
    expect(note).not.toContain('L2');
    expect(note).toContain('over-confident mistakes');
    expect(confidenceNote([l2])).toBe('');
  });
});

describe('the train chart', () => {
  const live = (hasTest: boolean) => ({
    settings: DEFAULT_SETTINGS, hasTest, costs: curve([0.7, 0.3]), testCosts: hasTest ? curve([0.7, 0.4]) : [], objective: curve([0.7, 0.3]),
    trainAccuracy: curve([0.5, 0.9]), testAccuracy: hasTest ? curve([0.5, 0.85]) : [], result: null,
  }) as unknown as LiveModel;

  it('has a test curve (and legend) only with a test set, in cross-entropy and in accuracy', () => {
    for (const shown of [CROSS_ENTROPY, ACCURACY] as const) {
      expect(trainSeries(live(true), shown).map((s) => s.label)).toEqual(['train', 'test']);
      expect(trainSeries(live(false), shown).map((s) => s.label)).toEqual(['train']);
    }
    expect(trainSeries(live(true), ACCURACY)[1].points.map((p) => p.cost)).toEqual([0.5, 0.85]);
  });
});

describe('the gradients lab\'s colours by depth', () => {
  it('no two layers of a deep network share a colour', () => {
    for (const n of [2, 12, 20, 65]) {
      const c = depthColors(n);
      expect(c).toHaveLength(n);
      expect(new Set(c).size).toBe(n);
      for (const x of c) expect(x).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});

describe('whose fault a divergence is', () => {
  it('λ, when gradient descent on the L2 penalty alone overshoots (lr·λ/m > 2); the learning rate otherwise', () => {
    expect(penaltyStep({ learningRate: 0.3, l2: 0.7 }, 211)).toBeUndefined();
    expect(penaltyStep({ learningRate: 0.3, l2: 1400 }, 211)).toBeUndefined(); // lr·λ/m = 1.99: decays, does not flip
    const step = penaltyStep({ learningRate: 0.3, l2: 1e9 }, 200)!;
    expect(step.limit).toBeCloseTo(1333.33, 2);
    expect(step.factor).toBeCloseTo(1 - 1.5e6, 0);
    const byL2 = divergenceOf({ learningRate: 0.3, l2: 1e9 }, 200, 3, Infinity);
    expect(byL2.field).toBe('l2');
    expect(byL2.message).toMatch(/^λ \(L2\) is too large: the penalty drives training to diverge at iteration 3 \(cost Infinity\)/);
    const byLr = divergenceOf({ learningRate: 1e6, l2: 0 }, 200, 3, Infinity);
    expect(byLr.field).toBe('learningRate');
    expect(byLr.message).toContain('try a smaller learning rate');
  });
});
