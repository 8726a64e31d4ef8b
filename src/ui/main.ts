/**
 * Placeholder page until the lab page lands: reports which WebGPU adapter the browser offers and
 * exposes `window.reglab.ready` (a Promise of { adapter }) for the Playwright tests.
 */
async function findAdapter(): Promise<string | null> {
  if (!('gpu' in navigator)) return null;
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info;
  return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
}

const ready = findAdapter().then((adapter) => {
  const el = document.getElementById('adapter')!;
  el.textContent = adapter ? `WebGPU adapter: ${adapter}` : 'WebGPU is not available in this browser.';
  return { adapter };
});

declare global {
  interface Window {
    reglab: { ready: Promise<{ adapter: string | null }> };
  }
}
window.reglab = { ready };
export {};
