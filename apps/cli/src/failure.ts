import { ConfigError } from '@fieldops/platform';
import { UsageError } from './command';

export interface Failure {
  /** One line for stderr, without the `fieldops: ` prefix. */
  line: string;
  exitCode: 1 | 2;
}

/** A ConfigError may arrive wrapped by a driver; the setting it names is what the operator needs. */
function findConfigError(error: unknown): ConfigError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof ConfigError) return current;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim().length > 0) ?? '';
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(messageOf).join('; ');
  if (error instanceof Error) return firstLine(error.message) || error.name;
  return String(error);
}

/** Maps what a command threw to the one line the operator sees and the exit code; no stack traces. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof UsageError) {
    const help = error.command ? `fieldops help ${error.command}` : 'fieldops help';
    return { line: `${error.message} (see "${help}")`, exitCode: 2 };
  }
  const config = findConfigError(error);
  // ConfigError's message already starts with the setting's name.
  if (config) return { line: messageOf(config), exitCode: 1 };
  return { line: messageOf(error), exitCode: 1 };
}
