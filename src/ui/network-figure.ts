/**
 * The network figure of train and compare: one view per model, side by side (network-draw.ts), the
 * weight histograms beside the ‖W‖ bars (histogram-view.ts), and what they share — one line-width
 * scale (the largest |w| any model shown has had in the run: it only grows while the run goes, and is
 * the run's maximum, fixed, during replay), the dropout switch (the training mask, or prediction
 * without one) and the example whose mask is shown. It keeps every model's frames for the replay
 * slider, and says the value of the unit or weight under the pointer or the keyboard focus.
 */
import { exampleMasks, type ExampleMaskSpec } from '../model/dropout';
import { hyperParams } from '../model/hyper';
import type { NetworkFrame } from '../train/network-frame';
import { $ } from './dom';
import { drawHistograms } from './histogram-view';
import type { LiveModel } from './live-run';
import { masksOf } from './network-compute';
import { drawNetwork, hitTest, type Geometry, type UnitRef } from './network-draw';
import { lineDetail, networkLabel, unitDetail, viewFacts, type MaskInView } from './network-text';

/** Frames kept per model for the replay; past this, every other one (as the boundary replay does). */
const MAX_FRAMES = 240;

interface View {
  name: string;
  color: string;
  live: LiveModel | null;
  /** Frames over training, for the replay; `current` is the one in view. */
  frames: NetworkFrame[];
  current: NetworkFrame | null;
  canvas: HTMLCanvasElement;
  /** Under the view: the model's weights ≈ 0, its largest |w|, and its mask in view. */
  facts: HTMLElement;
  geometry: Geometry | null;
  focus: UnitRef | null;
  /** The lesson's numpy masks per example (drawn in the worker; the same every iteration). */
  numpy: Map<number, Uint8Array[] | 'drawing'>;
}

export class NetworkFigure {
  private views: View[] = [];
  private readonly box = $('networks');
  private readonly detail = $('net-detail');
  private readonly example = $<HTMLInputElement>('net-example');
  private readonly dropoutBar = $('net-dropout');
  private readonly histograms = $<HTMLCanvasElement>('histograms');
  private shown: 'train' | 'predict' = 'train';

