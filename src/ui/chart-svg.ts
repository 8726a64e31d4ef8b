/**
 * The curves chart as SVG, for download: the same series, axes and scales as the canvas (chart.ts's
 * yAxis and ticks), drawn from lines and text only, so it stays sharp and editable in slides.
 */
import { M, niceTicks, tickLabel, yAxis, type ChartOptions, type Series } from './chart';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => +v.toFixed(2);

/** `series` against iterations 0..totalIterations, in a W × H box (the canvas's CSS size), legend under the plot. */
export function curvesSvg(series: Series[], totalIterations: number, options: ChartOptions, W = 560, H = 260): string {
  const { yLabel = 'cost', percent = false } = options;
  const named = series.filter((s) => s.label !== '');
  const perRow = Math.max(1, Math.floor((W - M.left - M.right) / 150));
  const rows = Math.ceil(named.length / perRow);
  const bottom = 30 + rows * 16 + (rows ? 4 : 0);
  const pw = W - M.left - M.right, ph = H - M.top - bottom;
  const all = series.flatMap((s) => s.points.map((p) => p.cost)).filter(Number.isFinite);
  const { yMin, yMax, yTicks } = yAxis(all, false, percent);
  const xMax = Math.max(1, totalIterations);
  const sx = (i: number) => n(M.left + (i / xMax) * pw);
  const sy = (c: number) => n(M.top + (1 - (c - yMin) / (yMax - yMin || 1)) * ph);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`];
  for (const t of yTicks) {
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e3e3e3"/>`,
      `<text x="${M.left - 5}" y="${sy(t)}" text-anchor="end" dominant-baseline="middle">${percent ? `${+(100 * t).toFixed(1)} %` : tickLabel(t)}</text>`);
  }
  for (const t of niceTicks(0, xMax, Math.max(2, Math.min(6, Math.floor(pw / 70))))) {
    out.push(`<text x="${sx(t)}" y="${M.top + ph + 14}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  out.push(`<text x="${M.left + pw / 2}" y="${M.top + ph + 27}" text-anchor="middle">iteration</text>`,
    `<text transform="translate(12 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" dominant-baseline="middle">${esc(yLabel)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#777"/>`);
  const dash = (s: Series) => (s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '');
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.cost)).map((p) => `${sx(p.iteration)},${sy(p.cost)}`).join(' ');
    if (pts) out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="1.6"${dash(s)}><title>${esc(s.label)}</title></polyline>`);
    if (s.mark !== undefined) out.push(`<line x1="${sx(s.mark)}" x2="${sx(s.mark)}" y1="${M.top}" y2="${M.top + ph}" stroke="${s.color}" stroke-dasharray="3 3"/>`);
  }
  named.forEach((s, i) => {
    const x = M.left + (i % perRow) * 150, y = M.top + ph + 30 + Math.floor(i / perRow) * 16 + 8;
    out.push(`<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2"${dash(s)}/>`,
      `<text x="${x + 30}" y="${y}" dominant-baseline="middle">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
