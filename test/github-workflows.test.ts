/**
 * The GitHub workflows: valid against the workflow schema (@action-validator/core; actionlint is
 * not installable here), and held to this project's rules: actions pinned by commit, least
 * privilege per job, no expression interpolated into a shell script, only npm scripts and
 * files that exist in the repo.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

type Validator = { validateWorkflow(src: string): { errors: unknown[] } };
let validator: Validator | undefined;
let missing: string | undefined;
try {
  validator = require('@action-validator/core') as Validator;
} catch (err) {
  missing = `@action-validator/core is not installed (${(err as Error).message.split('\n')[0]})`;
}

interface Step {
  uses?: string;
  run?: string;
  if?: string;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
}

describe.each(files)('.github/workflows/%s', (file) => {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const workflow = parse(text) as { permissions?: unknown; jobs: Record<string, Job> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);

  if (validator) {
    it('is a valid workflow (schema check)', () => {
      expect((validator as Validator).validateWorkflow(text).errors).toEqual([]);
      // The check can fail: the same workflow with a misspelt key is rejected.
      expect((validator as Validator).validateWorkflow(text.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
    });
  } else {
    it.skip(`is a valid workflow (skipped: ${missing})`, () => undefined);
    // eslint-disable-next-line no-console
    console.warn(`skipping the workflow schema check: ${missing}`);
  }

  it('pins every action to a full commit', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses as string);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it('grants nothing by default and declares each job\'s permissions', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
  });

  it('passes expressions to scripts through env, never into the script text', () => {
    for (const s of steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
  });

  it('runs only npm scripts and files that exist in the repo', () => {
    const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts);
    for (const s of steps) {
      for (const [, name] of (s.run ?? '').matchAll(/npm run (?:-s )?([\w:-]+)/g)) expect(scripts).toContain(name);
      for (const [, file] of (s.run ?? '').matchAll(/npx tsx (\S+\.ts)/g)) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    }
  });
});
