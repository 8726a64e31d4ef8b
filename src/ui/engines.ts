/**
 * The engines this page can train on: the GPU when WebGPU gives an adapter (asked for after the first
 * paint), the fast CPU engine when the page is cross-origin isolated, the CPU reference always. The
 * backend control offers only those, and a setting the page cannot run falls back.
 */
import { acquireGpu } from '../gpu';
import { $ } from './dom';
import type { Page } from './page';

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
  /** Resolves to the adapter's name (null: no WebGPU). */
  readonly ready: Promise<{ adapter: string | null }> = firstPaint().then(acquireGpu).then(
    (gpu) => ({ adapter: gpu.adapterName }),
    () => ({ adapter: null as string | null }),
  );

  /** The fast CPU engine shares memory between threads: only a cross-origin-isolated page may (vite.config.ts sends the two headers that make it so). */
  get fastCpu(): boolean {
    return globalThis.crossOriginIsolated === true;
  }

  /** Say which engines there are, and offer only those in the backend control (the page's setting falls back without saving). */
  offer(adapter: string | null, page: Page, backend: HTMLSelectElement): void {
    this.adapter = adapter;
    $('adapter').textContent = adapter ? `WebGPU adapter: ${adapter}` : 'WebGPU: not available';
    const fallback = (to: string) => page.setFields({ ...page.state.fields, backend: to }, page.state.course, false);
    if (!this.fastCpu) {
      backend.querySelector<HTMLOptionElement>('option[value=wasm]')!.disabled = true;
      if (page.state.fields.backend === 'wasm') fallback('cpu');
    }
    if (!adapter) {
      $('no-webgpu').hidden = false;
      backend.querySelector<HTMLOptionElement>('option[value=gpu]')!.disabled = true;
      if (page.state.fields.backend === 'gpu') fallback(this.fastCpu ? 'wasm' : 'cpu');
    }
  }
}
