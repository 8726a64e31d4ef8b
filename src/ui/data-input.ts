/**
 * The data as the user gives it: the lesson's data.mat or CSVs, by file picker or dropped on the
 * plot (a bad file's error inline, the previous data kept), and the plot of the controls' data before
 * a run (the preview).
 */
import { boundsOf } from '../train/grid';
import { drawBoundary } from './boundary';
import type { DataSource } from './data-source';
import { $ } from './dom';
import type { ErrorLine } from './field-error';
import { GRID } from './live-run';
import type { Page } from './page';
import type { RunController } from './run-controller';
import { settingsLocked } from './run-snapshot';

const isMat = (f: File) => /\.mat$/i.test(f.name);

export class DataInput {
  /** The preview waits for the page to be ready (see enable()). */
  private enabled = false;
  private previewSeq = 0;

  constructor(
    private readonly page: Page, private readonly data: DataSource, private readonly run: RunController,
    private readonly errors: ErrorLine, private readonly ready: Promise<unknown>,
  ) {
    const trainInput = $<HTMLInputElement>('csv-train');
    const testInput = $<HTMLInputElement>('csv-test');
    const onPick = () => {
      if (trainInput.files?.[0]) void this.loadFiles(trainInput.files[0], testInput.files?.[0]);
    };
    trainInput.addEventListener('change', onPick);
    testInput.addEventListener('change', onPick);
    const drop = $('drop');
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (settingsLocked()) return; // a run goes (or a link fixed the settings): its data stays
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      const mat = files.find(isMat);
      const test = mat ? undefined : files.find((f) => /test/i.test(f.name) && files.length > 1);
      const train = mat ?? files.find((f) => f !== test)!;
      void this.loadFiles(train, test);
    });
  }

  /** Once the page is ready: the preview follows the controls from now on. */
  enable(): void {
    this.enabled = true;
    void this.refreshPreview();
  }

  /** Draw the controls' data; only the latest request draws (the controls may change while a set is made). */
  async refreshPreview(): Promise<void> {
    if (!this.enabled || this.run.running) return;
    const seq = ++this.previewSeq;
    try {
      const d = await this.data.data(this.page.state.fields);
      if (seq !== this.previewSeq || this.run.running) return;
      drawBoundary({ canvas: $<HTMLCanvasElement>('boundary'), bounds: boundsOf([d.train, d.test]), train: d.train, test: d.test, probs: null, resolution: GRID });
      this.errors.clear();
    } catch (e) {
      if (seq === this.previewSeq && !this.run.running) this.errors.show(e);
    }
  }

  /** After a file loads: it becomes the data set, in the controls, the address and the preview. */
  selectFile(): void {
    this.page.setFields({ ...this.page.readControls(), dataset: 'csv' });
    void this.refreshPreview();
  }

  private async loadFiles(train: File, test?: File): Promise<void> {
    await this.ready;
    const csvError = $('csv-error');
    try {
      const d = isMat(train) ? await this.data.loadMat(new Uint8Array(await train.arrayBuffer()), train.name)
        : await this.data.loadCsv(await train.text(), test ? await test.text() : undefined, { train: train.name, test: test?.name ?? '' });
      csvError.hidden = true;
      $('csv-status').textContent = `loaded ${d.source}: ${d.train.m} training${d.test ? `, ${d.test.m} test` : ''} points`;
      this.selectFile();
    } catch (e) {
      csvError.textContent = (e as Error).message;
      csvError.hidden = false;
      // a refused file is never shown as chosen: the pickers are emptied, and the line says what the data still is
      $<HTMLInputElement>('csv-train').value = '';
      $<HTMLInputElement>('csv-test').value = '';
      $('csv-status').textContent = `${[train, test].filter(Boolean).map((f) => f!.name).join(' and ')} not loaded: ${this.dataNow()}`;
    }
  }

  /** What the page trains on now, in words: the file loaded before, or the built-in set the controls name. */
  private dataNow(): string {
    const fields = this.page.state.fields;
    const d = this.data.csv;
    if (fields.dataset === 'csv' && d) return `${d.source} is still the data (${d.train.m} training${d.test ? `, ${d.test.m} test` : ''} points)`;
    return `the data is still the built-in ${fields.dataset} set${d ? ` (${d.source} stays loaded: choose "your file" to use it)` : ''}`;
  }
}
