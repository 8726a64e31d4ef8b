/**
 * A check of one JavaScript blank: the solution and the student's code each run on a fresh copy of
 * the lesson's test case, in a sandbox of their own, and the grader compares what they return. An
 * error in the student's code comes back as the result (its message and line), never as a throw.
 * This runs inside the exercise worker (src/ui/exercise-worker.ts), which the page stops when it
 * overruns its time.
 */
import { jsBlank } from './blanks';
import { asStudentError, compileFunction, newSandbox, StudentCodeError } from './compile';
import { grade, type CheckResult } from './grader';
import { TEST_CASES, type JsExerciseName } from './test-cases';

/** What the solution returns on the test case (computed once per worker: the solutions do not change). */
const expectedCache = new Map<JsExerciseName, unknown>();
export function expectedOutput(name: JsExerciseName): unknown {
  if (!expectedCache.has(name)) {
    const box = newSandbox();
    expectedCache.set(name, compileFunction(name, jsBlank(name)!.solution, box)(...TEST_CASES[name]().args));
  }
  return expectedCache.get(name);
}

function failed(e: StudentCodeError, output: string[]): CheckResult {
  return { passed: false, message: e.describe(), ...(e.line !== null ? { line: e.line } : {}), output };
}

export function checkJs(name: JsExerciseName, source: string): CheckResult {
  if (!jsBlank(name)) throw new Error(`no exercise ${JSON.stringify(name)}`);
  const expected = expectedOutput(name);
  const box = newSandbox();
  let got: unknown;
  try {
    const fn = compileFunction(name, source, box);
    got = fn(...TEST_CASES[name]().args);
  } catch (e) {
    return failed(asStudentError(e), box.output);
  }
  // a fresh case for the diagnosis: the student's code may have changed the arrays it was given
  return { ...grade(name, expected, got, TEST_CASES[name]().args), output: box.output };
}
