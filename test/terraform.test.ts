/**
 * Every AWS-only case the suite holds against the real terraform CLI (offline, mock credentials,
 * the local hashicorp/aws mirror), planned in one run: each case is a module of one root, so the
 * AWS provider starts once (most of a command's cost) instead of once per case. The plan runs the
 * configuration's and the provider's validation first, so no separate `terraform validate`.
 *
 * - example: the AWS-only example's production stack; the plan also feeds `npm run review --plan`;
 * - eks, gke: the EKS Pod Identity association and a GKE cluster issuer on AWS (test/sources/);
 * - estate: AWS's limits in one stack, the role whose statements fill the inline policy and ten
 *   managed policies, and the trail whose data events outgrow 500 selector values;
 * - rename: a workload renamed through previousNames, planned against a state holding its old
 *   addresses (test/safety/rename.test.ts): a move, never a replacement;
 * - list: two workloads whose single runsOn became a list, the old source first, planned against
 *   a state of the single form (test/sources/source-lists.test.ts): the roles' trusts update in
 *   place, the second cluster's association is created, nothing is destroyed or replaced.
 *
 * A held resource's state is written by hand (test/helpers/applied-state.ts); the plan and its
 * validation are terraform's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReview } from '../lib/review/cli';
import type { StackJson } from '../lib/terraform/stack-json';
import { appliedResources, stateOf } from './helpers/applied-state';
import { EKS_ON_AWS, GKE_ON_AWS, RENAMED_POSTER, SINGLE_SOURCES, SOURCE_LISTS } from './helpers/aws-only-cases';
import { bucketEstate } from './helpers/aws-estates';
import { example, ofType, synthStacks } from './helpers/synth';
import { initModules, itWithTerraform, terraform } from './helpers/terraform';
import { writeSynth } from './helpers/write-synth';

const CASES = {
  example: synthStacks(example('aws-only.yaml'))['ledger-prod'],
  eks: synthStacks(EKS_ON_AWS)['acme-dev'],
  gke: synthStacks(GKE_ON_AWS)['acme-dev'],
  estate: synthStacks(bucketEstate(600, 228))['estate-prod'],
  rename: synthStacks(RENAMED_POSTER)['ledger-prod'],
  list: synthStacks(SOURCE_LISTS)['acme-dev'],
} satisfies Record<string, StackJson>;
type Case = keyof typeof CASES;

/** A resource the state holds before the plan: its address now, the one it moves from, and the actions it may plan. */
interface Held {
  readonly address: string;
  readonly from?: string;
  readonly actions: readonly string[];
}
/** Per case with a state: the stack that was applied, and what of it the state holds. */
const APPLIED: Partial<Record<Case, { readonly stack: StackJson; readonly held: readonly Held[] }>> = {
  // A move, possibly with an in-place update (the workload tag names the new name); never a replacement.
  rename: {
    stack: CASES.example,
    held: [
      { address: 'aws_iam_role.ledger-poster', from: 'aws_iam_role.poster', actions: ['no-op', 'update'] },
      { address: 'aws_iam_role_policy.ledger-poster', from: 'aws_iam_role_policy.poster', actions: ['no-op', 'update'] },
    ],
  },
  list: {
    stack: synthStacks(SINGLE_SOURCES)['acme-dev'],
    held: [
      { address: 'aws_iam_role.deployer', actions: ['update'] },
      { address: 'aws_iam_role.pods', actions: ['update'] },
      { address: 'aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com', actions: ['no-op'] },
      { address: 'aws_eks_pod_identity_association.pods', actions: ['no-op'] },
    ],
  },
};
const STATE = stateOf(
  Object.entries(APPLIED).flatMap(([name, { stack, held }]) => appliedResources(stack, held.map((h) => h.from ?? h.address), `module.${name}`)),
);

interface ShownPlan {
  resource_changes: { address: string; module_address?: string; previous_address?: string; change: { actions: string[] } }[];
}

const addresses = (stack: StackJson) => Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));

describe('the estate case reaches the limits it is there for', () => {
  it('managed policies beside the inline one, and a trail recording its 600 buckets by prefix', () => {
    expect(Object.keys(ofType(CASES.estate, 'aws_iam_policy')).length).toBeGreaterThanOrEqual(20);
    const trail = Object.values(ofType(CASES.estate, 'aws_cloudtrail'))[0] as unknown as { advanced_event_selector: { field_selector: { field: string; starts_with?: string[] }[] }[] };
    expect(trail.advanced_event_selector.flatMap((s) => s.field_selector).find((f) => f.field === 'resources.ARN')?.starts_with?.length).toBeLessThan(600);
  });
});

describe('every AWS-only case through the real terraform CLI, in one plan', () => {
  itWithTerraform(
    'plans every synthesized resource of every case for creation, what a state holds as planned there, and nothing else',
    () => {
      const dir = initModules(CASES, STATE);
      terraform(dir, ['plan', '-input=false', '-no-color', '-refresh=false', '-out=plan.bin']);
      const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'])) as ShownPlan;
      for (const name of Object.keys(CASES) as Case[]) {
        const prefix = `module.${name}.`;
        const changes = plan.resource_changes.filter((c) => c.address.startsWith(prefix));
        const held = APPLIED[name]?.held ?? [];
        const created = changes.filter((c) => c.change.actions.join() === 'create').map((c) => c.address.slice(prefix.length));
        expect({ name, created: created.sort() }).toEqual({ name, created: addresses(CASES[name]).filter((a) => !held.some((h) => h.address === a)).sort() });
        for (const h of held) {
          const change = changes.find((c) => c.address === prefix + h.address);
          const actions = change?.change.actions.join();
          // The planned actions where they are allowed; the allowed ones where not, so a failure shows both.
          expect({ name, address: h.address, from: change?.previous_address, actions: actions && h.actions.includes(actions) ? h.actions : actions }).toEqual({
            name,
            address: h.address,
            from: h.from && prefix + h.from,
            actions: h.actions,
          });
        }
        expect(changes).toHaveLength(created.length + held.length);
      }
      expect(addresses(CASES.eks)).toContain('aws_eks_pod_identity_association.pods');

      // The example's part of the plan fed to `npm run review --plan`, named as a plan of that stack alone names it.
      const examplePlan: ShownPlan = {
        resource_changes: plan.resource_changes.filter((c) => c.module_address === 'module.example').map(({ module_address: _m, ...c }) => ({ ...c, address: c.address.slice('module.example.'.length) })),
      };
      fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(examplePlan));
      const run = runReview({ base: writeSynth({}), head: writeSynth({ 'ledger-prod': CASES.example }), plans: [path.join(dir, 'plan.json')], out: path.join(dir, 'review') });
      const planned = run.review.changes.filter((c) => c.facts.subject === 'plan').map((c) => `${c.stack} ${c.workload} ${c.facts.change} ${c.risk}`);
      expect(planned.sort()).toEqual(['api', 'batch', 'infra', 'poster', 'reconciler', 'release'].map((w) => `ledger-prod ${w} create low`));
    },
    240_000,
  );
});
