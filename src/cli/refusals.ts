/**
 * Every way a command can fail, told as one line on stderr, `reglab: …`, with its exit code: the
 * only place where an error becomes what the user reads (a settings error, a usage error and
 * commander's own parse errors alike name the flag the same way: `reglab: --flag: what is wrong`).
 *   2: the request is wrong (a flag, a value, a setting); 1: the data, a file, the device or the run.
 */
import { Command, CommanderError, InvalidArgumentError, type Option } from 'commander';
import { ReglabError } from '../errors';
import { SettingsError } from '../model/settings';
import { flagFor, UsageError } from './options';

/**
 * Route commander's own refusals through reglab's line: its printing is turned off (the line is
 * written by `refusal`), and every option's value parser — reglab's own parsers and commander's
 * `.choices()` — throws a UsageError that names the option. Call once every option is declared.
 */
export function oneLineErrors(program: Command): Command {
  for (const cmd of [program, ...program.commands]) {
    cmd.configureOutput({ outputError: () => {} }).showHelpAfterError(false);
    for (const option of cmd.options) nameTheFlag(option);
  }
  return program;
}

function nameTheFlag(option: Option): void {
  const parse = option.parseArg;
  if (!parse) return;
  const flag = option.long ?? option.flags;
  option.parseArg = <T>(value: string, previous: T): T => {
    if (option.argChoices && !option.argChoices.includes(value)) {
      throw new UsageError(`${flag}: must be one of ${option.argChoices.join(', ')}, got ${JSON.stringify(value)}`);
    }
    try {
      return parse.call(option, value, previous) as T;
    } catch (e) {
      if (e instanceof InvalidArgumentError) throw new UsageError(`${flag}: ${e.message}`);
      throw e;
    }
  };
}

/** What commander could not parse, in reglab's words; its "did you mean" kept. */
function commanderLine(e: CommanderError, program: Command): string {
  const [first, ...rest] = e.message.replace(/^error: /, '').split('\n');
  const mean = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
  const suggestion = mean ? ` (did you mean ${mean}?)` : '';
  let m: RegExpExecArray | null;
  if (e.code === 'commander.unknownOption' && (m = /^unknown option '(.+)'$/.exec(first))) return `${m[1]}: unknown option${suggestion}`;
  if (e.code === 'commander.unknownCommand' && (m = /^unknown command '(.+)'$/.exec(first))) {
    return `${m[1]}: unknown command${suggestion}; the commands: ${program.commands.map((c) => c.name()).join(', ')}`;
  }
  if (e.code === 'commander.optionMissingArgument' && (m = /^option '(?:-\w, )?(--[\w-]+) (.+)' argument missing$/.exec(first))) {
    return `${m[1]}: needs a value (${m[2]})`;
  }
  if (e.code === 'commander.excessArguments' && (m = /^too many arguments for '(.+?)'/.exec(first))) {
    const extra = program.commands.find((c) => c.name() === m![1])?.args ?? [];
    return `${m[1]}: unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => JSON.stringify(a)).join(' ')} (it takes flags only; a value follows its flag, as in --iterations 500)`;
  }
  return first + suggestion; // a refusal this module does not know yet: still one line
}

/** A Node system error (a failed read or write), told in one line. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** The line (null: nothing to print, as after --help) and the exit code for what a command threw. */
export function refusal(e: unknown, program: Command, debug: boolean): { line: string | null; exitCode: number } {
  if (e instanceof CommanderError) {
    // --help and --version exit 0 having printed; `reglab` alone prints the help and exits 2
    if (e.exitCode === 0 || e.code === 'commander.help') return { line: null, exitCode: e.exitCode === 0 ? 0 : 2 };
    return { line: commanderLine(e, program), exitCode: 2 };
  }
  // a settings error names its setting: the line names the flag that sets it
  if (e instanceof SettingsError) return { line: `${flagFor(e.field)}: ${e.reason}`, exitCode: 2 };
  // every refusal reglab knows: one line, its own exit code; a refused request names its flag
  if (e instanceof ReglabError) return { line: `${e.exitCode === 2 && e.field ? `${flagFor(e.field)}: ` : ''}${e.message}`, exitCode: e.exitCode };
  if (isSystemError(e)) {
    const what = e.syscall === 'write' && !e.path ? 'cannot write the output' : `${e.syscall}${e.path ? ` ${e.path}` : ''} failed`;
    return { line: `${what} (${e.code}: ${e.message.replace(/^[A-Z]+: /, '').replace(/, \w+$/, '')})`, exitCode: 1 };
  }
  // anything else is a bug in reglab
  const line = debug ? `unexpected error: ${(e as Error).stack ?? e}`
    : `unexpected error: ${(e as Error).message ?? e} (a bug: REGLAB_DEBUG=1 or --debug shows where; please report it)`;
  return { line, exitCode: 1 };
}
