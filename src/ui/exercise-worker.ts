/**
 * The exercise's sandbox: a worker that runs student code — a check of one function on its test
 * case, or the lesson's model trained with the student's functions (or with the CPU reference, for
 * the numbers beside them). It has no DOM to touch; the page ends it when it overruns its time
 * (src/ui/exercise-sandbox.ts) and starts a fresh one for the next request.
 */
import { checkJs } from '../exercise/check';
import { StudentCodeError } from '../exercise/compile';
import type { SandboxReply, SandboxRequest } from '../exercise/protocol';
import { trainRuns } from '../exercise/train-with';

const post = (m: SandboxReply) => (self as unknown as Worker).postMessage(m);
/** The heartbeat's spacing: the page counts the silence between messages. */
const BEAT_MS = 100;

self.onmessage = async (e: MessageEvent<SandboxRequest>) => {
  const req = e.data;
  try {
    if (req.op === 'check') {
      post({ id: req.id, type: 'done', value: checkJs(req.name, req.source) });
      return;
    }
    let last = performance.now();
    const runs = await trainRuns(req.engine, req.sources, req.runs, { train: req.train, test: req.test }, req.grid, {
      onProgress: (run, p) => {
        last = performance.now();
        post({ id: req.id, type: 'progress', run, done: p.done, total: p.total, cost: p.cost });
      },
      onIteration: () => {
        const now = performance.now();
        if (now - last < BEAT_MS) return;
        last = now;
        post({ id: req.id, type: 'beat' });
      },
    });
    post({ id: req.id, type: 'done', value: runs });
  } catch (err) {
    const message = err instanceof StudentCodeError ? err.describe() : err instanceof Error ? err.message : String(err);
    post({ id: req.id, type: 'error', message, ...(err instanceof StudentCodeError && err.line !== null ? { line: err.line } : {}) });
  }
};

post({ type: 'ready' });
