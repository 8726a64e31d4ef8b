/**
 * The page's settings and the view in front: `state` (the controls' values, the lesson preset, the
 * mode), kept in step with the controls and the address. Every change of settings goes through here.
 */
import type { Controls } from './controls';
import { $ } from './dom';
import { readHash, writeHash } from './hash';
import { changedLessonSettings } from './lesson-preset';
import { MODES, type Fields, type Mode, type PageState } from './state';

export class Page {
  state: PageState = readHash();
  private readonly watchers: ((now: PageState, before: PageState) => void)[] = [];

  constructor(private readonly controls: Controls) {
    controls.write(this.state.fields);
  }

  /** Called after every change of the state, with the state before it. */
  onStateChange(fn: (now: PageState, before: PageState) => void): void {
    this.watchers.push(fn);
  }

  private commit(next: PageState, save = true): void {
    const before = this.state;
    this.state = next;
    if (save) writeHash(next);
    for (const w of this.watchers) w(next, before);
  }

  /** The lesson preset holds through `fields` unless one of its own settings changes (lesson-preset.ts). */
  private courseAfter(fields: Fields): boolean {
    return this.state.course && changedLessonSettings(this.state.fields, fields).length === 0;
  }

  /**
   * Settings from elsewhere (the preset, a loaded file, the API, a sweep's model): into the controls
   * and, unless `save` is false, the address. `course` left out: the preset holds unless a lesson setting changed.
   */
  setFields(fields: Fields, course = this.courseAfter(fields), save = true): void {
    this.controls.write(fields);
    this.commit({ ...this.state, fields, course }, save);
  }

  /** The drawn data set's link value (null: the data is not a drawing), into the address. */
  setDrawing(code: string | null): void {
    const { draw: _, ...rest } = this.state;
    this.commit(code === null ? rest : { ...rest, draw: code });
  }

  /** What the controls show now. */
  readControls(): Fields {
    return this.controls.read();
  }

  /** The user changed a control: the controls are the settings now; the preset holds unless a lesson setting changed. */
  followControls(): void {
    const fields = this.controls.read();
    this.commit({ ...this.state, fields, course: this.courseAfter(fields) });
  }

  /** A link opened in this tab: the address is the state again. */
  followAddress(): void {
    const next = readHash();
    this.controls.write(next.fields);
    this.commit(next, false);
    this.setMode(next.mode);
  }

  /** Bring a mode's view to the front, with the figures it uses. */
  setMode(mode: Mode): void {
    for (const m of MODES) $(`${m}-view`).hidden = m !== mode;
    $('chart-box').hidden = mode === 'landscape' || mode === 'gradcheck' || mode === 'bench' || mode === 'sweep' || mode === 'exercise';
    $('curves').hidden = mode !== 'train' && mode !== 'compare';
    $('weights-figure').hidden = mode !== 'compare';
    $('histograms-figure').hidden = $('network-figure').hidden = mode !== 'train' && mode !== 'compare';
    $('map-key').hidden = mode !== 'train' && mode !== 'compare' && mode !== 'init';
    this.commit({ ...this.state, mode });
  }
}
