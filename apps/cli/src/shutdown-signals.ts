import { type CliIo, println } from './command';

export interface ShutdownSignal {
  /** Resolves with the first SIGTERM or SIGINT. */
  received: Promise<NodeJS.Signals>;
  readonly requested: boolean;
  dispose(): void;
}

/**
 * The first SIGTERM/SIGINT asks for a graceful stop (the caller drains requests and relays). A second one means
 * whoever sent it will not wait (an impatient Ctrl+C, an orchestrator's grace period running out): exit at once.
 */
export function listenForShutdown(io: CliIo): ShutdownSignal {
  let first: NodeJS.Signals | undefined;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      println(io.err, `fieldops: ${signal} again: exiting without finishing the graceful stop`);
      process.exit(1);
    }
    first = signal;
    println(io.out, `${signal}: stopping gracefully (send it again to exit at once)…`);
    resolveReceived(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    received,
    get requested() {
      return first !== undefined;
    },
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
