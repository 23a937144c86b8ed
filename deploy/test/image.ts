import path from 'node:path';
import {
  Background,
  CheckFailed,
  check,
  demoLoginWithin,
  fieldopsServices,
  freePort,
  ROOT,
  requireCommand,
  run,
  scratchDir,
  waitForOk,
} from './support';

const TAG = 'localhost/fieldops:test';
/** Buildah's storage: overlay where the kernel allows it, else vfs (slower, works anywhere). */
const env = { ...process.env, BUILDAH_ISOLATION: 'chroot' };

/** The built tree the image holds (its /app) as a release tarball for the Ansible playbook: from the image built last. */
export async function releaseArchive(): Promise<string> {
  const container = (await run('buildah', ['from', '--pull=never', TAG], { env })).output.trim().split('\n').pop() ?? '';
  try {
    const mount = (await run('buildah', ['mount', container], { env })).output.trim();
    const archive = path.join(scratchDir('release'), 'fieldops-release.tar');
    await run('tar', ['-C', path.join(mount, 'app'), '-cf', archive, '.']);
    return archive;
  } finally {
    await run('buildah', ['rm', container], { env, allowFailure: true });
  }
}

/**
 * Builds deploy/Containerfile with buildah (no Docker engine), checks what the image declares (non-root user,
 * entry point, healthcheck, OCI labels), then starts `fieldops serve` inside it and logs in from the host.
 */
export async function image(): Promise<string> {
  await requireCommand('buildah', 'buildah');
  await requireCommand('debootstrap', 'debootstrap');
  const started = Date.now();
  await run(path.join(ROOT, 'deploy/image/build.sh'), [TAG], { env, timeoutMs: 1_200_000 });
  const built = ((Date.now() - started) / 1000).toFixed(0);

  const inspect = JSON.parse((await run('buildah', ['inspect', '--type', 'image', TAG], { env })).output) as {
    Docker: { config: { User: string; Entrypoint: string[]; Healthcheck?: { Test: string[] }; Labels: Record<string, string> } };
  };
  const config = inspect.Docker.config;
  check(config.User === 'fieldops', `the image runs as "${config.User}", not the fieldops user`);
  check(config.Entrypoint?.[0] === 'fieldops', `the entry point is ${JSON.stringify(config.Entrypoint)}, not fieldops`);
  check(config.Healthcheck?.Test?.join(' ').includes('/healthz'), 'the image has no healthcheck on /healthz');
  for (const label of ['title', 'version', 'source', 'licenses']) {
    check(config.Labels?.[`org.opencontainers.image.${label}`], `the image has no org.opencontainers.image.${label} label`);
  }
  const size = (await run('buildah', ['images', '--format', '{{.Size}}', TAG], { env })).output.trim().split('\n')[0];
  const container = (await run('buildah', ['from', '--pull=never', TAG], { env })).output.trim().split('\n').pop() ?? '';
  const port = await freePort();
  const inContainer = (args: string[]) => [
    'run',
    '--isolation',
    'chroot',
    '--network',
    'host',
    '--env',
    `PORT=${port}`,
    '--env',
    'HOST=127.0.0.1',
    container,
    '--',
    ...args,
  ];
  // Every service and the gateway in one process, as embedded, but without the whole demo seed (a minute): only
  // the demo people, so the administrator can log in.
  await run('buildah', inContainer(['fieldops', 'seed', '--demo', '--services', 'account']), { env, timeoutMs: 180_000 });
  const server = Background.start(
    'buildah',
    inContainer(['fieldops', 'serve', '--services', [...fieldopsServices(), 'gateway'].join(',')]),
    {
      env,
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/healthz`, 120_000, server.exited);
    await waitForOk(`${base}/readyz`, 120_000, server.exited);
    await demoLoginWithin(base, 60_000);
    const web = await fetch(`${base}/`);
    check(web.ok && (await web.text()).includes('<html'), `the web app is not served from the image (HTTP ${web.status})`);
  } catch (error) {
    throw new CheckFailed(`${error instanceof Error ? error.message : String(error)}\n--- fieldops in the image:\n${server.log()}`);
  } finally {
    await server.stop();
  }
  await run('buildah', ['rm', container], { env });
  return `image ${TAG}: ${size}, built in ${built} s; fieldops seed and fieldops serve ran in it; /healthz, /readyz, login and the web app answered`;
}
