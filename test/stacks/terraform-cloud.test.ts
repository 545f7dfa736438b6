import { AUDIT_DELIVERY_WORKLOAD } from '../../lib/aws/audit-trail';
import { readAccessModel } from '../../lib/review/read-access-model';
import { example, synthStacks } from '../helpers/synth';

/** GIVEN environments with `terraformCloud`, and Terraform Cloud workloads declared in the same config. */
describe('Terraform Cloud', () => {
  const text = example('terraform-cloud.yaml');
  const stacks = synthStacks(text);
  const model = readAccessModel(stacks);

  it('puts each environment stack in its own named workspace, in the configured project', () => {
    for (const env of ['staging', 'production']) {
      expect(stacks[`shop-${env}`].terraform?.cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: `shop-${env}`, project: 'platform' } });
      expect(stacks[`shop-${env}`].terraform?.backend).toBeUndefined();
    }
  });

  it('keeps a local backend for an environment without terraformCloud', () => {
    const dev = synthStacks(example('identity.yaml'))['payments-dev'];
    expect(dev.terraform?.cloud).toBeUndefined();
    expect(dev.terraform?.backend).toEqual({ local: { path: 'terraform.payments-dev.tfstate' } });
  });

  it("trusts exactly the service workspace's plan or apply phase, with TFC's default audience, on every cloud", () => {
    const audiences = { aws: 'aws.workload.identity', azure: 'api://AzureADTokenExchange' } as Record<string, string>;
    for (const stack of model.stacks) {
      for (const identity of stack.identities) {
        const phase = identity.workload === 'service-plan' ? 'plan' : 'apply';
        expect(identity.trusts).toEqual([
          expect.objectContaining({
            kind: 'oidc',
            issuer: 'https://app.terraform.io',
            subject: `organization:acme:project:storefront:workspace:storefront-${stack.environment}:run_phase:${phase}`,
            ...(audiences[identity.cloud] ? { audience: audiences[identity.cloud] } : { audience: expect.stringMatching(/^\(default: pool provider tfc-[0-9a-f]{8}\)$/) }),
          }),
        ]);
      }
    }
  });

  it('lets a plan read and only an apply write', () => {
    const levels = (workload: string) => new Set(model.stacks.flatMap((s) => s.identities.filter((i) => i.workload === workload).flatMap((i) => i.grants.map((g) => g.level))));
    expect(levels('service-plan')).toEqual(new Set(['read']));
    expect(levels('service-apply')).toEqual(new Set(['read', 'write', 'publish']));
  });

  it('names in its comments the roles, service accounts and provider that the config really synthesizes', () => {
    const prod = stacks['shop-production'];
    const arns = [...text.matchAll(/arn:aws:iam::444444444444:role\/([\w-]+)/g)].map((m) => m[1]);
    const emails = [...text.matchAll(/([\w-]+)@shop-production\.iam\.gserviceaccount\.com/g)].map((m) => m[1]);
    const provider = /workloadIdentityPools\/([\w-]+)\/providers\/([\w-]+)/.exec(text);
    const workloadRoles = Object.values(prod.resource?.aws_iam_role ?? {}).filter((r) => (r.tags as Record<string, string>).workload !== AUDIT_DELIVERY_WORKLOAD);
    expect(arns.sort()).toEqual(workloadRoles.map((r) => r.name).sort());
    expect(emails.sort()).toEqual(Object.values(prod.resource?.google_service_account ?? {}).map((r) => r.account_id).sort());
    expect(prod.resource?.google_iam_workload_identity_pool?.pool.workload_identity_pool_id).toBe(provider?.[1]);
    expect(Object.keys(prod.resource?.google_iam_workload_identity_pool_provider ?? {})).toEqual([provider?.[2]]);
    const azure = [...text.matchAll(/(id-shop-production-[\w-]+)/g)].map((m) => m[1]);
    expect(azure.sort()).toEqual(Object.values(prod.resource?.azurerm_user_assigned_identity ?? {}).map((r) => r.name).sort());
  });
});
