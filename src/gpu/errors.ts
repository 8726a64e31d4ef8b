/** What can go wrong on the GPU, each a ReglabError with the one line a user reads. */
import { ReglabError } from '../errors';

/** A WGSL or pipeline error, naming the kernel and the WGSL line. */
export class GpuKernelError extends ReglabError {
  constructor(readonly kernel: string, message: string) {
    super(`${kernel}: ${message}`, { exitCode: 1 });
  }
}

export class GpuDeviceLostError extends ReglabError {
  constructor(reason: string, readonly lastIteration: number) {
    super(`the GPU device was lost (${reason}); training stopped after iteration ${lastIteration}. Run again, or use --backend cpu`, { exitCode: 1 });
  }
}

export class GpuLimitError extends ReglabError {
  constructor(limit: string, needed: number, available: number, what: string) {
    super(`${what} needs ${needed} bytes but the device's ${limit} is ${available}; use fewer examples or narrower layers`, { exitCode: 1, field: 'layers' });
  }
}
