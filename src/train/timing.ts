/**
 * One meaning for `wallMs` in every command (train, compare, the sweep, the labs, the page): the
 * time models spent training — from the first iteration's submit to the last result read back
 * (the final evaluations included) — without one-time set-up: acquiring the device, compiling
 * pipelines, uploading data, building trainers. That set-up is `setupMs`, reported apart.
 */

/**
 * A clock of training time for runs that may overlap (the page's sweep trains several models at once
 * in workers): it counts the time during which at least one model is training, so overlapping runs
 * are counted once, and set-up that overlapped another model's training is not counted twice.
 */
export class TrainingClock {
  private active = 0;
  private since = 0;
  private total = 0;
  private readonly started = performance.now();

  /** A model starts training (after its set-up). */
  begin(): void {
    if (this.active++ === 0) this.since = performance.now();
  }

  /** That model's last result is read back. */
  end(): void {
    if (--this.active === 0) this.total += performance.now() - this.since;
  }

  /** Training time so far (wallMs) and everything else since the clock was made (setupMs): together the whole run. */
  read(): { wallMs: number; setupMs: number } {
    const now = performance.now();
    const wallMs = this.total + (this.active > 0 ? now - this.since : 0);
    return { wallMs, setupMs: Math.max(0, now - this.started - wallMs) };
  }

  /** Time `f` as training. */
  async training<T>(f: () => Promise<T>): Promise<T> {
    this.begin();
    try {
      return await f();
    } finally {
      this.end();
    }
  }
}
