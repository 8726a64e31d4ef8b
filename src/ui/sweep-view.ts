/**
 * The sweep lab's two charts: the validation curve (train and validation accuracy against λ on a log
 * axis — or against keep_prob when only it varies — mean over seeds with a band from the least to
 * the greatest) and the λ × keep_prob heat map of validation accuracy with the chosen cell outlined.
 * Neither shows the test set: the sweep chooses without it (the lab shows the chosen model's test accuracy apart).
 * Both are drawn at the screen's pixel density, in CSS pixels; the heat map says which cell a point falls in.
 */
import { chosenOn, type SweepCell, type SweepSummary } from '../labs/sweep';
import { pct } from '../present/format';
import { fitToScreen, niceTicks, PALETTE, TEST_DASH } from './chart';

const COLORS = [PALETTE.blue, PALETTE.vermillion, PALETTE.green, PALETTE.purple, PALETTE.orange, PALETTE.sky, PALETTE.black, '#777'];

/** λ on a log axis: 0 sits one decade left of the smallest positive λ (the axis is broken there). */
function lambdaAxis(l2s: number[]): { pos: (l2: number) => number; lo: number; hi: number; ticks: { at: number; label: string }[] } {
  const positive = l2s.filter((x) => x > 0);
  const lo10 = positive.length ? Math.floor(Math.log10(Math.min(...positive))) : -2;
  const hi10 = positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 0;
  const zero = lo10 - 1;
  const pos = (l2: number) => (l2 > 0 ? Math.log10(l2) : zero);
  const ticks = [{ at: zero, label: '0' }];
  for (let e = lo10; e <= hi10; e++) ticks.push({ at: e, label: String(+(10 ** e).toPrecision(1)) });
  return { pos, lo: zero - 0.3, hi: hi10 + 0.3, ticks };
}

/** What the curve's x axis shows: λ (log) when it varies, else keep_prob. */
function xAxisOf(s: SweepSummary) {
  if (s.l2s.length > 1 || s.keepProbs.length === 1) {
    const a = lambdaAxis(s.l2s);
    return { name: 'λ (log scale; 0 at the left)', x: (c: SweepCell) => a.pos(c.l2), series: s.keepProbs.map((k) => ({ label: `keep_prob ${k}`, of: (c: SweepCell) => c.keepProb === k })), ...a };
  }
  const lo = Math.min(...s.keepProbs), hi = Math.max(...s.keepProbs);
  const pad = (hi - lo) * 0.05 || 0.05;
  return {
    name: 'keep_prob', x: (c: SweepCell) => c.keepProb, lo: lo - pad, hi: hi + pad,
    ticks: s.keepProbs.map((k) => ({ at: k, label: String(k) })), series: s.l2s.map((l) => ({ label: `λ ${l}`, of: (c: SweepCell) => c.l2 === l })),
  };
}

/** What the curve plots: accuracy (higher is better) or cross-entropy without dropout or the L2 term (lower is better). */
export type CurveMeasure = 'accuracy' | 'cross-entropy';

