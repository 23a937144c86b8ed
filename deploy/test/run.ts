/**
 * `npm run test:deploy [step…]`: builds, renders and runs every deployment artifact under deploy/ and says how
 * long each step took. Exits non-zero when any step fails. Two chains run side by side (the image build waits on
 * disk and network as much as on the processor): rules, kubernetes, pipeline, live (dashboards and rules against
 * a live Prometheus); and image, then ansible (which installs the image's built tree).
 */
import { ansible } from './ansible';
import { image } from './image';
import { kubernetes } from './kubernetes';
import { live } from './live';
import { pipeline } from './pipeline';
import { rules } from './rules';
import { removeScratchDirs } from './support';

const CHAINS: Record<string, () => Promise<string>>[] = [
  { rules, kubernetes, pipeline, live },
  { image, ansible },
];
const known = CHAINS.flatMap((chain) => Object.keys(chain));

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps: ${known.join(', ')}`);
  process.exit(2);
}

interface Result {
  name: string;
  seconds: number;
  ok: boolean;
}

async function runChain(chain: Record<string, () => Promise<string>>): Promise<Result[]> {
  const results: Result[] = [];
  for (const [name, step] of Object.entries(chain)) {
    if (asked.length > 0 && !asked.includes(name)) continue;
    const t0 = performance.now();
    let report: string;
    let ok = true;
    try {
      report = await step();
    } catch (error) {
      ok = false;
      report = `FAILED: ${error instanceof Error ? error.message : String(error)}`;
    }
    const seconds = (performance.now() - t0) / 1000;
    // A step's report is printed whole when it ends, so the two chains' reports never interleave.
    console.log(`\n-- deploy: ${name} (${seconds.toFixed(1)} s)\n${report}\n${ok ? 'ok' : 'FAILED'} ${name}`);
    results.push({ name, seconds, ok });
  }
  return results;
}

const started = performance.now();
const results = (await Promise.all(CHAINS.map(runChain))).flat();
removeScratchDirs();
console.log('\n-- deploy: summary');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s`);
const failed = results.filter((r) => !r.ok);
const total = ((performance.now() - started) / 1000).toFixed(0);
console.log(`deploy checks: ${results.length - failed.length} of ${results.length} ok in ${total} s`);
process.exit(failed.length > 0 ? 1 : 0);
