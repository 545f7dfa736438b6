/**
 * runsOn.terraformCloud: one run phase of a Terraform Cloud (or Enterprise) workspace.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
import { HOSTNAME, enumOf, obj, str } from '../spec/schema-parts';
import { expandPlaceholders } from '../spec/placeholders';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { FederatedForm } from './form';

/** Terraform Cloud's default audience for AWS dynamic credentials (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE). */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

export interface RawTerraformCloud {
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  readonly runPhase: 'plan' | 'apply';
  readonly hostname?: string;
}

export const terraformCloudForm: FederatedForm<RawTerraformCloud> = {
  schema: obj(
    {
      organization: str('Terraform Cloud organization'),
      project: str('Terraform Cloud project'),
      workspace: str('Terraform Cloud workspace'),
      runPhase: enumOf(['plan', 'apply'], 'the run phase trusted'),
      hostname: str('Terraform Enterprise host name (default app.terraform.io): a DNS name of at most 253 characters, labels of at most 63', { pattern: HOSTNAME }),
    },
    ['organization', 'project', 'workspace', 'runPhase'],
  ),
  gcpProviderPrefixes: [[/^https:\/\/app\.terraform\.io$/, 'tfc']],
  subjectFields: ['organization', 'project', 'workspace'],
  // Every subject starts with the organization: a wildcard in it always admits other owners.
  owner: { field: 'organization', keptBy: () => false },
  issuerField: 'hostname',
  claims(t, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    const workspace = `organization:${e(t.organization)}:project:${e(t.project)}:workspace:${e(t.workspace)}`;
    return {
      issuer: `https://${t.hostname ?? 'app.terraform.io'}`,
      subject: `${workspace}:run_phase:${t.runPhase}`,
      audience: { aws: TFC_AWS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: [
        { expression: 'assertion.terraform_full_workspace', value: workspace },
        { expression: 'assertion.terraform_organization_name', value: e(t.organization) },
      ],
    };
  },
};
