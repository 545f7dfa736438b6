import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReview } from '../lib/review/cli';
import { example, synthStacks } from './helpers/synth';
import { initStack, itWithTerraform, terraform } from './helpers/terraform';
import { writeSynth } from './helpers/write-synth';

describe('the AWS-only example through the real terraform CLI', () => {
  const stack = synthStacks(example('aws-only.yaml'))['ledger-prod'];

  // The plan runs the provider's validation first: no separate `terraform validate`.
  itWithTerraform('plans every synthesized resource for creation, offline with mock credentials', () => {
    const dir = initStack(stack);
    terraform(dir, ['plan', '-input=false', '-no-color', '-refresh=false', '-out=plan.bin']);
    const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'])) as {
      resource_changes: { address: string; change: { actions: string[] } }[];
    };
    const created = plan.resource_changes.filter((c) => c.change.actions.join() === 'create').map((c) => c.address);
    const synthesized = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(synthesized.length).toBeGreaterThan(10);
    expect(created.sort()).toEqual(synthesized.sort());

    // The same plan fed to `npm run review --plan` (one plan serves both checks): every identity is created.
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const run = runReview({ base: writeSynth({}), head: writeSynth({ 'ledger-prod': stack }), plans: [path.join(dir, 'plan.json')], out: path.join(dir, 'review') });
    const planned = run.review.changes.filter((c) => c.facts.subject === 'plan').map((c) => `${c.stack} ${c.workload} ${c.facts.change} ${c.risk}`);
    expect(planned.sort()).toEqual(['api', 'batch', 'infra', 'poster', 'reconciler', 'release'].map((w) => `ledger-prod ${w} create low`));
  });
});
