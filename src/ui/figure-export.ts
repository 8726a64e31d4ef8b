/**
 * Figures drawn again for download: each drawing function (the decision map, the curves, a network
 * view) leaves here how to redraw its canvas on another one, and a download draws it on a detached
 * canvas of the same CSS size at 2× device scale (sharp in slides and prints), whatever the screen's
 * own density; fitToScreen (chart.ts) reads that size and scale from here.
 */

/** How each drawn canvas is drawn again on another canvas. */
const redraws = new WeakMap<HTMLCanvasElement, (target: HTMLCanvasElement) => void>();
/** A detached canvas drawn for export: its CSS size and device scale. */
const exportSizes = new WeakMap<HTMLCanvasElement, { w: number; h: number; scale: number }>();

/** The scale figures are exported at. */
export const EXPORT_SCALE = 2;

/** Called by a drawing function: how to draw `canvas`'s figure again on another canvas. */
export function drawnBy(canvas: HTMLCanvasElement, redraw: (target: HTMLCanvasElement) => void): void {
  if (!exportSizes.has(canvas)) redraws.set(canvas, redraw);
}

/** For fitToScreen: the CSS size and scale of a canvas drawn for export (undefined for the page's own). */
export const exportSize = (canvas: HTMLCanvasElement) => exportSizes.get(canvas);

/** Whether `canvas` has a figure that can be drawn again. */
export const isDrawn = (canvas: HTMLCanvasElement): boolean => redraws.has(canvas);

/** `canvas`'s figure drawn again at `scale` × its CSS size, on a new detached canvas (null: nothing drawn on it yet). */
export function drawnAt(canvas: HTMLCanvasElement, scale = EXPORT_SCALE): HTMLCanvasElement | null {
  const redraw = redraws.get(canvas);
  if (!redraw) return null;
  const w = canvas.clientWidth || canvas.width, h = canvas.clientHeight || canvas.height;
  const target = document.createElement('canvas');
  target.width = w; // what a layout that reads the canvas's width sees (the network view)
  target.height = h;
  exportSizes.set(target, { w, h, scale });
  redraw(target);
  return target;
}

/** Canvases side by side on one (a network view per model), with a white gap between. */
export function sideBySide(canvases: HTMLCanvasElement[], gap = 16 * EXPORT_SCALE): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = canvases.reduce((s, c) => s + c.width, 0) + gap * Math.max(0, canvases.length - 1);
  out.height = Math.max(1, ...canvases.map((c) => c.height));
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of canvases) {
    ctx.drawImage(c, x, 0);
    x += c.width + gap;
  }
  return out;
}

/** A canvas as PNG bytes. */
export function pngOf(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the figure could not be encoded as PNG'))), 'image/png'));
}
