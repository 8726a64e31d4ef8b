/**
 * The page's settings and the view in front: `state` (the controls' values, the lesson preset, the
 * mode), kept in step with the controls and the address. Every change of settings goes through here.
 */
import type { Controls } from './controls';
import { $ } from './dom';
import { readHash, writeHash } from './hash';
import { MODES, type Fields, type Mode, type PageState } from './state';

export class Page {
  state: PageState = readHash();

  constructor(private readonly controls: Controls) {
    controls.write(this.state.fields);
  }

  /**
   * Settings from elsewhere (the preset, a loaded file, the API, a sweep's model): into the controls
   * and, unless `save` is false, the address.
   */
  setFields(fields: Fields, course = this.state.course, save = true): void {
    this.state = { ...this.state, fields, course };
    this.controls.write(fields);
    if (save) writeHash(this.state);
  }

  /** What the controls show now. */
  readControls(): Fields {
    return this.controls.read();
  }

  /** The user changed a control: the controls are the settings now, and the preset no longer holds. */
  followControls(): void {
    this.state = { ...this.state, fields: this.controls.read(), course: false };
    writeHash(this.state);
  }

  /** A link opened in this tab: the address is the state again. */
  followAddress(): void {
    this.state = readHash();
    this.controls.write(this.state.fields);
    this.setMode(this.state.mode);
  }

  /** Bring a mode's view to the front, with the figures it uses. */
  setMode(mode: Mode): void {
    this.state = { ...this.state, mode };
    for (const m of MODES) $(`${m}-view`).hidden = m !== mode;
    $('chart-box').hidden = mode === 'landscape' || mode === 'gradcheck' || mode === 'bench' || mode === 'sweep' || mode === 'exercise';
    $('curves').hidden = mode !== 'train' && mode !== 'compare';
    $('weights-figure').hidden = mode !== 'compare';
    $('histograms-figure').hidden = $('network-figure').hidden = mode !== 'train' && mode !== 'compare';
    $('map-key').hidden = mode !== 'train' && mode !== 'compare' && mode !== 'init';
    writeHash(this.state);
  }
}
