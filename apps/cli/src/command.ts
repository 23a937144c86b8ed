import type { Writable } from 'node:stream';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Env } from '@fieldops/platform';

/** Where a command reads its settings and writes its output; the process's own in `main.ts`. */
export interface CliIo {
  env: Env;
  /** Results, progress and the serve banner. */
  out: Writable & { isTTY?: boolean };
  /** Failures: one line each. */
  err: Writable;
}

export interface Command {
  name: string;
  /** One line for `fieldops help`. */
  summary: string;
  /** The text of `fieldops help <command>` and `fieldops <command> --help`. */
  help: string;
  /** Answers the exit code: 0 ok, 1 error (2, usage, is thrown as a UsageError). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** The command line itself is wrong: exit code 2 and a pointer to the help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function println(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

/** `parseArgs` (strict: unknown options are errors) with its complaints turned into usage errors that name the command. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message, command);
    throw error;
  }
}

/** `--services a,b` → ['a', 'b']; absent → undefined. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
