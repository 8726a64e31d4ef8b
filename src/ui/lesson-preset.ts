/**
 * The lesson preset as a visible mode: which settings are the lesson's, a toggle beside the run
 * buttons that shows them on (and names them), and the line that says why they went off. The
 * preset holds while the engine, precision, kernels, log step or the data change (none of them is
 * the lesson's model or its training) and leaves when one of its own settings changes. Also the
 * notebook's numbers under compare's table, with why a float32 engine can differ from them.
 */
import { COURSE_SETTINGS } from '../model/settings';
import { NOTEBOOK_ACCURACY, NOTEBOOK_DATA, NOTEBOOK_KEEP_PROB, NOTEBOOK_L2 } from '../model/notebook';
import { pct } from '../present/format';
import type { CompareRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import type { LabData } from './data-source';
import { $ } from './dom';
import type { Page } from './page';
import { FIELDS, type FieldKey, type Fields, type PageState } from './state';

/**
 * The settings that make a run the lesson's, as the page's controls: the preset's own, except its
 * log step (how often the cost is recorded changes nothing the run computes).
 */
export const LESSON_KEYS: readonly FieldKey[] = Object.keys(COURSE_SETTINGS).filter((k) => k !== 'logEvery') as FieldKey[];

const LABEL = new Map<string, string>(FIELDS.map((f) => [f.key, f.label]));

/** The lesson settings whose value differs between two sets of fields (empty: the lesson's model and training are the same). */
export function changedLessonSettings(before: Fields, after: Fields): FieldKey[] {
  return LESSON_KEYS.filter((k) => before[k] !== after[k]);
}

/**
 * The lesson's settings in the controls' words, as `fields` hold them: "hidden layers 20,3 · activation
 * relu · … · iterations 30000"; one a request overrode (the API's `course: true` with `iterations`, as
 * the CLI's `--course --iterations`) says so: "iterations 1500 (the lesson's: 30000)".
 */
export function lessonSettingsText(fields: Fields): string {
  return LESSON_KEYS.map((k) => {
    const v = COURSE_SETTINGS[k as keyof typeof COURSE_SETTINGS];
    const lesson = Array.isArray(v) ? v.join(',') : String(v);
    return `${LABEL.get(k)} ${fields[k]}${fields[k] === lesson ? '' : ` (the lesson's: ${lesson})`}`;
  }).join(' · ');
}

/** "the learning rate", "the seed and the iterations": what a student changed, as the controls name it. */
export function changedText(keys: readonly FieldKey[]): string {
  const names = keys.map((k) => `the ${LABEL.get(k) ?? k}`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The toggle and its line under the run buttons: hidden until the preset is first chosen (or a link
 * sets it), then "lesson settings: on" pressed with the settings named, or off with the reason.
 */
export class LessonMode {
  private readonly box = $('lesson-mode');
  private readonly toggle = $<HTMLButtonElement>('lesson-toggle');
  private readonly text = $('lesson-mode-text');
  /** Why the next change turns the preset off, when it is not a setting (the toggle itself). */
  private reason: string | null = null;

  constructor(page: Page, apply: () => void) {
    this.toggle.addEventListener('click', () => {
      if (!page.state.course) return apply();
      this.reason = 'you turned them off';
      page.setFields(page.readControls(), false);
    });
    page.onStateChange((now, before) => this.follow(now, before));
    if (page.state.course) this.follow(page.state, { ...page.state, course: false });
  }

  private follow(now: PageState, before: PageState): void {
    const reason = this.reason;
    this.reason = null;
    if (now.course === before.course && !now.course) return;
    this.box.hidden = false;
    this.toggle.setAttribute('aria-pressed', String(now.course));
    this.toggle.textContent = `lesson settings: ${now.course ? 'on' : 'off'}`;
    this.box.classList.toggle('on', now.course);
    if (now.course) {
      this.text.textContent = `${lessonSettingsText(now.fields)}. The backend, precision, kernels, log step and data stay yours.`;
      return;
    }
    const changed = changedLessonSettings(before.fields, now.fields);
    const why = reason ?? (changed.length ? `you changed ${changedText(changed)}` : '');
    this.text.textContent = `lesson settings off${why ? `: ${why}` : ''}. Press the toggle to set them again.`;
  }
}

const ENGINE: Record<RunResult['backend'], string> = { gpu: 'the GPU', wasm: 'the fast CPU engine', cpu: 'the CPU reference in float32' };

/**
 * The notebook's accuracies, for a compare on the lesson's data with the lesson's settings (the preset,
 * λ 0.7, keep_prob 0.86), and how many of the six this run gives; empty otherwise, since its numbers say
 * nothing about another run. A float32 run is told why it may differ: only float64 gives all six.
 */
export function notebookNote(req: CompareRequest, data: LabData, l2: number, keepProb: number, runs: RunResult[] = []): string {
  const lessonData = /\.mat$/i.test(data.source) && data.train.m === NOTEBOOK_DATA.train && data.test?.m === NOTEBOOK_DATA.test;
  if (!req.course || !lessonData || l2 !== NOTEBOOK_L2 || keepProb !== NOTEBOOK_KEEP_PROB) return '';
  const n = NOTEBOOK_ACCURACY;
  const published = `The notebook prints, on the same data (train / test accuracy): none ${pct(n.none.train)} / ${pct(n.none.test)}, `
    + `L2 ${pct(n.l2.train)} / ${pct(n.l2.test)}, dropout ${pct(n.dropout.train)} / ${pct(n.dropout.test)}.`;
  const lesson = [n.none, n.l2, n.dropout];
  const mine = runs.slice(0, 3);
  if (mine.length < 3 || mine.some((r) => !r.test)) return published;
  const same = mine.reduce((k, r, i) => k + Number(pct(r.train.accuracy) === pct(lesson[i].train)) + Number(pct(r.test!.accuracy) === pct(lesson[i].test)), 0);
  const f32 = mine.find((r) => r.backend !== 'cpu' || r.settings.precision === 'f32');
  if (!f32) return `${published} This run, on the float64 CPU reference, gives ${same} of the six.`;
  return `${published} This run gives ${same} of the six: it computed in float32 (${ENGINE[f32.backend]}), which rounds differently `
    + 'from the notebook\'s float64, so one training point of the dropout run can land on the other side of the boundary '
    + '(92.4 % or 93.8 % against 92.9 %). Only the float64 CPU reference (backend CPU reference, precision f64) gives all six.';
}
