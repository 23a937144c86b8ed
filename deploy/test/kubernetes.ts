import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CheckFailed, check, fieldopsServices, ROOT, requireCommand, run } from './support';

const K8S = path.join(ROOT, 'deploy/k8s');
const OVERLAYS = ['embedded', 'distributed', 'country-br'];
/** Shutdown: 15 s for requests in flight, then jobs, the relay's 5 s drain, bus and cache (host.ts). */
const SHUTDOWN_SECONDS = 45;
/** What a process of a distributed installation cannot start without (README "Settings"). */
const DISTRIBUTED_SETTINGS = ['DATABASE_URL', 'BUS_URL', 'CACHE_URL', 'SEARCH_URL', 'FILES_URL', 'INTERNAL_SECRET'];
/** Settings named by pattern in the code (one per service, flag or country). */
const SETTING_FAMILIES = [/^SERVICE_[A-Z0-9_]+_URL$/, /^[A-Z0-9]+_DATABASE_URL$/, /^FLAG_[A-Z0-9_]+$/, /^MAP_STYLE_URL__[A-Z]{2}$/];

// biome-ignore lint/suspicious/noExplicitAny: rendered Kubernetes objects are checked field by field below.
type K8sObject = any;

/** Every TypeScript source the processes run, to tell a setting the code reads from a typo. */
function sourceText(): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const group of ['packages', 'services', 'apps']) {
    for (const pkg of readdirSync(path.join(ROOT, group))) {
      const src = path.join(ROOT, group, pkg, 'src');
      try {
        walk(src);
      } catch {
        // a package without sources of its own
      }
    }
  }
  return texts.join('\n');
}

async function render(overlay: string): Promise<K8sObject[]> {
  const { output } = await run('kubectl', ['kustomize', path.join(K8S, 'overlays', overlay)]);
  return parseAllDocuments(output)
    .map((d) => d.toJSON())
    .filter(Boolean);
}

