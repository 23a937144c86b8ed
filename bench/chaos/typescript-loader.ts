// Loads the FieldOps processes of a run with Node's own TypeScript support (`--experimental-transform-types`) instead
// of tsx: a run starts a dozen processes at once on a small machine, and Node's transform together with its on-disk
// compile cache costs each about half the CPU. The one thing Node does not do is the bundler-style resolution the
// sources are written for (`import './cli'`): this hook finds the `.ts` file or folder index such a specifier means.
import { existsSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';

const WITH_EXTENSION = /\.(?:[cm]?[jt]sx?|json|node)$/;
const CANDIDATES = ['.ts', '/index.ts'];

const isFile = (url: URL) => existsSync(url) && statSync(url).isFile();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && context.parentURL?.startsWith('file:') && !WITH_EXTENSION.test(specifier)) {
      const found = CANDIDATES.find((suffix) => isFile(new URL(specifier + suffix, context.parentURL)));
      if (found) return nextResolve(specifier + found, context);
    }
    return nextResolve(specifier, context);
  },
});
