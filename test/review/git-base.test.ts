import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { runReview } from '../../lib/review/cli';
import { resolveRef } from '../../lib/review/synthesize-git-ref';
import { example, synthStacks } from '../helpers/synth';
import { writeSynth } from '../helpers/write-synth';

const repo = path.join(__dirname, '..', '..');
const head = resolveRef(repo, 'HEAD');
const worktrees = () => execFileSync('git', ['-C', repo, 'worktree', 'list'], { encoding: 'utf8' });

describe('a git ref as review base', () => {
  if (!head) {
    it.skip('synthesizes HEAD in a temporary worktree (skipped: not a git checkout)', () => undefined);
    // eslint-disable-next-line no-console
    console.warn('skipping the git-ref review test: not a git checkout');
    return;
  }

  const out = writeSynth(synthStacks(example('identity.yaml')));

  it('synthesizes HEAD in a temporary worktree with this checkout\'s node_modules, then removes it', () => {
    const run = runReview({ base: 'HEAD', head: out, repo, out: path.join(out, 'review') });
    expect(run.base.stacks.map((s) => s.stack)).toEqual(['payments-dev', 'payments-prod']);
    expect(run.base.stacks.flatMap((s) => s.identities).length).toBeGreaterThan(10);
    expect(worktrees()).not.toContain('wi-review-base-');
  }, 60_000);

  it('refuses what is neither a directory nor a ref', () => {
    expect(() => runReview({ base: 'no-such-ref-or-dir', head: out, repo })).toThrow(/--base no-such-ref-or-dir: neither a directory nor a git ref/);
  });
});