export function drawValidationCurve(canvas: HTMLCanvasElement, s: SweepSummary, held: string, measure: CurveMeasure = 'accuracy'): void {
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H); // a redraw (the curve switch, a second sweep) starts from white
  const axis = xAxisOf(s);
  const acc = measure === 'accuracy';
  const trainOf = (c: SweepCell) => (acc ? c.train : c.trainCost);
  // the set the sweep chooses on: the validation split (or the training set with monitor 'train')
  const heldOf = (c: SweepCell) => (acc ? chosenOn(s, c) : s.monitor === 'train' ? c.trainCost : c.validationCost);
  const fmt = (y: number) => (acc ? pct(y) : y.toFixed(3));
  // under the plot: tick labels, the axis name, the series (two per row), then the key to the lines
  const seriesRows = Math.ceil(axis.series.length / 2);
  ctx.font = '11px sans-serif';
  // the key to the lines: one line when it fits, two on a narrow chart
  const key = [`solid: ${held} ${measure} (band: least to greatest over seeds)`, `dashed: train ${measure}`];
  const keyLines = ctx.measureText(key.join(' · ')).width > W - 60 ? key : [key.join(' · ')];
  const M = { left: 46, right: 14, top: 12, bottom: 48 + 15 * seriesRows + 14 * keyLines.length };
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const ys = s.cells.flatMap((c) => [trainOf(c), heldOf(c)].flatMap((sp) => (sp ? [sp.min, sp.max] : [])));
  // accuracy: whole 5 % steps around the data; cross-entropy: from 0 to a nice step above the largest
  const yLo = acc ? Math.max(0, Math.floor((Math.min(...ys, 1) - 0.02) * 20) / 20) : 0;
  const yMax = Math.max(...ys, 0.1);
  const ceStep = (() => { const t = niceTicks(0, yMax); return t.length > 1 ? t[1] - t[0] : yMax; })();
  const yHi = acc ? Math.min(1, Math.ceil((Math.max(...ys, 0) + 0.01) * 20) / 20) : Math.ceil((yMax * 1.02) / ceStep) * ceStep;
  const sx = (x: number) => M.left + ((x - axis.lo) / (axis.hi - axis.lo)) * pw;
  const sy = (y: number) => M.top + (1 - (y - yLo) / (yHi - yLo || 1)) * ph;
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#e3e3e3';
  ctx.fillStyle = '#333';
  ctx.textAlign = 'right';
  const yTicks = acc ? Array.from({ length: Math.round((yHi - yLo) / ((yHi - yLo) > 0.3 ? 0.1 : 0.05)) + 1 }, (_, i) => yLo + i * ((yHi - yLo) > 0.3 ? 0.1 : 0.05))
    : Array.from({ length: Math.round(yHi / ceStep) + 1 }, (_, i) => i * ceStep);
  for (const y of yTicks) {
    ctx.beginPath(); ctx.moveTo(M.left, sy(y)); ctx.lineTo(M.left + pw, sy(y)); ctx.stroke();
    ctx.fillText(acc ? `${Math.round(100 * y)} %` : String(+y.toPrecision(3)), M.left - 4, sy(y) + 4);
  }
  ctx.textAlign = 'center';
  for (const t of axis.ticks) ctx.fillText(t.label, sx(t.at), M.top + ph + 14);
  ctx.fillText(axis.name, M.left + pw / 2, M.top + ph + 28);
  ctx.strokeStyle = '#555';
  ctx.strokeRect(M.left, M.top, pw, ph);
  axis.series.forEach((ser, i) => {
    const color = COLORS[i % COLORS.length];
    const cells = s.cells.filter((c) => ser.of(c) && heldOf(c)).sort((a, b) => axis.x(a) - axis.x(b));
    // the band over seeds (the chosen-on set), then the mean lines: validation solid, train dashed
    ctx.fillStyle = `${color}33`;
    ctx.beginPath();
    cells.forEach((c, j) => (j ? ctx.lineTo(sx(axis.x(c)), sy(heldOf(c)!.max)) : ctx.moveTo(sx(axis.x(c)), sy(heldOf(c)!.max))));
    [...cells].reverse().forEach((c) => ctx.lineTo(sx(axis.x(c)), sy(heldOf(c)!.min)));
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = ctx.fillStyle = color;
    for (const [of, dash] of [[heldOf, []], [trainOf, TEST_DASH]] as const) {
      ctx.setLineDash(dash);
      ctx.lineWidth = 2;
      ctx.beginPath();
      cells.forEach((c, j) => { const y = sy(of(c)!.mean); if (j) ctx.lineTo(sx(axis.x(c)), y); else ctx.moveTo(sx(axis.x(c)), y); });
      ctx.stroke();
    }
    ctx.setLineDash([]);
    for (const c of cells) { ctx.beginPath(); ctx.arc(sx(axis.x(c)), sy(heldOf(c)!.mean), 3, 0, 2 * Math.PI); ctx.fill(); }
    const lx = M.left + (i % 2) * pw / 2, ly = M.top + ph + 48 + 15 * Math.floor(i / 2);
    ctx.fillRect(lx, ly - 4, 14, 3);
    ctx.fillStyle = '#333';
    ctx.textAlign = 'left';
    ctx.fillText(ser.label, lx + 18, ly);
  });
  ctx.fillStyle = '#333';
  ctx.textAlign = 'left';
  keyLines.forEach((line, i) => ctx.fillText(line, M.left, H - 4 - 14 * (keyLines.length - 1 - i)));
  if (s.best && heldOf(s.best)) {
    // the chosen cell (by validation accuracy, as the heat map), ringed
    const b = s.best;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    ctx.beginPath(); ctx.arc(sx(axis.x(b)), sy(heldOf(b)!.mean), 7, 0, 2 * Math.PI); ctx.stroke();
  }
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Validation curve: ${held} and train ${measure} against ${axis.name}. `
    + s.cells.filter((c) => heldOf(c)).map((c) => `λ ${c.l2}, keep_prob ${c.keepProb}: ${held} ${fmt(heldOf(c)!.mean)}, train ${fmt(trainOf(c)!.mean)}`).join('; ')
    + (s.best ? `. Best ${held} accuracy: λ ${s.best.l2}, keep_prob ${s.best.keepProb} (ringed).` : '.'));
}

/** Light to dark blue for 0 … 1 of the accuracies' range. */
function shade(t: number): string {
  const c = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${c(239, 8)},${c(243, 69)},${c(255, 148)})`;
}

