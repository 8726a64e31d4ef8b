/**
 * Student code in, a function out — or an error that names its line. The code is the body of a
 * `new Function` whose parameters give it `np`, the notebook's helpers and `print`, and hide the
 * worker's own globals (postMessage, fetch, timers…): a guard against accidents, not a wall. The
 * wall is the worker it runs in (src/ui/exercise-worker.ts: no DOM, and the page terminates it when
 * it overruns its time).
 *
 * V8 reports no position for a SyntaxError raised by `new Function`, so the position comes from
 * parsing the source with Lezer's JavaScript grammar (the editor's own parser); a runtime error's
 * line comes from its stack, less the lines the wrapper adds.
 */
import { parser } from '@lezer/javascript';
import { makeNp, makePrint, type Np } from './np';
import { makeRegUtils, type RegUtils } from './reg-utils';

/** What student code runs with: one per check or training run, so no state leaks between them. */
export interface Sandbox {
  np: Np;
  utils: RegUtils;
  /** What `print` wrote. */
  output: string[];
}

export function newSandbox(): Sandbox {
  const np = makeNp();
  return { np, utils: makeRegUtils(np), output: [] };
}

/** Names the code may use, and the worker globals it may not (passed as undefined). */
const GIVEN = ['np', 'relu', 'sigmoid', 'compute_cost', 'print'] as const;
const HIDDEN = [
  'self', 'globalThis', 'postMessage', 'close', 'importScripts', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Worker',
  'indexedDB', 'caches', 'navigator', 'location', 'setTimeout', 'setInterval', 'queueMicrotask', 'onmessage', 'addEventListener',
] as const;
const PRELUDE = '"use strict";\n';

export type CodeErrorKind = 'syntax' | 'runtime' | 'missing';

/** An error in student code, with its line (1-based, in the student's source) where known. */
export class StudentCodeError extends Error {
  constructor(readonly kind: CodeErrorKind, message: string, readonly line: number | null = null, readonly column: number | null = null) {
    super(message);
    this.name = 'StudentCodeError';
  }

  /** "line 7: TypeError: …", as the view shows it. */
  describe(): string {
    return this.line === null ? this.message : `line ${this.line}${this.column === null ? '' : `, column ${this.column}`}: ${this.message}`;
  }
}

/** The first place Lezer's grammar cannot parse, as a 1-based line and column; null for valid code. */
export function syntaxErrorPosition(source: string): { line: number; column: number } | null {
  let at = -1;
  parser.parse(source).iterate({
    enter: (node) => {
      if (at >= 0) return false;
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      return undefined;
    },
  });
  return at < 0 ? null : positionOf(source, at);
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Lines the wrapper puts before the student's first line, measured once (engines differ). */
let wrapperLines: number | null = null;
function measureWrapper(): number {
  if (wrapperLines !== null) return wrapperLines;
  try {
    new Function(...GIVEN, ...HIDDEN, `${PRELUDE}throw new Error('probe');`)();
  } catch (e) {
    const at = anonymousFrame(e);
    wrapperLines = at ? at.line - 1 : 0;
  }
  return wrapperLines ?? 0;
}

/** The innermost stack frame in code made by `new Function` (V8: "<anonymous>:7:22"). */
function anonymousFrame(e: unknown): { line: number; column: number } | null {
  const stack = e instanceof Error ? e.stack ?? '' : '';
  const m = /<anonymous>:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** A thrown value as a StudentCodeError with the student's line, when its stack shows one. */
export function asStudentError(e: unknown): StudentCodeError {
  if (e instanceof StudentCodeError) return e;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : `uncaught ${JSON.stringify(e) ?? String(e)}`;
  const at = anonymousFrame(e);
  const line = at ? at.line - measureWrapper() : null;
  return new StudentCodeError('runtime', message, line !== null && line >= 1 ? line : null, at && line !== null && line >= 1 ? at.column : null);
}

/** Compile `source` and return its function `name`, bound to the sandbox. Throws StudentCodeError. */
export function compileFunction(name: string, source: string, box: Sandbox): (...args: unknown[]) => unknown {
  if (typeof source !== 'string') throw new StudentCodeError('missing', `the source of ${name} must be text, got ${source === null ? 'null' : typeof source}`);
  let factory: (...args: unknown[]) => unknown;
  try {
    factory = new Function(...GIVEN, ...HIDDEN, `${PRELUDE}${source}\n;return typeof ${name} === "function" ? ${name} : undefined;`) as typeof factory;
  } catch (e) {
    const at = syntaxErrorPosition(source);
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new StudentCodeError('syntax', message, at?.line ?? null, at?.column ?? null);
  }
  const { np, utils } = box;
  let fn: unknown;
  try {
    fn = factory(np, utils.relu, utils.sigmoid, utils.compute_cost, makePrint(box.output), ...HIDDEN.map(() => undefined));
  } catch (e) {
    throw asStudentError(e);
  }
  if (typeof fn !== 'function') {
    throw new StudentCodeError('missing', `the code defines no function ${name}(…): keep the line "function ${name}(…) {" of the skeleton`);
  }
  return fn as (...args: unknown[]) => unknown;
}
