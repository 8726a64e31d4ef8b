/**
 * The exercise's foothold in the page's first load, kept small: the names, the teacher's switch, and
 * `window.reglab.exercise`. Everything else — the controller, the sandbox worker, the view and its
 * CodeMirror editors — is imported when first needed: when the exercise view is shown (the "more
 * labs" button, or #mode=exercise in a link) or an API call arrives.
 *
 * The teacher's link: `?solutions=off` in the address (it survives the page rewriting its hash and a
 * reload); `solutions=off` in the hash is honoured too, and moved to the query where it stays.
 */
import type { CheckResult } from '../exercise/grader';
import { EXERCISES } from '../exercise/names';
import type { RunResult } from '../train/run';
import type { ExerciseController, ExerciseHost } from './exercise-controller';

export interface ExerciseApi {
  /** The exercise names: the notebook's four functions, then the WGSL one. */
  list(): string[];
  /** The solution's source; rejects under a teacher's link (solutions=off), saying so. */
  solution(name: string): Promise<string>;
  check(name: string, source: string): Promise<CheckResult>;
  /** compare's JSON on the float64 CPU, with the student's functions in place of the reference's. */
  trainWith(sources: Record<string, string>, settings?: Record<string, unknown>): Promise<{ data: string; runs: RunResult[] }>;
}

/** Read before the page rewrites its hash (this module loads before the page's script runs). */
function teacherSwitch(): boolean {
  const query = new URLSearchParams(location.search).get('solutions') === 'off';
  const hash = new URLSearchParams(location.hash.replace(/^#/, '')).get('solutions') === 'off';
  if (hash && !query) {
    const q = new URLSearchParams(location.search);
    q.set('solutions', 'off');
    history.replaceState(null, '', `?${q}${location.hash}`);
  }
  return query || hash;
}
const SOLUTIONS_OFF = teacherSwitch();

export interface InstallOptions extends ExerciseHost {
  /** Show the exercise view (the page's mode switch). */
  open(): void;
}

export function installExercise(host: InstallOptions): ExerciseApi {
  let controller: Promise<ExerciseController> | null = null;
  const control = () => (controller ??= import('./exercise-controller').then((m) => new m.ExerciseController(host, SOLUTIONS_OFF)));
  let view: Promise<unknown> | null = null;
  const root = document.getElementById('exercise-view');
  const showView = () => {
    view ??= Promise.all([control(), import('./exercise-view')]).then(([c, m]) => m.renderExercise(root!, c));
    view.catch((e) => { view = null; root!.textContent = `The exercise could not load: ${(e as Error).message}`; });
  };
  // the view is built the first time the page shows it, however it gets shown
  if (root) {
    const watch = () => { if (!root.hidden) showView(); };
    new MutationObserver(watch).observe(root, { attributes: true, attributeFilter: ['hidden'] });
    watch();
  }
  document.getElementById('lab-exercise')?.addEventListener('click', () => host.open());
  return {
    list: () => [...EXERCISES],
    solution: async (name) => (await control()).solution(name),
    check: async (name, source) => (await control()).check(name, source),
    trainWith: async (sources, settings) => (await control()).trainWith(sources, settings),
  };
}