/** Validates an object against the Kubernetes OpenAPI schema of its apiVersion and kind (kubernetes-models). */
async function validate(object: K8sObject): Promise<void> {
  const where = `${object.kind}/${object.metadata?.name}`;
  type Model = new (data: unknown) => { validate(): void };
  const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`).catch(() => ({}))) as Record<string, Model>;
  const model = module[object.kind];
  check(model, `${where}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  // The API server's base64 decoder skips line breaks; kustomize folds long Secret values, the schema's format does not.
  if (object.kind === 'Secret') {
    for (const key of Object.keys(object.data ?? {})) object.data[key] = String(object.data[key]).replace(/\s+/g, '');
  }
  try {
    new model(object).validate();
  } catch (error) {
    throw new CheckFailed(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The environment a pod template's first container gets: its env plus every key of the ConfigMaps and Secrets it loads. */
function environment(template: K8sObject, objects: K8sObject[]): Map<string, string> {
  const env = new Map<string, string>();
  const container = template.spec.containers[0];
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const found = objects.find((o) => o.kind === kind && o.metadata.name === ref.name);
    check(found, `${container.name}: loads ${kind} ${ref.name}, which the overlay does not make`);
    for (const [key, value] of Object.entries(found.data ?? {})) {
      env.set(key, kind === 'Secret' ? Buffer.from(String(value), 'base64').toString() : String(value));
    }
  }
  for (const entry of container.env ?? []) env.set(entry.name, entry.value ?? '');
  return env;
}

function checkWorkload(deployment: K8sObject): void {
  const name = deployment.metadata.name;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  check(container.readinessProbe?.httpGet?.path === '/readyz', `${name}: readiness probe is not /readyz`);
  check(container.livenessProbe?.httpGet?.path === '/healthz', `${name}: liveness probe is not /healthz`);
  check(container.lifecycle?.preStop, `${name}: no preStop hook`);
  check(pod.terminationGracePeriodSeconds >= SHUTDOWN_SECONDS, `${name}: terminationGracePeriodSeconds below ${SHUTDOWN_SECONDS}`);
  check(container.securityContext?.readOnlyRootFilesystem === true, `${name}: root filesystem is writable`);
  check(pod.securityContext?.runAsNonRoot === true, `${name}: may run as root`);
  check(container.resources?.requests?.cpu && container.resources?.limits?.memory, `${name}: no CPU request or memory limit`);
  check(
    (container.volumeMounts ?? []).some((m: K8sObject) => m.mountPath === '/tmp'),
    `${name}: /tmp is not writable (tsx keeps its cache there)`,
  );
}

export async function kubernetes(): Promise<string> {
  await requireCommand('kubectl', 'kubectl (or kubernetes-client)');
  const code = sourceText();
  const read = (key: string) => new RegExp(`\\b${key}\\b`).test(code) || SETTING_FAMILIES.some((f) => f.test(key));
  for (const key of DISTRIBUTED_SETTINGS) check(new RegExp(`\\b${key}\\b`).test(code), `the code no longer reads ${key}`);
  const names = fieldopsServices();
  let total = 0;
  for (const overlay of OVERLAYS) {
    const objects = await render(overlay);
    total += objects.length;
    for (const object of objects) await validate(object);
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    check(deployments.length > 0, `${overlay}: no Deployment`);
    for (const deployment of deployments) {
      checkWorkload(deployment);
      const env = environment(deployment.spec.template, objects);
      for (const key of env.keys()) check(read(key), `${overlay} ${deployment.metadata.name}: sets ${key}, which no code reads`);
    }
    const jobs = objects.filter((o) => o.kind === 'Job');
    for (const job of jobs)
      for (const key of environment(job.spec.template, objects).keys())
        check(read(key), `${overlay}: job sets ${key}, which no code reads`);

    if (overlay === 'embedded') {
      check(deployments.length === 1, 'embedded: more than one Deployment');
      const [one] = deployments;
      check(one.spec.replicas === 1 && one.spec.strategy?.type === 'Recreate', 'embedded: not one replica replaced by Recreate');
      const env = environment(one.spec.template, objects);
      const dataMount = one.spec.template.spec.containers[0].volumeMounts.find((m: K8sObject) => m.mountPath === env.get('DATA_DIR'));
      check(dataMount, `embedded: DATA_DIR ${env.get('DATA_DIR')} is not a mounted volume`);
      const volume = one.spec.template.spec.volumes.find((v: K8sObject) => v.name === dataMount.name);
      const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === volume?.persistentVolumeClaim?.claimName);
      check(claim, 'embedded: the data volume is not a PersistentVolumeClaim of the overlay');
      continue;
    }

    check(
      jobs.some((j) => j.spec.template.spec.containers[0].args?.[0] === 'migrate'),
      `${overlay}: no migration Job`,
    );
    const serviceObjects = objects.filter((o) => o.kind === 'Service');
    const runs = (service: string) =>
      deployments.find((d) => d.spec.template.spec.containers[0].args.join(' ') === `serve --services ${service}`);
    const selects = (selector: Record<string, string> | undefined, deployment: K8sObject) =>
      Object.entries(selector ?? {}).every(([k, v]) => deployment.spec.template.metadata.labels[k] === v);
    for (const service of names) {
      const deployment = runs(service);
      check(deployment, `${overlay}: no Deployment runs ${service}`);
      const name = deployment.metadata.name;
      check(
        objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === name),
        `${overlay}: no HPA for ${name}`,
      );
      check(
        objects.some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, deployment)),
        `${overlay}: no PodDisruptionBudget for ${name}`,
      );
      const env = environment(deployment.spec.template, objects);
      for (const key of DISTRIBUTED_SETTINGS) check(env.get(key), `${overlay} ${name}: ${key} is not set`);
      // Every service reaches every other (the gateway forwards to all; RPC callers vary), each through its Service.
      for (const peer of names) {
        const url = env.get(`SERVICE_${peer.toUpperCase()}_URL`);
        check(url, `${overlay} ${name}: SERVICE_${peer.toUpperCase()}_URL is not set`);
        const { hostname, port } = new URL(url);
        const target = serviceObjects.find((s) => s.metadata.name === hostname);
        check(
          target?.spec.ports.some((p: K8sObject) => String(p.port) === port),
          `${overlay}: ${url} is no Service port`,
        );
        check(selects(target.spec.selector, runs(peer)), `${overlay}: ${url} does not reach the ${peer} pods`);
      }
    }
    const ingress = objects.find((o) => o.kind === 'Ingress');
    const backend = ingress?.spec.rules[0].http.paths[0].backend.service.name;
    check(
      backend?.endsWith('gateway') && serviceObjects.some((s) => s.metadata.name === backend),
      `${overlay}: the Ingress does not reach the gateway`,
    );
  }
  return `${OVERLAYS.length} overlays, ${total} objects valid against the Kubernetes schemas; probes, shutdown, security and settings checked`;
}
