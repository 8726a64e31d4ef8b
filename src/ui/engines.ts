/**
 * The engines this page can train on: the GPU when WebGPU gives an adapter (asked for after the first
 * paint), the fast CPU engine when the page is cross-origin isolated, the CPU reference always. The
 * backend control offers only those, and a setting the page cannot run falls back to automatic
 * (page-engine.ts: the fastest here), which the badge and the engine line explain.
 */
import { acquireGpu } from '../gpu';
import { $ } from './dom';
import type { Page } from './page';
import { ENGINE_NAMES, fastCpuHere, pageChoice, setAdapterFacts } from './page-engine';

/**
 * The first frame, or 200 ms, whichever comes first. Chromium's first WebGPU adapter request holds the
 * main thread for a few hundred ms; made after the first paint, the page shows before it.
 */
const firstPaint = () => new Promise<void>((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 200);
});

export class Engines {
  /** The WebGPU adapter's name once offer() has run; null before, and without WebGPU. */
  adapter: string | null = null;
  /** Resolves to the adapter's name (null: no WebGPU) and whether it is software (the CPU running GPU code). */
  readonly ready: Promise<{ adapter: string | null; software: boolean }> = firstPaint().then(acquireGpu).then(
    (gpu) => ({ adapter: gpu.adapterName, software: gpu.isSoftware }),
    () => ({ adapter: null as string | null, software: false }),
  );

  /** The fast CPU engine shares memory between threads: only a cross-origin-isolated page may (vite.config.ts sends the two headers that make it so). */
  get fastCpu(): boolean {
    return fastCpuHere();
  }

  /**
   * Say which engines there are, and offer only those in the backend control (a setting the page
   * cannot run falls back to automatic, without saving); the badge names a software adapter as such,
   * and the engine line says what automatic picks for a network like the lesson's.
   */
  offer(found: { adapter: string | null; software: boolean }, page: Page, backend: HTMLSelectElement): void {
    const { adapter, software } = found;
    this.adapter = adapter;
    setAdapterFacts(adapter ? { name: adapter, software } : null);
    $('adapter').textContent = !adapter ? 'WebGPU: not available'
      : `WebGPU adapter: ${adapter}${software ? ` (software${this.fastCpu ? ' — the CPU is faster here' : ''})` : ''}`;
    const fallback = () => page.setFields({ ...page.state.fields, backend: 'auto' }, page.state.course, false);
    if (!this.fastCpu) {
      backend.querySelector<HTMLOptionElement>('option[value=wasm]')!.disabled = true;
      if (page.state.fields.backend === 'wasm') fallback();
    }
    if (!adapter) {
      $('no-webgpu').hidden = false;
      backend.querySelector<HTMLOptionElement>('option[value=gpu]')!.disabled = true;
      if (page.state.fields.backend === 'gpu') fallback();
    }
    // what automatic picks for the lesson's network (a run says its own choice)
    const lesson = pageChoice({ layers: [20, 3] }, 2, 211);
    $('engine').textContent = `Engine (automatic): ${ENGINE_NAMES[lesson.backend]} — ${lesson.reason}.`;
  }
}
