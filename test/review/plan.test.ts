import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runReview } from '../../lib/review/cli';
import { planAction, planChanges } from '../../lib/review/plan';
import type { PlanJson } from '../../lib/review/plan';
import { readAccessModel } from '../../lib/review/read-access-model';
import { example, synthStacks } from '../helpers/synth';
import type { StackJson } from '../helpers/synth';
import { initStack, itWithTerraform, terraform } from '../helpers/terraform';

const ledger = synthStacks(example('aws-only.yaml'));
const model = readAccessModel(ledger);
const fixture = path.join(__dirname, 'fixtures', 'plan-replace.json');

/** Writes stacks as a cdktf output dir. */
function writeSynth(stacks: Record<string, StackJson>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-review-'));
  for (const [name, stack] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack));
  }
  return dir;
}

describe('a terraform plan fed to the review', () => {
  it("reads Terraform's action lists", () => {
    expect(['create', 'update', 'delete', 'delete,create', 'create,delete', 'no-op', 'read'].map((a) => planAction(a.split(',')))).toEqual([
      'create', 'update', 'delete', 'replace', 'replace', undefined, undefined,
    ]);
  });

  it('marks the identities of the plan, found in the right stack by name, and flags replace and destroy high', () => {
    const plan = JSON.parse(fs.readFileSync(fixture, 'utf8')) as PlanJson;
    const changes = planChanges(plan, 'plan-replace.json', [model], (e) => e === 'prod');
    expect(changes.map((c) => [c.native[0].split(':')[0], c.facts.change, c.stack, c.risk])).toEqual([
      ['aws_iam_role.poster', 'replace', 'ledger-prod', 'high'],
      ['aws_iam_role.api', 'update', 'ledger-prod', 'medium'],
      ['aws_iam_role.legacy', 'delete', '(unknown)', 'high'],
      ['aws_iam_role.batch', 'create', 'ledger-prod', 'low'],
    ]);
    expect(changes[0].summary).toBe("the plan replaces (destroys, then creates) poster's identity ledger-prod-poster in prod");
    expect(changes[0].native[0]).toContain('replace_because_cannot_update');
  });

  it('puts plan findings into the review with --plan, even when the configs are equal', () => {
    const dir = writeSynth(ledger);
    const run = runReview({ base: dir, head: dir, plans: [fixture], out: path.join(dir, 'review') });
    expect(run.review.totals).toEqual({ high: 2, medium: 1, low: 1 });
    expect(run.markdown).toContain('the plan replaces (destroys, then creates) poster');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'review', 'review.json'), 'utf8')).changes).toHaveLength(4);
    expect(fs.readFileSync(path.join(dir, 'review', 'review.md'), 'utf8')).toBe(run.markdown);
  });

  itWithTerraform('reads a real `terraform plan -out` + `show -json` of the AWS-only example: every identity is created', () => {
    const tf = initStack(ledger['ledger-prod']);
    terraform(tf, ['plan', '-input=false', '-no-color', '-refresh=false', '-out=plan.bin']);
    const planFile = path.join(tf, 'plan.json');
    fs.writeFileSync(planFile, terraform(tf, ['show', '-json', 'plan.bin']));
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-review-empty-'));
    fs.mkdirSync(path.join(empty, 'stacks', 'none'), { recursive: true });
    fs.writeFileSync(path.join(empty, 'stacks', 'none', 'cdk.tf.json'), '{}');
    const head = writeSynth({ 'ledger-prod': ledger['ledger-prod'] });
    const run = runReview({ base: empty, head, plans: [planFile], out: path.join(head, 'review') });
    const planned = run.review.changes.filter((c) => c.facts.subject === 'plan');
    const identities = model.stacks.find((s) => s.stack === 'ledger-prod')?.identities ?? [];
    expect(planned.map((c) => `${c.stack} ${c.workload} ${c.facts.change}`).sort()).toEqual(identities.map((i) => `ledger-prod ${i.workload} create`).sort());
    expect(identities.length).toBe(6);
  });
});
