/**
 * GIVEN environments that manage their Terraform Cloud workspace variables
 * (`manageWorkspaceVariables: true` on examples/terraform-cloud.yaml), WHEN the app is
 * synthesized, THEN each has a stack `<app>-<env>_workspace-variables` whose tfe_variable
 * resources are exactly the variables HashiCorp's dynamic provider credentials pages ask of a
 * workspace whose plans and applies use their own identity, with values taken from the identity
 * stack, in resources the tfe provider accepts.
 */
import { parseSpec } from '../../lib/config/load';
import { ConfigError } from '../../lib/spec/config-error';
import { buildApp } from '../../stacks/app';
import { deployOrder } from '../../stacks/deploy-order';
import { readThroughRemoteState } from '../helpers/remote-state-probe';
import { itWithTerraform } from '../helpers/terraform';
import { example, ofType, synthWholeApp } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

const BACKEND = '    terraformCloud: { organization: acme, project: platform }\n';
const managed = example('terraform-cloud.yaml').split(BACKEND).join(`${BACKEND}    manageWorkspaceVariables: true\n`);

/** An identity attribute a variable must carry: of the resource of `type` whose name field is `name`. */
interface Attribute {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

/** The field that holds a resource's cloud name. */
const NAME_FIELD: Readonly<Record<string, string>> = { aws_iam_role: 'name', google_service_account: 'account_id', azurerm_user_assigned_identity: 'name' };

/**
 * What each workspace variable must be, per environment, written from HashiCorp's pages
 * (https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/
 * aws-configuration, gcp-configuration, azure-configuration: "Required Environment Variables",
 * the PLAN/APPLY "Optional Environment Variables", and "Configure the AzureRM ... Provider" for
 * ARM_SUBSCRIPTION_ID and ARM_TENANT_ID), with the names the example's comments give.
 */
function expected(env: 'staging' | 'production', account: string, subscription: string): Record<string, string | Attribute> {
  const role = (phase: string): Attribute => ({ type: 'aws_iam_role', name: `shop-${env}-service-${phase}`, attribute: 'arn' });
  const account_ = (phase: string): Attribute => ({ type: 'google_service_account', name: `shop-${env}-service-${phase}`, attribute: 'email' });
  const identity = (phase: string): Attribute => ({ type: 'azurerm_user_assigned_identity', name: `id-shop-${env}-service-${phase}`, attribute: 'client_id' });
  return {
    TFC_AWS_PROVIDER_AUTH: 'true',
    TFC_AWS_PLAN_ROLE_ARN: role('plan'),
    TFC_AWS_APPLY_ROLE_ARN: role('apply'),
    TFC_GCP_PROVIDER_AUTH: 'true',
    TFC_GCP_WORKLOAD_PROVIDER_NAME: `projects/${account}/locations/global/workloadIdentityPools/shop-${env}/providers/tfc-7e21bce9`,
    TFC_GCP_PLAN_SERVICE_ACCOUNT_EMAIL: account_('plan'),
    TFC_GCP_APPLY_SERVICE_ACCOUNT_EMAIL: account_('apply'),
    TFC_AZURE_PROVIDER_AUTH: 'true',
    TFC_AZURE_PLAN_CLIENT_ID: identity('plan'),
    TFC_AZURE_APPLY_CLIENT_ID: identity('apply'),
    ARM_SUBSCRIPTION_ID: subscription,
    ARM_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
  };
}

/**
 * A variable's value as it will be at apply: literal text, or the attribute of the identity
 * stack's resource it refers to through that stack's output and remote state.
 */
function resolve(value: string, identities: StackJson, identityStack: string): string | Attribute {
  const remote = /^\$\{data\.terraform_remote_state\.([^.]+)\.outputs\.([^}]+)\}$/.exec(value);
  if (!remote) return value;
  expect(remote[1]).toBe(`cross-stack-reference-input-${identityStack}`);
  const output = identities.output?.[remote[2]]?.value as string;
  const ref = /^\$\{([a-z_]+)\.([^.]+)\.([a-z_]+)\}$/.exec(output);
  if (!ref) throw new Error(`${remote[2]} is no resource attribute: ${output}`);
  const resource = ofType(identities, ref[1])[ref[2]];
  return { type: ref[1], name: resource[NAME_FIELD[ref[1]]] as string, attribute: ref[3] };
}

