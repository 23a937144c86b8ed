// The `fieldops` command. From the repository: `npm run fieldops -- <command>` (`npm start` = `fieldops serve`).
// First: an old Node is refused in one line before any native addon can crash it.
import './require-node.cjs';
import { preloadTelemetry } from '@fieldops/platform/telemetry-preload';

// Tracing hooks module loading, so it starts before the rest of the program is imported.
const servicesAt = process.argv.indexOf('--services');
const services = (servicesAt >= 0 ? process.argv[servicesAt + 1] : undefined) ?? 'embedded';
await preloadTelemetry(process.env, `fieldops-${services.replaceAll(',', '-')}`);
const { runCli } = await import('./cli');

const exitCode = await runCli(process.argv.slice(2), { env: process.env, out: process.stdout, err: process.stderr });
// Exit explicitly: a driver that keeps a socket or timer alive after stop() must not keep the command running.
process.exit(exitCode);
