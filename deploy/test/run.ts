/**
 * `npm run test:deploy [step…]`: builds, renders and runs every deployment artifact under deploy/ and says how
 * long each step took. Exits non-zero when any step fails. Steps: image, ansible (installs the built image's tree),
 * kubernetes, rules, live (dashboards and rules against a live Prometheus), pipeline.
 */
import { ansible } from './ansible';
import { image } from './image';
import { kubernetes } from './kubernetes';
import { live } from './live';
import { pipeline } from './pipeline';
import { rules } from './rules';

const STEPS: Record<string, () => Promise<string>> = { rules, kubernetes, pipeline, live, image, ansible };

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in STEPS));
if (unknown.length > 0) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps: ${Object.keys(STEPS).join(', ')}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(STEPS);
const results: { name: string; seconds: number; ok: boolean }[] = [];
const started = performance.now();
for (const name of names) {
  const step = STEPS[name];
  if (!step) continue;
  const t0 = performance.now();
  console.log(`\n-- deploy: ${name}`);
  let ok = true;
  try {
    console.log(await step());
  } catch (error) {
    ok = false;
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  results.push({ name, seconds, ok });
  console.log(`${ok ? 'ok' : 'FAILED'} ${name} (${seconds.toFixed(1)} s)`);
}
console.log('\n-- deploy: summary');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s`);
const failed = results.filter((r) => !r.ok);
console.log(
  `deploy checks: ${results.length - failed.length} of ${results.length} ok in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed.length > 0 ? 1 : 0);