describe('Terraform Cloud workspace variables', () => {
  const stacks = synthWholeApp(managed);
  const cases = [
    ['staging', '333333333333', '00000000-0000-0000-0000-000000000003'],
    ['production', '444444444444', '00000000-0000-0000-0000-000000000004'],
  ] as const;

  it.each(cases)('sets in workspace storefront-%s exactly the dynamic-credential variables of its plan and apply identities', (env, account, subscription) => {
    const stack = stacks[`shop-${env}_workspace-variables`];
    const variables = Object.values(ofType(stack, 'tfe_variable'));
    const got = Object.fromEntries(variables.map((v) => [v.key, resolve(v.value as string, stacks[`shop-${env}`], `shop-${env}`)]));
    expect(got).toEqual(expected(env, account, subscription));
    expect(variables.every((v) => v.category === 'env')).toBe(true);
    const workspaces = Object.entries(stack.data?.tfe_workspace ?? {}) as [string, Record<string, unknown>][];
    expect(workspaces.map(([, w]) => [w.name, w.organization])).toEqual([[`storefront-${env}`, 'acme']]);
    expect(new Set(variables.map((v) => v.workspace_id))).toEqual(new Set([`\${data.tfe_workspace.${workspaces[0][0]}.id}`]));
  });

  it('reads the identity stack of its own environment from that stack’s Terraform Cloud workspace', () => {
    for (const [env] of cases) {
      const remote = stacks[`shop-${env}_workspace-variables`].data?.terraform_remote_state as Record<string, { backend: string; config: Record<string, unknown> }>;
      expect(Object.values(remote)).toEqual([{ backend: 'remote', config: { hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: `shop-${env}` } } }]);
      expect(stacks[`shop-${env}_workspace-variables`].terraform?.cloud).toEqual({
        hostname: 'app.terraform.io',
        organization: 'acme',
        workspaces: { name: `shop-${env}_workspace-variables`, project: 'platform' },
      });
    }
  });

  it('writes only resources the tfe provider accepts (terraform-provider-tfe v0.71.0, internal/provider/resource_tfe_variable.go, data_source_workspace.go)', () => {
    // The schema's attributes, required ones, the category validator and the ExactlyOneOf pair, as the provider source declares them.
    const attributes = new Set(['key', 'value', 'value_wo', 'category', 'description', 'hcl', 'sensitive', 'workspace_id', 'variable_set_id', 'provider', '//']);
    for (const [env] of cases) {
      const stack = stacks[`shop-${env}_workspace-variables`];
      for (const v of Object.values(ofType(stack, 'tfe_variable'))) {
        expect(Object.keys(v).filter((k) => !attributes.has(k))).toEqual([]);
        expect(typeof v.key).toBe('string');
        expect(['env', 'terraform']).toContain(v.category);
        expect([v.workspace_id, v.variable_set_id].filter((x) => x !== undefined)).toHaveLength(1);
        expect(v.provider).toBe('tfe.host_app_terraform_io');
      }
      for (const w of Object.values(stack.data?.tfe_workspace ?? {})) expect(typeof (w as Record<string, unknown>).name).toBe('string');
      expect(stack.provider?.tfe).toEqual([{ alias: 'host_app_terraform_io', hostname: 'app.terraform.io' }]);
    }
  });

  it('deploys each environment’s variables right after its identities, and none where the switch is off', () => {
    expect(deployOrder(parseSpec(managed))).toEqual({
      staged: ['shop-staging', 'shop-staging_workspace-variables'],
      production: ['shop-production', 'shop-production_workspace-variables'],
      local: [],
    });
    expect(buildApp(parseSpec(example('terraform-cloud.yaml'))).workspaceVariables).toEqual([]);
  });
});

describe('an environment with a local backend', () => {
  // staging without terraformCloud: its state is a file in its own stack folder.
  const local = managed.replace(BACKEND, '');
  const stacks = synthWholeApp(local);

  itWithTerraform(`reads the identity stack's state from that stack's folder, as the real terraform CLI resolves it`, () => {
    const variables = stacks['shop-staging_workspace-variables'];
    const [remote] = Object.keys(variables.data?.terraform_remote_state as Record<string, unknown>);
    const role = Object.values(ofType(variables, 'tfe_variable')).find((v) => v.key === 'TFC_AWS_APPLY_ROLE_ARN')?.value as string;
    const output = /\.outputs\.([^}]+)\}$/.exec(role)?.[1] as string;
    const arn = 'arn:aws:iam::333333333333:role/shop-staging-service-apply';
    expect(readThroughRemoteState(variables, 'shop-staging_workspace-variables', 'shop-staging', remote, output, arn)).toBe(arn);
  });
});

describe('manageWorkspaceVariables, refused where it cannot work', () => {
  const problems = (yaml: string) => {
    try {
      parseSpec(yaml, 'tfc.yaml');
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => `line ${p.line}: ${p.path.join('.')}: ${p.message}`);
      throw err;
    }
    return [];
  };

  it('names the switch and its line when no workload of the environment runs on Terraform Cloud', () => {
    const yaml = example('identity.yaml').replace(/^(  dev:\n)/m, '$1    manageWorkspaceVariables: true\n');
    const line = yaml.split('\n').indexOf('    manageWorkspaceVariables: true') + 1;
    expect(problems(yaml)).toEqual([
      `line ${line}: environments.dev.manageWorkspaceVariables: is on, but no workload of environment dev runs on Terraform Cloud (runsOn.terraformCloud), so there is no workspace variable to set: add one or remove the switch`,
    ]);
  });

  it('refuses two workloads that would set the same per-phase variable of one workspace', () => {
    const yaml = managed.replace('workspace: "storefront-{env}", runPhase: plan', 'workspace: "storefront-{env}", runPhase: apply');
    const found = problems(yaml);
    expect(found).toHaveLength(2);
    for (const p of found) {
      expect(p).toMatch(/^line \d+: workloads\.service-apply\.runsOn\.terraformCloud: would set TFC_AWS_APPLY_ROLE_ARN, TFC_GCP_APPLY_SERVICE_ACCOUNT_EMAIL, TFC_AZURE_APPLY_CLIENT_ID of workspace "storefront-(staging|production)" of organization "acme" on app\.terraform\.io in environment (staging|production), as workload service-plan does/);
    }
  });

  it('refuses two environments managing the variables of the same workspace', () => {
    const yaml = managed.split('"storefront-{env}"').join('"storefront"');
    const found = problems(yaml);
    expect(found).toHaveLength(2);
    for (const p of found) expect(p).toMatch(/^line \d+: workloads\.service-(plan|apply)\.runsOn\.terraformCloud: runs in workspace "storefront" of organization "acme" on app\.terraform\.io, whose variables environments staging and production both manage/);
  });
});
