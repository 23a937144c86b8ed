import path from 'node:path';
import { Background, CheckFailed, check, demoLoginWithin, freePort, ROOT, requireCommand, run, scratchDir, waitForOk } from './support';

const TAG = 'localhost/fieldops:test';
/** Buildah's storage: overlay where the kernel allows it, else vfs (slower, works anywhere). */
const env = { ...process.env, BUILDAH_ISOLATION: 'chroot' };

/** The release the image holds (its /app), for the Ansible step to install: a tarball path once built. */
export let releaseArchive: string | undefined;

function sizeOf(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
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
  const size = Number(
    (await run('buildah', ['images', '--format', '{{.Size}}', '--noheading', TAG], { env })).output.trim().split('\n')[0],
  );
  const sizeText =
    Number.isFinite(size) && size > 0 ? sizeOf(size) : (await run('buildah', ['images', TAG], { env })).output.trim().split('\n').pop();

  const container = (await run('buildah', ['from', '--pull=never', TAG], { env })).output.trim().split('\n').pop() ?? '';
  const port = await freePort();
  const server = Background.start(
    'buildah',
    ['run', '--isolation', 'chroot', '--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1', container, '--', 'fieldops', 'serve'],
    { env },
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
  // The same built tree is the release the Ansible playbook installs.
  const mount = (await run('buildah', ['mount', container], { env })).output.trim();
  const archive = path.join(scratchDir('release'), 'fieldops-release.tar');
  await run('tar', ['-C', path.join(mount, 'app'), '-cf', archive, '.']);
  await run('buildah', ['umount', container], { env });
  await run('buildah', ['rm', container], { env });
  releaseArchive = archive;
  return `image ${TAG}: ${sizeText}, built in ${built} s; started with buildah run, /healthz, /readyz, login and web app answered`;
}
