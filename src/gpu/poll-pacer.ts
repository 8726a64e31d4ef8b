/**
 * Pacing dawn.node's device polling, for software adapters in Node.
 *
 * dawn.node moves a pending GPU promise (mapAsync, onSubmittedWorkDone, an async pipeline) along by
 * polling: while any is pending it calls the global `setImmediate` again and again
 * (crbug.com/dawn/1127), so the Node thread spins at 100 % for as long as the GPU works. On a real
 * GPU that costs a core and nothing else. On a software adapter (SwiftShader) the GPU *is* the
 * machine's cores, and the spinning thread takes one of them from the work it waits for: on two
 * cores, 16 models side by side (16 workgroups) ran on about one core's worth of SwiftShader.
 *
 * The pacer lets each wait spin for its first SPIN_MS — short waits (a tiny dispatch, a read-back)
 * end as quickly as before — and then polls from a 1 ms timer. It only ever delays Dawn's polls:
 * every other `setImmediate` call goes straight through.
 */

/** How long a wait polls back to back before it polls from a timer. */
export const SPIN_MS = 1;

/**
 * Dawn's poll is a native function without name or parameters, scheduled without arguments
 * (src/dawn/node/binding/AsyncRunner.cpp); a script's own callbacks are never native and nameless
 * both. Were dawn.node to change this, the pacer would stop recognizing its polls: slower on
 * SwiftShader, never wrong.
 */
export function isDawnPoll(fn: unknown, args: readonly unknown[]): fn is () => void {
  return typeof fn === 'function' && args.length === 0 && fn.name === '' && fn.length === 0
    && Function.prototype.toString.call(fn).includes('[native code]');
}

let restore: (() => void) | null = null;

/** Whether the pacer is on (acquireGpu turns it on for a software adapter in Node). */
export function pacing(): boolean {
  return restore !== null;
}

/**
 * Install the pacer on this realm's `setImmediate` (once; later calls do nothing). Returns what
 * takes it off again (for the test that shows what it saves).
 */
export function paceDawnPolling(): () => void {
  if (restore || typeof globalThis.setImmediate !== 'function') return restore ?? (() => {});
  const immediate = globalThis.setImmediate;
  // A poll scheduled from inside a poll continues a wait; any other starts one (Dawn schedules
  // the first poll from the call that made the promise).
  let inPoll = false;
  let waitStart = 0;
  const paced = function setImmediate(fn: (...a: unknown[]) => void, ...args: unknown[]) {
    if (!isDawnPoll(fn, args)) return immediate(fn, ...args);
    if (!inPoll) waitStart = performance.now();
    const poll = () => {
      inPoll = true;
      try {
        fn();
      } finally {
        inPoll = false;
      }
    };
    return performance.now() - waitStart < SPIN_MS ? immediate(poll) : setTimeout(poll, 1);
  };
  globalThis.setImmediate = Object.assign(paced, immediate) as typeof globalThis.setImmediate;
  restore = () => {
    globalThis.setImmediate = immediate;
    restore = null;
  };
  return restore;
}
