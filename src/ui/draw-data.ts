/**
 * Drawing your own data on the plot: with "draw data" on, a click adds a point of the chosen class,
 * shift-click one of the other class, right-click or alt/ctrl-click removes the nearest point; a tap
 * on a phone adds the chosen class (pointer events). The drawing is the data set "your drawing" (the
 * data control's "your file or drawing"): every point a training point, no test set; it trains as any
 * other set and travels in the link as `draw=` (drawn-code.ts). The plot keeps its axes while drawing.
 */
import type { LabelledSet } from '../model/types';
import { boundsOf, type Bounds } from '../train/grid';
import { drawBoundary, plotArea } from './boundary';
import type { DataInput } from './data-input';
import type { LabData, DataSource } from './data-source';
import { $ } from './dom';
import { decodeDrawing, encodeDrawing, MAX_DRAWN_POINTS, quantise, type DrawnPoint } from './drawn-code';
import type { ErrorLine } from './field-error';
import { GRID } from './live-run';
import type { Page } from './page';
import type { RunController } from './run-controller';

/** The plane a new drawing starts on. */
const START: Bounds = { x1: [-1.5, 1.5], x2: [-1.5, 1.5] };
/** A removal takes the nearest point within this many CSS pixels. */
const REACH = 30;

/** The points as a labelled set (columns x1 then x2, as every set). */
export function drawnSet(points: readonly DrawnPoint[]): LabelledSet {
  return { X: Float64Array.from([...points.map((p) => p.x1), ...points.map((p) => p.x2)]), Y: Float64Array.from(points, (p) => p.label), m: points.length, features: 2 };
}

const union = (a: Bounds, b: Bounds): Bounds => ({
  x1: [Math.min(a.x1[0], b.x1[0]), Math.max(a.x1[1], b.x1[1])], x2: [Math.min(a.x2[0], b.x2[0]), Math.max(a.x2[1], b.x2[1])],
});

export class DrawData {
  on = false;
  points: DrawnPoint[] = [];
  /** The data set the drawing is (the loaded-data slot holds it while it is the data). */
  private drawing: LabData | null = null;
  private bounds: Bounds = START;
  private readonly canvas = $<HTMLCanvasElement>('boundary');
  private readonly toggle = $<HTMLButtonElement>('draw-toggle');

  constructor(private readonly page: Page, private readonly data: DataSource, private readonly run: RunController, private readonly input: DataInput, private readonly errors: ErrorLine) {
    this.toggle.addEventListener('click', () => this.setOn(!this.on));
    $('draw-clear').addEventListener('click', () => this.change([]));
    this.canvas.addEventListener('pointerdown', (e) => this.pointer(e));
    this.canvas.addEventListener('contextmenu', (e) => { if (this.on) e.preventDefault(); });
    input.drawPreview = () => this.on && (this.preview(), true);
    this.fromAddress();
  }

  /** The drawing the address holds (a link with draw=): it becomes the data. */
  fromAddress(): void {
    const code = this.page.state.draw;
    if (!code) return;
    try {
      this.points = decodeDrawing(code);
      this.useDrawing();
    } catch (e) {
      this.errors.show(e);
    }
  }

  setOn(on: boolean): void {
    this.on = on;
    this.toggle.setAttribute('aria-pressed', String(on));
    $('draw-tools').hidden = !on;
    this.canvas.classList.toggle('drawing', on);
    if (on) {
      // go on with the drawing that is the data, else start a new one
      if (this.data.csv !== this.drawing || this.page.state.fields.dataset !== 'csv') this.points = [];
      this.bounds = this.points.length ? union(START, boundsOf([drawnSet(this.points)])) : START;
      this.preview();
    } else {
      void this.input.refreshPreview();
    }
  }

  private pointer(e: PointerEvent): void {
    if (!this.on || this.run.running) return;
    e.preventDefault();
    const rect = this.canvas.getBoundingClientRect();
    const px = e.clientX - rect.left - this.canvas.clientLeft, py = e.clientY - rect.top - this.canvas.clientTop;
    const area = plotArea(this.canvas.clientWidth, this.canvas.clientHeight, this.bounds);
    if (e.button === 2 || e.altKey || e.ctrlKey || e.metaKey) {
      const dist = (p: DrawnPoint) => Math.hypot(area.sx(p.x1) - px, area.sy(p.x2) - py);
      const nearest = this.points.reduce<DrawnPoint | null>((a, p) => (a && dist(a) <= dist(p) ? a : p), null);
      if (nearest && dist(nearest) <= REACH) this.change(this.points.filter((p) => p !== nearest));
      return;
    }
    if (e.button !== 0) return;
    if (px < area.MARGIN.left || px > area.MARGIN.left + area.pw || py < area.MARGIN.top || py > area.MARGIN.top + area.ph) return;
    if (this.points.length >= MAX_DRAWN_POINTS) {
      $('draw-count').textContent = `at most ${MAX_DRAWN_POINTS} points: remove some first`;
      return;
    }
    const chosen = Number($<HTMLSelectElement>('draw-class').value) as 0 | 1;
    const { x1, x2 } = area.at(px, py);
    this.change([...this.points, { x1: quantise(x1), x2: quantise(x2), label: (e.shiftKey ? 1 - chosen : chosen) as 0 | 1 }]);
  }

  /** The drawing changed: it is the data (the control, the address, the status line), redrawn. */
  private change(points: DrawnPoint[]): void {
    // label 0 first, as the link holds them: the set a link gives back is this one, in this order (a run on it is the same run)
    this.points = [...points.filter((p) => p.label === 0), ...points.filter((p) => p.label === 1)];
    this.useDrawing();
    this.preview();
  }

  private useDrawing(): void {
    const m = this.points.length;
    const ones = this.points.filter((p) => p.label === 1).length;
    this.drawing = m ? { train: drawnSet(this.points), test: null, source: `your drawing (${m} points)`, drawn: true } : null;
    if (this.drawing) this.data.csv = this.drawing;
    const status = `your drawing: ${m} point${m === 1 ? '' : 's'}, ${m - ones} blue (label 0) and ${ones} orange (label 1)`;
    $('draw-count').textContent = status;
    if (m) $('csv-status').textContent = status;
    if (m && this.page.state.fields.dataset !== 'csv') this.page.setFields({ ...this.page.readControls(), dataset: 'csv' });
    this.page.setDrawing(m ? encodeDrawing(this.points) : null);
  }

  /** The drawing on the plot, on the axes it keeps while drawing. */
  private preview(): void {
    const set = this.points.length ? drawnSet(this.points) : null;
    drawBoundary({ canvas: this.canvas, bounds: this.bounds, train: set, test: null, probs: null, resolution: GRID });
  }
}
