/**
 * A run is a snapshot. While a run goes its settings cannot change under it: every settings control
 * (the main settings, a lab's own, the file pickers and the drop on the plot) is locked until it ends.
 * Once it has ended, an edit marks its results as "not matching the controls — run again" until the
 * next run. The address follows the controls — a link is a recipe: opening it sets these controls,
 * and pressing the run (or run=auto) gives what it says; the mark says when the results on screen
 * ran with other settings, so the hash, the view and the table never disagree unsaid.
 */
import type { DataSource } from './data-source';
import { $ } from './dom';
import type { Page } from './page';
import type { RunController, RunState } from './run-controller';
import { FIELDS, type FieldSpec, type Mode, type PageState } from './state';

/** Why the settings are locked: a run goes, or a teacher's link locked them (controls=locked). */
export type LockReason = 'run' | 'link';

const reasons = new Set<LockReason>();

/** Whether the settings may change now (the drop on the plot and a file picked both ask). */
export const settingsLocked = (): boolean => reasons.size > 0;

/** Lock or unlock the settings for `reason`; they are editable only when no reason holds. */
export function lockSettings(reason: LockReason, locked: boolean): void {
  if (locked) reasons.add(reason);
  else reasons.delete(reason);
  const on = settingsLocked();
  // a disabled fieldset disables every control in it, without touching the controls' own disabled state
  for (const fs of document.querySelectorAll<HTMLFieldSetElement>('#controls fieldset, #settings fieldset.csv, .lab-settings fieldset')) fs.disabled = on;
  // the lesson preset's link and toggle change settings too: a class link that locks them keeps them off after every run
  if (reasons.has('link')) for (const id of ['course', 'lesson-toggle']) $<HTMLButtonElement>(id).disabled = true;
  document.body.classList.toggle('settings-locked', on);
  if (on) $('settings').setAttribute('aria-description', reasons.has('link') ? 'settings fixed by this link' : 'settings locked while the run goes');
  else $('settings').removeAttribute('aria-description');
}

/** The settings a run in `mode` reads: the main ones, and that lab's own (a lab's own are no part of another run). */
function readBy(mode: Mode): readonly FieldSpec[] {
  if (mode === 'bench') return FIELDS.filter((f) => f.key === 'benchSize');
  return FIELDS.filter((f: FieldSpec) => !f.lab || f.lab === mode);
}

/** The labels of the settings `now` holds otherwise than the run `ran` did (the lesson preset counted as one). */
export function changedSince(ran: PageState, now: PageState): string[] {
  const changed = readBy(ran.mode).filter((f) => ran.fields[f.key as keyof PageState['fields']] !== now.fields[f.key as keyof PageState['fields']]).map((f) => f.label);
  if (ran.course !== now.course) changed.push('lesson settings');
  return changed;
}

/** Keeps the lock and the stale mark in step with the run controller and the page's state. */
export function watchSnapshot(page: Page, run: RunController, data: DataSource): void {
  const mark = $('stale');
  /** The loaded file the last run read (a new file under the same "your file" setting is a change too). */
  let fileRan: object | null = null;
  let ended: RunState | null = null;
  const refresh = () => {
    const ran = run.snapshot;
    if (!ran || (ended !== 'done' && ended !== 'stopped') || page.state.mode !== ran.mode) {
      mark.hidden = true;
      return;
    }
    const changed = changedSince(ran, page.state);
    if (ran.fields.dataset === 'csv' && (data.csv ?? null) !== fileRan) changed.push('your data');
    mark.hidden = changed.length === 0;
    mark.textContent = `Not matching the controls — run again: these results ran with other settings (changed since: ${changed.join(', ')}).`;
  };
  run.onStatus((state) => {
    const going = state === 'running' || state === 'paused';
    lockSettings('run', going);
    if (going) fileRan = data.csv ?? null;
    // "ready" (a link opened in this tab says to press the run) leaves the last run's results as they were
    if (state !== 'ready') ended = going ? null : state;
    refresh();
  });
  page.onStateChange(refresh);
}