/**
 * The heat map; returns the cell under a point (in the canvas's CSS pixels), for clicks. Rows are
 * keep_prob (1 at the top), columns λ ascending.
 */
export function drawSweepHeatmap(canvas: HTMLCanvasElement, s: SweepSummary, held: string, opened: SweepCell | null = null): (x: number, y: number) => SweepCell | null {
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H); // a redraw (the curve switch, a second sweep) starts from white
  const cols = [...s.l2s].sort((a, b) => a - b), rows = [...s.keepProbs].sort((a, b) => b - a);
  const M = { left: 74, right: 10, top: 10, bottom: 36 };
  const cw = (W - M.left - M.right) / cols.length, ch = (H - M.top - M.bottom) / rows.length;
  const chosen = (c: SweepCell) => chosenOn(s, c);
  const means = s.cells.flatMap((c) => (chosen(c) ? [chosen(c)!.mean] : []));
  const lo = Math.min(...means), hi = Math.max(...means);
  // narrow cells (a phone, many λ values) get smaller numbers without the % sign
  const narrow = cw < 48;
  ctx.font = `${narrow ? Math.max(8, Math.min(11, cw / 3.6)) : 11}px sans-serif`;
  ctx.textAlign = 'center';
  for (const c of s.cells) {
    const x = M.left + cols.indexOf(c.l2) * cw, y = M.top + rows.indexOf(c.keepProb) * ch;
    const h = chosen(c);
    const t = h ? (h.mean - lo) / (hi - lo || 1) : 0;
    ctx.fillStyle = h ? shade(t) : '#ddd';
    ctx.fillRect(x, y, Math.ceil(cw), Math.ceil(ch));
    ctx.fillStyle = t > 0.55 ? '#fff' : '#222';
    ctx.fillText(h ? (narrow ? (100 * h.mean).toFixed(1) : pct(h.mean)) : 'diverged', x + cw / 2, y + ch / 2 + 4);
  }
  if (s.best) {
    ctx.strokeStyle = PALETTE.orange;
    ctx.lineWidth = 3;
    ctx.strokeRect(M.left + cols.indexOf(s.best.l2) * cw + 1.5, M.top + rows.indexOf(s.best.keepProb) * ch + 1.5, cw - 3, ch - 3);
  }
  if (opened) {
    // the model shown below the map: a dashed frame inside its cell
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(M.left + cols.indexOf(opened.l2) * cw + 6, M.top + rows.indexOf(opened.keepProb) * ch + 6, cw - 12, ch - 12);
    ctx.setLineDash([]);
  }
  ctx.fillStyle = '#333';
  ctx.font = '11px sans-serif';
  cols.forEach((l2, i) => ctx.fillText(String(l2), M.left + (i + 0.5) * cw, H - 20));
  ctx.fillText('λ', M.left + (W - M.left - M.right) / 2, H - 5);
  ctx.textAlign = 'right';
  rows.forEach((kp, j) => ctx.fillText(String(kp), M.left - 6, M.top + (j + 0.5) * ch + 4));
  ctx.save();
  ctx.translate(14, M.top + (H - M.top - M.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('keep_prob', 0, 0);
  ctx.restore();
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Heat map of ${held} accuracy, λ across and keep_prob down: from ${pct(lo)} to ${pct(hi)}`
    + (s.best ? `; the chosen cell (outlined) is λ ${s.best.l2}, keep_prob ${s.best.keepProb} at ${pct(chosen(s.best)!.mean)}.` : '.')
    + (opened ? ` The model shown below the map (dashed): λ ${opened.l2}, keep_prob ${opened.keepProb}.` : '')
    + ' The table below lists every cell.');
  return (px, py) => {
    const i = Math.floor((px - M.left) / cw), j = Math.floor((py - M.top) / ch);
    if (i < 0 || j < 0 || i >= cols.length || j >= rows.length) return null;
    return s.cells.find((c) => c.l2 === cols[i] && c.keepProb === rows[j]) ?? null;
  };
}

/** Before any sweep: the chart's frame and what will appear, so the view never opens on blank boxes. */
export function drawSweepEmpty(canvas: HTMLCanvasElement, text: string): void {
  const { ctx, W, H } = fitToScreen(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H); // a redraw (the curve switch, a second sweep) starts from white
  ctx.strokeStyle = '#ddd';
  ctx.strokeRect(40, 10, W - 50, H - 30);
  ctx.fillStyle = '#555';
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(text, W / 2, H / 2);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text);
}
