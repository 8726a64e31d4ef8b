/**
 * reglab's refusals, in one taxonomy. Every error a user can cause is a ReglabError: it carries the
 * exit code the CLI returns and, where there is one, the setting (`field`) or file it concerns, so
 * no caller parses a message to find out. The CLI prints a ReglabError as one line; anything else
 * is a bug, printed as one line too, with the stack trace only under --debug or REGLAB_DEBUG=1.
 */
export class ReglabError extends Error {
  /** 2: the request itself is wrong (a flag, a setting); 1: the data, the device or the run failed. */
  readonly exitCode: 1 | 2;
  /** The setting concerned, in the settings' names (e.g. 'learningRate'), when one is. */
  readonly field?: string;
  /** The file concerned, when one is. */
  readonly file?: string;

  constructor(message: string, o: { exitCode?: 1 | 2; field?: string; file?: string } = {}) {
    super(message);
    this.name = new.target.name;
    this.exitCode = o.exitCode ?? 1;
    this.field = o.field;
    this.file = o.file;
  }
}

/** A GPU kernel path that cannot run this network (--gpu-path with --layers): a bad request. */
export class PathUnfitError extends ReglabError {
  constructor(message: string) {
    super(message, { exitCode: 2, field: 'gpuPath' });
  }
}

/** A request whose cost grows past reason (a gradient check of millions of parameters, a huge grid). */
export class SizeCapError extends ReglabError {
  constructor(field: string, message: string) {
    super(message, { exitCode: 2, field });
  }
}

/** Data that float32 cannot hold, refused before a GPU or --precision f32 run. */
export class Float32RangeError extends ReglabError {
  constructor(message: string, file?: string) {
    super(message, { exitCode: 1, file });
  }
}

/** An output that cannot be written (checked before the work starts, or when a write fails). */
export class OutputError extends ReglabError {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`, { exitCode: 1, file });
  }
}
