/**
 * The "downloads" menu of train and compare: everything on screen as a file — each figure as PNG at
 * 2× (the curves also as SVG), the curves and compare's table as CSV, the run as the CLI's JSON, each
 * model's weights as `--save-weights` writes them, and the data as CSV of the reader's format (the
 * training and the test points in two files). Every button's accessible name starts with "download".
 */
import { toCsv } from '../data/csv';
import { curvesSvg } from './chart-svg';
import type { CurvesView } from './curves-view';
import type { DataSource } from './data-source';
import { $ } from './dom';
import { curvesCsv, tableCsv } from './export-csv';
import { drawnAt, isDrawn, pngOf, sideBySide } from './figure-export';
import type { ErrorLine } from './field-error';
import type { Page } from './page';
import type { RunRecord } from './run-record';

interface Download {
  /** The button's text: its accessible name. */
  label: string;
  file: string;
  make: () => Blob | Promise<Blob>;
}

/** Hand `blob` to the browser as a download named `file`. */
export function save(blob: Blob, file: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

const text = (s: string, type: string) => new Blob([s], { type });
const json = (v: unknown) => text(JSON.stringify(v) + '\n', 'application/json');

/** A canvas's figure as a PNG at 2× its CSS size. */
async function png(canvas: HTMLCanvasElement): Promise<Blob> {
  return pngOf(drawnAt(canvas) ?? canvas);
}

export class Downloads {
  private readonly box = $('download-buttons');

  constructor(
    private readonly page: Page, private readonly record: RunRecord, private readonly curves: CurvesView, private readonly data: DataSource,
    private readonly errors: ErrorLine,
  ) {
    record.onChange(() => this.refresh());
    page.onStateChange((now, before) => { if (now.mode !== before.mode) this.refresh(); });
    this.refresh();
  }

  /** The menu for the view in front and the last run. */
  refresh(): void {
    const mode = this.page.state.mode;
    $('downloads').hidden = mode !== 'train' && mode !== 'compare';
    this.box.replaceChildren(...this.downloads().map((d) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = d.label;
      b.addEventListener('click', async () => {
        try {
          save(await d.make(), d.file);
        } catch (e) {
          this.errors.show(e); // e.g. a test set asked of a drawing
        }
      });
      return b;
    }));
  }

  private downloads(): Download[] {
    const run = this.record.last;
    const list: Download[] = [];
    const shownRun = run && run.kind === this.page.state.mode ? run : null;
    if (this.page.state.mode === 'train') {
      list.push({ label: 'download boundary map PNG', file: 'reglab-boundary.png', make: () => png($('boundary')) });
    }
    if (shownRun?.kind === 'compare') {
      for (const m of shownRun.models) {
        list.push({ label: `download boundary map PNG (${m.name})`, file: `reglab-boundary.${m.short}.png`, make: () => png($(`boundary-${m.short}`)) });
      }
    }
    if (shownRun) {
      const figure = this.curves.figure;
      list.push(
        { label: 'download curves PNG', file: 'reglab-curves.png', make: () => png($('costs')) },
        { label: 'download curves SVG', file: 'reglab-curves.svg', make: () => text(curvesSvg(figure!.series, figure!.iterations, figure!.options), 'image/svg+xml') },
        { label: 'download curves CSV', file: 'reglab-curves.csv', make: () => text(curvesCsv(shownRun.models.map((m) => m.live)), 'text/csv') },
      );
      if (!figure) list.splice(-2, 1);
      if (shownRun.kind === 'compare') {
        list.push({ label: 'download table CSV', file: 'reglab-table.csv', make: () => text(tableCsv($<HTMLTableElement>('compare-table')), 'text/csv') });
      }
      const nets = () => [...document.querySelectorAll<HTMLCanvasElement>('#networks canvas')].filter(isDrawn);
      if (nets().length) list.push({ label: 'download network PNG', file: 'reglab-network.png', make: () => pngOf(sideBySide(nets().map((c) => drawnAt(c)!))) });
      if (shownRun.kind === 'compare' && isDrawn($('weights'))) list.push({ label: 'download weight sizes PNG', file: 'reglab-weight-sizes.png', make: () => png($('weights')) });
      if (isDrawn($('histograms'))) list.push({ label: 'download histograms PNG', file: 'reglab-histograms.png', make: () => png($('histograms')) });
      list.push({ label: 'download run JSON', file: 'reglab-run.json', make: () => json(this.record.exportRun()) });
      for (const m of shownRun.models) {
        const suffix = m.short ? `.${m.short}` : '';
        list.push({ label: `download weights JSON${m.name ? ` (${m.name})` : ''}`, file: `reglab-weights${suffix}.json`, make: () => json(this.record.exportWeights(m.short || undefined)) });
      }
    }
    // the data the controls name now (the run's, unless the controls changed since)
    const dataNow = () => this.data.data(this.page.state.fields);
    list.push({ label: 'download data CSV', file: 'reglab-data-train.csv', make: async () => text(toCsv((await dataNow()).train), 'text/csv') });
    list.push({
      label: 'download test data CSV', file: 'reglab-data-test.csv',
      make: async () => {
        const d = await dataNow();
        if (!d.test) throw new Error('this data set has no test points');
        return text(toCsv(d.test), 'text/csv');
      },
    });
    return list;
  }
}
