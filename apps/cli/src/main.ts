// The `fieldops` command. From the repository: `npm run fieldops -- <command>` (`npm start` = `fieldops serve`).
import { runCli } from './cli';

const exitCode = await runCli(process.argv.slice(2), { env: process.env, out: process.stdout, err: process.stderr });
// Exit explicitly: a driver that keeps a socket or timer alive after stop() must not keep the command running.
process.exit(exitCode);