  constructor() {
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=net-mask]')) {
      radio.addEventListener('change', () => {
        if (radio.checked) this.shown = radio.value === 'predict' ? 'predict' : 'train';
        this.redraw();
      });
    }
    this.example.addEventListener('change', () => this.redraw());
    new ResizeObserver(() => this.redraw()).observe(this.box);
    drawHistograms(this.histograms, [], 0);
  }

  /** A run's models, in order: one view each, empty until their first frame. */
  begin(models: { name: string; color: string }[]): void {
    this.box.replaceChildren();
    this.views = models.map(({ name, color }) => {
      const wrap = document.createElement('div');
      wrap.className = 'net';
      const canvas = document.createElement('canvas');
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `network of the ${name} model: appears when it starts training`);
      const caption = document.createElement('div');
      caption.className = 'net-name';
      // the model's colour (its curves' and bars') as a swatch: the name stays dark, to be read
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color;
      caption.append(swatch, name);
      const facts = document.createElement('div');
      facts.className = 'net-facts';
      wrap.append(canvas, caption, facts);
      this.box.append(wrap);
      const view: View = { name, color, live: null, frames: [], current: null, canvas, facts, geometry: null, focus: null, numpy: new Map() };
      this.listen(view);
      return view;
    });
    this.dropoutBar.hidden = true;
    this.detail.textContent = 'Point at a unit or a line (or focus a network and use the arrow keys) for its value.';
    this.redraw();
  }

  /** Model k's LiveModel changed: a new frame is drawn and (unless it is early stopping's restored weights) kept for the replay. */
  update(k: number, live: LiveModel): void {
    const v = this.views[k];
    if (!v) return;
    v.live = live;
    const f = live.frame;
    if (f && f !== v.current) {
      if (!live.result?.earlyStopping) {
        if (v.frames.length && v.frames[v.frames.length - 1].iteration === f.iteration) v.frames.pop();
        v.frames.push(f);
        if (v.frames.length > MAX_FRAMES) v.frames = v.frames.filter((_, i) => i % 2 === 0 || i === v.frames.length - 1);
      }
      v.current = f;
      this.redraw();
    }
  }

  /** The replay: every view as it was after `iteration` iterations (its last frame at or before it). */
  show(iteration: number): void {
    for (const v of this.views) {
      let at = v.frames[0] ?? null;
      for (const f of v.frames) if (f.iteration <= iteration) at = f;
      if (at) v.current = at;
    }
    this.redraw();
  }

  /** The scales shared by the models shown: the largest |w| and |b| of any frame of the run so far. */
  private scales(): { scale: number; bias: number } {
    let scale = 0, bias = 0;
    for (const v of this.views) {
      for (const f of [...v.frames, ...(v.current ? [v.current] : [])]) {
        scale = Math.max(scale, f.maxAbs);
        bias = Math.max(bias, f.maxBias);
      }
    }
    return { scale, bias };
  }

  /** What a view shows of its model's dropout at the frame in view (null: the model has none). */
  private maskOf(v: View): MaskInView | null {
    const live = v.live, f = v.current;
    if (!live || !f) return null;
    const h = hyperParams(live.settings, live.trainM);
    if (h.masks === 'none') return null;
    const example = Math.max(0, Math.min(live.trainM - 1, (Number(this.example.value) || 1) - 1));
    // the weights after k iterations were made by iteration k − 1's update, with its mask
    const iteration = Math.max(0, f.iteration - 1);
    const spec: ExampleMaskSpec = { masks: h.masks, seed: live.settings.dropoutSeed, keepProb: h.keepProb, hidden: live.settings.layers, m: live.trainM };
    let masks: Uint8Array[] | null = null;
    if (this.shown === 'train') {
      if (h.masks === 'philox') masks = exampleMasks(spec, example, iteration);
      else {
        const got = v.numpy.get(example);
        if (got === undefined) {
          v.numpy.set(example, 'drawing');
          void masksOf(spec, example, iteration).then((m) => { if (m) v.numpy.set(example, m); this.redraw(); }, () => v.numpy.delete(example));
        } else if (got !== 'drawing') masks = got;
      }
    }
    const point: [number, number] = [live.train.X[example], live.train.X[live.train.m + example]];
    return { shown: this.shown, masks, iteration, fixed: h.masks === 'stored', example, point, keepProb: h.keepProb };
  }

  /** Draw every view, the histograms and the dropout controls from the frames in view. */
  redraw(): void {
    const { scale, bias } = this.scales();
    let dropout = false;
    for (const v of this.views) {
      if (!v.current || !v.canvas.isConnected) continue;
      const mask = this.maskOf(v);
      if (mask) dropout = true;
      v.geometry = drawNetwork(v.canvas, {
        frame: v.current, scale, biasScale: bias, masks: mask?.shown === 'train' ? mask.masks : null, keepProb: mask?.keepProb ?? 1, focus: v.focus,
      });
      v.canvas.setAttribute('aria-label', networkLabel(v.name, v.current, scale, this.views.length, v.geometry.totalLines, mask));
      v.facts.textContent = viewFacts(v.current, v.geometry.totalLines, mask);
    }
    if (dropout) {
      this.example.max = String(Math.max(...this.views.map((v) => v.live?.trainM ?? 1)));
      this.dropoutBar.hidden = false;
    }
    drawHistograms(this.histograms, this.views.map((v) => ({ label: v.name, color: v.color, frame: v.current })), scale);
  }

  /** Hover and keyboard focus on a view: its ring, and the value in the details line. */
  private listen(v: View): void {
    const say = (text: string) => { this.detail.textContent = text; };
    const focusOn = (u: UnitRef | null) => {
      v.focus = u;
      this.redraw();
      if (u && v.current) say(unitDetail(v.name, v.current, u, this.maskOf(v)));
    };
    v.canvas.addEventListener('mousemove', (e) => {
      if (!v.geometry || !v.current) return;
      const r = v.canvas.getBoundingClientRect();
      const hit = hitTest(v.geometry, e.clientX - r.left, e.clientY - r.top);
      if (hit && 'unit' in hit) {
        if (v.focus?.layer !== hit.unit.layer || v.focus.unit !== hit.unit.unit) focusOn({ layer: hit.unit.layer, unit: hit.unit.unit });
      } else if (hit) {
        say(lineDetail(v.name, v.current, hit.line));
      }
    });
    v.canvas.addEventListener('mouseleave', () => { if (document.activeElement !== v.canvas && v.focus) focusOn(null); });
    v.canvas.addEventListener('focus', () => { if (!v.focus && v.current) focusOn({ layer: Math.min(1, v.current.layers.length - 1), unit: 0 }); });
    v.canvas.addEventListener('blur', () => { if (v.focus) focusOn(null); });
    v.canvas.addEventListener('keydown', (e) => {
      const f = v.current;
      if (!f || !v.focus) return;
      let { layer, unit } = v.focus;
      if (e.key === 'ArrowUp') unit--;
      else if (e.key === 'ArrowDown') unit++;
      else if (e.key === 'ArrowLeft') layer--;
      else if (e.key === 'ArrowRight') layer++;
      else return;
      e.preventDefault();
      layer = Math.max(0, Math.min(f.layers.length - 1, layer));
      unit = Math.max(0, Math.min(f.layers[layer].shown - 1, unit));
      focusOn({ layer, unit });
    });
  }
}
