import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { releaseArchive } from './image';
import { CheckFailed, check, fieldopsServices, freePort, ROOT, requireCommand, run, scratchDir, waitForOk } from './support';

const PLAYBOOK = path.join(ROOT, 'deploy/ansible/site.yml');

/**
 * Runs the playbook against this machine (connection local) into a scratch prefix: the release the image step
 * built is unpacked, migrations run, the environment file and unit file written, and the process started directly
 * (no systemd here) and checked on /healthz and /readyz. Run twice, the second run is the rolling restart. One
 * unit runs every service (a comma-separated entry), as a small VM would, without the embedded demo seed.
 */
export async function ansible(): Promise<string> {
  await requireCommand('ansible-playbook', 'ansible-core');
  // The release is the image's built tree: the image step (run before this one) builds it.
  const release = await releaseArchive();
  const prefix = scratchDir('ansible');
  const port = await freePort();
  const inventory = path.join(prefix, 'inventory.ini');
  writeFileSync(inventory, '[fieldops]\nlocalhost ansible_connection=local\n');
  const vars = {
    fieldops_become: false,
    fieldops_manage_user: false,
    fieldops_user: process.env.USER ?? 'root',
    fieldops_prefix: path.join(prefix, 'opt'),
    fieldops_release_archive: release,
    fieldops_version: '0.1.0-test',
    fieldops_node: process.execPath,
    fieldops_base_port: port,
    fieldops_services: [[...fieldopsServices(), 'gateway'].join(',')],
    fieldops_service_manager: 'direct',
    fieldops_systemd_dir: prefix,
    fieldops_env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_LOGIN_MAX: '100' },
  };
  const varsFile = path.join(prefix, 'vars.json');
  writeFileSync(varsFile, JSON.stringify(vars));
  const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'default', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' };
  const playbook = ['-i', inventory, PLAYBOOK, '-e', `@${varsFile}`];
  const unitName = `fieldops-${[...fieldopsServices(), 'gateway'].join('-')}`;
  const unit = path.join(prefix, `${unitName}.service`);
  const pidFile = path.join(prefix, `opt/run/${unitName}.pid`);
  try {
    await run('ansible-playbook', ['--syntax-check', ...playbook], { env });
    const first = await run('ansible-playbook', playbook, { env, timeoutMs: 600_000 });
    check(/failed=0/.test(first.output), `the playbook failed:\n${first.output}`);
    check(existsSync(unit), 'the playbook wrote no unit file');
    check(readFileSync(unit, 'utf8').includes(`Environment=PORT=${port}`), 'the unit file does not set the port');
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, 120_000);
    check(
      readFileSync(path.join(prefix, 'opt/etc/fieldops.env'), 'utf8').includes('DATA_DIR='),
      'the environment file does not set DATA_DIR',
    );
    const pid = readFileSync(pidFile, 'utf8').trim();
    const second = await run('ansible-playbook', playbook, { env, timeoutMs: 600_000 });
    check(/failed=0/.test(second.output), `the second run (rolling restart) failed:\n${second.output}`);
    check(readFileSync(pidFile, 'utf8').trim() !== pid, 'the second run did not restart the process');
    await waitForOk(`${base}/readyz`, 120_000);
  } catch (error) {
    const log = path.join(prefix, `opt/log/${unitName}.log`);
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
    throw new CheckFailed(`${error instanceof Error ? error.message : String(error)}\n--- fieldops started by the playbook:\n${tail}`);
  } finally {
    await run('start-stop-daemon', ['--stop', '--oknodo', '--retry', 'TERM/45/KILL/5', '--pidfile', pidFile], { allowFailure: true });
  }
  return 'playbook installed the release into a scratch prefix, migrated, started it (healthz, readyz), restarted it on a second run';
}
