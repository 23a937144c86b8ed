// biome-ignore-all lint/style/useTemplate: plain ES5 on purpose, see below.
// Runs before anything else of FieldOps loads, on whatever Node the machine has: a native addon built for
// another Node (better-sqlite3) crashes the process without a word, so an old Node is refused here, in one line.
// Plain ES5 and CommonJS on purpose: this file must parse and run on any Node that can start at all.
'use strict';

// The same as "engines" in package.json: the oldest Node every dependency supports.
var MINIMUM = [22, 22, 0];

function isAtLeastMinimum(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var part;
  var i;
  for (i = 0; i < MINIMUM.length; i++) {
    part = parseInt(parts[i] || '0', 10);
    if (part !== MINIMUM[i]) return part > MINIMUM[i];
  }
  return true;
}

/** The one-line refusal for `version` (as in process.versions.node), or null when it is new enough. */
function nodeVersionProblem(version) {
  if (isAtLeastMinimum(version)) return null;
  return (
    'FieldOps needs Node.js ' +
    MINIMUM.join('.') +
    ' or newer; this is Node.js ' +
    version +
    '. Install Node.js 24 LTS (https://nodejs.org/en/download, or `nvm install 24`) and run the command again.'
  );
}

/** Exits with the refusal on stderr when this Node is too old; returns otherwise. */
function requireNode(version) {
  var problem = nodeVersionProblem(version);
  if (!problem) return;
  process.stderr.write(problem + '\n');
  process.exit(1);
}

module.exports = { nodeVersionProblem: nodeVersionProblem, requireNode: requireNode };

// Loading the file is the check: `node apps/cli/src/require-node.cjs` in npm scripts, the first import of the CLI.
requireNode(process.versions.node);
