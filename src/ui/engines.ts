/**
 * The engines this page can train on: the GPU when WebGPU gives an adapter (asked for after the first
 * paint), the fast CPU engine (on every core when the page is cross-origin isolated, else on one
 * thread), the CPU reference always. The backend control offers only those, and a setting the page
 * cannot run falls back to automatic (page-engine.ts: the fastest here), which the badge and the
 * engine line explain.
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

/**
 * The fast CPU engine's threads share one memory, which a page may do only when cross-origin isolated
 * (the COOP/COEP headers: vite.config.ts sends them; docs/page.md#hosting-and-offline). A page served
 * without them (any static host, a USB stick) runs the engine on one thread, and says so.
 */
export const fastCpuOneThread = (): boolean => globalThis.crossOriginIsolated !== true;

/** What the page says about the fast CPU engine without isolation. */
export const ONE_THREAD = 'fast CPU engine: one thread (this page is not served cross-origin isolated)';

export class Engines {
  /** The WebGPU adapter's name once offer() has run; null before, and without WebGPU. */
  adapter: string | null = null;
  /** Resolves to the adapter's name (null: no WebGPU) and whether it is software (the CPU running GPU code). */
  readonly ready: Promise<{ adapter: string | null; software: boolean }> = firstPaint().then(acquireGpu).then(
    (gpu) => ({ adapter: gpu.adapterName, software: gpu.isSoftware }),
    () => ({ adapter: null as string | null, software: false }),
  );

  /** The fast CPU engine runs wherever WebAssembly does: on every core when cross-origin isolated, else on one thread. */
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
    $('adapter').textContent = (!adapter ? 'WebGPU: not available'
      : `WebGPU adapter: ${adapter}${software ? ` (software${this.fastCpu ? ' — the CPU is faster here' : ''})` : ''}`)
      + (fastCpuOneThread() ? ` · ${ONE_THREAD}` : '');
    if (fastCpuOneThread()) backend.querySelector<HTMLOptionElement>('option[value=wasm]')!.textContent = 'CPU fast (wasm, one thread)';
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
