import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReview } from '../../lib/review/cli';
import { planAction, planChanges } from '../../lib/review/plan';
import type { PlanJson } from '../../lib/review/plan';
import { readAccessModel } from '../../lib/review/read-access-model';
import { example, synthStacks } from '../helpers/synth';
import { writeSynth } from '../helpers/write-synth';

const ledger = synthStacks(example('aws-only.yaml'));
const model = readAccessModel(ledger);
const fixture = path.join(__dirname, 'fixtures', 'plan-replace.json');

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
});
