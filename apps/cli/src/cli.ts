import { type CliIo, type Command, println, UsageError } from './command';
import { dlqCommand } from './commands/dlq';
import { filesCommand } from './commands/files';
import { leadsCommand } from './commands/leads';
import { migrateCommand } from './commands/migrate';
import { replayCommand } from './commands/replay';
import { seedCommand } from './commands/seed';
import { serveCommand } from './commands/serve';
import { ticketsCommand } from './commands/tickets';
import { describeFailure } from './failure';

const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  leadsCommand,
  ticketsCommand,
  filesCommand,
  replayCommand,
  dlqCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'Usage: fieldops <command> [options]        (from the repository: npm run fieldops -- <command> [options])',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}this text; "fieldops help <command>" (or "<command> --help") for one command`,
    '',
    'Nothing set means embedded: SQLite files under DATA_DIR (./data), the in-process bus and cache.',
    'Exit codes: 0 ok, 1 error, 2 usage.',
  ].join('\n');
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command;
}

const isHelpFlag = (arg: string) => arg === '--help' || arg === '-h';

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    println(io.err, overview());
    return 2;
  }
  if (name === 'help' || isHelpFlag(name)) {
    const topic = args[0];
    println(io.out, topic === undefined ? overview() : findCommand(topic).help);
    return 0;
  }
  const command = findCommand(name);
  // Everything after `--` is an argument, not a request for help.
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (options.some(isHelpFlag)) {
    println(io.out, command.help);
    return 0;
  }
  return command.run(args, io);
}

/** Runs one `fieldops` command line and answers the exit code; failures are one line on stderr, never a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const failure = describeFailure(error);
    println(io.err, `fieldops: ${failure.line}`);
    return failure.exitCode;
  }
}
