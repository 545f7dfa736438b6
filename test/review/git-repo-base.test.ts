/**
 * The review against a real git repository (git init in a temporary directory, a config
 * committed on main, changed on a branch): the base is the config as it is at `--base main`,
 * whether IDENTITY_CONFIG is absolute or relative, and the review sees every change the
 * in-process diff of the two configs sees. The CLI's exit code follows --fail-on.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runReview } from '../../lib/review/cli';
import { diffAccessModels } from '../../lib/review/diff';
import { readAccessModel } from '../../lib/review/read-access-model';
import { PRODUCTION_NAME } from '../../lib/spec/production';
import { configPathInRepo } from '../../lib/review/synthesize-git-ref';
import { example, synthStacks } from '../helpers/synth';
import { writeSynth } from '../helpers/write-synth';

const ROOT = path.join(__dirname, '..', '..');
const git = (repo: string, ...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const BASE = example('identity.yaml');
/** On the branch: a forked repository may deploy, deployer may write and delete, a workload leaves, one arrives. */
const HEAD = BASE.replace('repository: acme/payments,', 'repository: acme/payments-fork,')
  .replace('      - { resource: invoices, allow: [read] }\n', '      - { resource: invoices, allow: [read, write, delete] }\n')
  .replace(/  invoice-notifier:\n(?: {4}.*\n)+/, '')
  .concat('  reporter:\n    description: Reports\n    owner: team-billing\n    runsOn: { github: { repository: acme/reports, ref: refs/heads/main } }\n    access:\n      - { resource: invoices, allow: [read] }\n');

/** A new repository with the config committed on main at config/identity.yaml, and a branch `change` changing it. */
function repository(): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-review-repo-')));
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  fs.mkdirSync(path.join(repo, 'config'));
  fs.writeFileSync(path.join(repo, 'config', 'identity.yaml'), BASE);
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'config');
  git(repo, 'checkout', '--quiet', '-b', 'change');
  fs.writeFileSync(path.join(repo, 'config', 'identity.yaml'), HEAD);
  git(repo, 'commit', '--quiet', '-am', 'change');
  return repo;
}

const key = (c: { stack: string; summary: string; rule: string }) => `${c.stack} ${c.rule} ${c.summary}`;

describe('a review against a real git repository', () => {
  const repo = repository();
  const config = path.join(repo, 'config', 'identity.yaml');
  const headStacks = synthStacks(HEAD);
  const head = writeSynth(headStacks);
  // What must be seen: the access diff of the two configs, synthesized in this process.
  const expected = diffAccessModels(readAccessModel(synthStacks(BASE)), readAccessModel(headStacks), (e) => PRODUCTION_NAME.test(e));

  it('is a real change: the in-process diff sees high-risk changes', () => {
    expect(expected.filter((c) => c.risk === 'high').length).toBeGreaterThanOrEqual(5);
    expect(expected.map((c) => c.rule)).toEqual(expect.arrayContaining(['trust-subject-changed', 'production-write', 'identity-removed', 'new-federation-source']));
  });

  it('with an absolute IDENTITY_CONFIG, reads the config at main and sees every change', () => {
    const run = runReview({ base: 'main', head, repo, config, out: path.join(head, 'review-abs') });
    const seen = new Set(run.review.changes.map(key));
    expect(expected.map(key).filter((k) => !seen.has(k))).toEqual([]);
    expect(run.markdown).not.toMatch(/no identity, trust or grant changes/);
    // The header counts the rows of the table.
    const [, rows] = /## Identity review: (\d+) change/.exec(run.markdown) ?? [];
    expect(run.markdown.split('\n').filter((l) => /^\| (🔴|🟠|🟢)/.test(l))).toHaveLength(Number(rows));
    expect(git(repo, 'worktree', 'list')).not.toContain('wi-review-base-');
  }, 90_000);

  it('with a relative IDENTITY_CONFIG, through the CLI: the same changes; --fail-on high exits 1, a bad --fail-on exits 2', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(ROOT, 'lib', 'review', 'cli.ts'), '--base', 'main', '--head', head, ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, IDENTITY_CONFIG: path.join('config', 'identity.yaml') },
      });
    const failing = cli('--fail-on', 'high', '--out', path.join(head, 'review-rel'));
    expect(failing.stderr).toMatch(/review: \d+ changes at high risk or above \(--fail-on high\)/);
    expect(failing.status).toBe(1);
    const json = JSON.parse(fs.readFileSync(path.join(head, 'review-rel', 'review.json'), 'utf8')) as { changes: { stack: string; summary: string; rule: string }[] };
    const seen = new Set(json.changes.map(key));
    expect(expected.map(key).filter((k) => !seen.has(k))).toEqual([]);
    expect(cli('--fail-on', 'severe').status).toBe(2);
  }, 90_000);

  it('refuses a config outside the repository', () => {
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-outside-')), 'identity.yaml');
    fs.writeFileSync(outside, HEAD);
    expect(() => runReview({ base: 'main', head, repo, config: outside })).toThrow(/IDENTITY_CONFIG .* is outside the git repository .*: commit it/);
    expect(() => configPathInRepo(repo, path.join(repo, '..', 'x.yaml'))).toThrow(/outside the git repository/);
    expect(configPathInRepo(repo, 'config/identity.yaml', repo)).toBe('config/identity.yaml');
  });

  it('says that a config missing at the base makes every change new', () => {
    fs.writeFileSync(path.join(repo, 'config', 'new.yaml'), HEAD);
    const run = runReview({ base: 'main', head, repo, config: path.join(repo, 'config', 'new.yaml'), out: path.join(head, 'review-new') });
    expect(run.markdown).toContain('main has no config/new.yaml: the base is empty, so every identity, trust and grant counts as new.');
    expect(run.review.changes.filter((c) => c.facts.subject === 'identity').every((c) => c.facts.change === 'added')).toBe(true);
  });
});
