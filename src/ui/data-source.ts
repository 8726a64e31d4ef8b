/**
 * The data the page trains on: a file the user loaded (the lesson's data.mat, or CSVs) or a built-in
 * set the controls name, each made in a worker so the page never waits on it.
 */
import type { Split } from '../data/generators';
import type { LabelledSet } from '../model/types';
import { builtInSource, csvSource } from '../present/format';
import { computeClient, type ComputeClient } from './compute';
import { FieldError } from './field-error';
import { builtInOptions } from './request';
import type { Fields } from './state';

export interface LabData {
  train: LabelledSet;
  test: LabelledSet | null;
  source: string;
  /** Drawn on the plot (draw-data.ts), not read from a file. */
  drawn?: boolean;
}

export class DataSource {
  /** The last file loaded, kept until another one loads. */
  csv: LabData | null = null;
  private generated: { key: string; data: Promise<LabData>; ready: LabData | null } | null = null;
  private dataWorkerClient: ComputeClient | null = null;

  /** Read an uploaded MAT-file (the lesson's data.mat) in the worker; on error the previous data stays and the error is thrown. */
  async loadMat(bytes: Uint8Array, name = 'data.mat'): Promise<LabData> {
    const { train, test } = await this.dataWorker().call<Split>({ op: 'mat', bytes, name });
    this.csv = { train, test, source: name };
    return this.csv;
  }

  /** Parse uploaded CSV text in the worker; on error the previous data stays and the error is thrown. */
  async loadCsv(trainText: string, testText?: string, names = { train: 'train.csv', test: 'test.csv' }): Promise<LabData> {
    const withTest = testText !== undefined && testText.trim() !== '';
    const { train, test } = await this.dataWorker().call<Split>({ op: 'csv', trainText, testText: withTest ? testText : null, names });
    this.csv = { train, test, source: csvSource(names.train, test ? names.test : null) };
    return this.csv;
  }

  /** The data the controls name: the loaded file, or a built-in set generated in the worker (the last one is kept). */
  async data(fields: Fields): Promise<LabData> {
    const o = this.options(fields);
    if (!o) return this.csv!;
    const key = JSON.stringify(o);
    if (this.generated?.key !== key) {
      const made = this.dataWorker().call<Split>({ op: 'generate', options: o })
        .then((split) => ({ ...split, source: builtInSource(o) }));
      this.generated = { key, data: made, ready: null };
      made.then((d) => { if (this.generated?.key === key) this.generated.ready = d; }, () => { if (this.generated?.key === key) this.generated = null; });
    }
    return this.generated.data;
  }

  /** The data the controls name if it is already made (for state()); null while it is being made or when the controls are invalid. */
  dataNow(fields: Fields): LabData | null {
    try {
      const o = this.options(fields);
      if (!o) return this.csv;
      return this.generated?.key === JSON.stringify(o) ? this.generated.ready : null;
    } catch {
      return null;
    }
  }

  /** The controls' built-in set; null for the loaded file. */
  private options(fields: Fields) {
    if (fields.dataset !== 'csv') return builtInOptions(fields);
    if (!this.csv) throw new FieldError('dataset', 'no CSV loaded yet: choose or drop a file, or draw data on the plot');
    const ones = this.csv.train.Y.reduce((a, y) => a + y, 0);
    if (this.csv.drawn && (ones === 0 || ones === this.csv.train.m)) {
      throw new FieldError('dataset', 'your drawing needs points of both classes: click to add the chosen class, shift-click for the other');
    }
    return null;
  }

  /** One worker for making data, kept for the page's life (a stop does not end it). */
  private dataWorker(): ComputeClient {
    return (this.dataWorkerClient ??= computeClient('data worker'));
  }
}
