/**
 * AzureWorkloadIdentity alone, in a bare stack, with the shared AzureCustomRoles it takes as a prop,
 * against resources written by hand from Microsoft's Azure RBAC and workload identity federation
 * documentation and the README contract. The stack's issuer variable is a stub that records what it
 * is asked for; a workload's identity on another cloud is a stub peer.
 *
 * Conventions stated rather than derived from the docs: a workload's identity is named `<workload>`,
 * a role assignment of one level on one resource `<workload>_<resource>_<level>`, its federated
 * credential `<workload>_federation` (lib/terraform/workload-address.ts); the identity is
 * `id-<app>-<env>-<workload>`, a credential `<workload>-<runsOn form>`, an assignment's description
 * `<workload>: <level> on <resource>`; custom roles are `<app>-<env> <role>` at the address
 * `role_<role with _>`, and their assignments wait on `time_sleep.custom_roles_replicated`
 * (lib/azure/custom-roles.ts).
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AzureCustomRoles } from '../../lib/azure/custom-roles';
import { AzureWorkloadIdentity } from '../../lib/azure/identity';
import type { Cloud } from '../../lib/access/vocabulary';
import type { PeerIdentity } from '../../lib/constructs/identity-context';
import { addressesOf, once, identityContext, resource, synthUnit, unitInput, unitStack } from '../helpers/construct-unit';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
const CONFIG = `
app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    azure: { subscriptionId: ${SUBSCRIPTION}, tenantId: 00000000-0000-0000-0000-0000000000aa,
             resourceGroup: rg-dev, location: eastus }
    monitoring: { notify: [secops@example.com] }
resources:
  invoices: { kind: bucket, azure: { storageAccount: "acmeinvoices{env}", container: invoices } }
workloads:
  deployer:
    description: Deploys from CI
    owner: team-platform
    runsOn: { github: { repository: acme/payments, environment: "{env}" } }
    access:
      - { resource: invoices, allow: [read] }
  renderer:
    description: Renders invoices
    owner: team-billing
    runsOn: { azure: functions }
    access:
      - { resource: invoices, allow: [write] }
  bridge:
    description: Calls Azure from Lambda
    owner: team-billing
    runsOn: { aws: lambda }
    clouds: [aws, azure]
    access: []
`;

/** The workload's role ARN, as its AWS identity (made first) would give it. */
const AWS_PEER: PeerIdentity = {
  attribute(name) {
    if (name !== 'roleArn') throw new Error(`no ${name} on AWS`);
    return '${aws_iam_role.bridge.arn}';
  },
};

/** Synthesizes the Azure identity of one workload of CONFIG; also returns the issuer variables it asked for. */
function synthAzure(workloadName: string, peers = new Map<Cloud, PeerIdentity>()) {
  const input = unitInput(CONFIG, 'dev', workloadName);
  const azure = input.env.azure!;
  const stack = unitStack();
  new AzurermProvider(stack, 'provider', { features: [{}], subscriptionId: azure.subscriptionId, tenantId: azure.tenantId });
  const variables: string[] = [];
  new AzureWorkloadIdentity(stack, 'azure', {
    context: identityContext(input, peers),
    customRoles: new AzureCustomRoles(stack, 'azure-custom-roles', input.spec.app, input.env.name, azure.subscriptionId),
    issuerVariable: (name) => {
      variables.push(name);
      return `\${var.${name}}`;
    },
  });
  return { json: synthUnit(stack), variables };
}

const RESOURCE_GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dev`;
/** A blob container's scope: https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access (scope). */
const CONTAINER = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/acmeinvoicesdev/blobServices/default/containers/invoices`;
const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

describe('AzureWorkloadIdentity', () => {
  describe('GIVEN a GitHub Actions workload that reads one blob container', () => {
    const synth = once(() => synthAzure('deployer'));

    it('THEN it makes exactly a user-assigned identity, one role assignment and one federated credential', () => {
      expect(addressesOf(synth().json)).toEqual([
        'azurerm_federated_identity_credential.deployer_federation',
        'azurerm_role_assignment.deployer_invoices_read',
        'azurerm_user_assigned_identity.deployer',
      ]);
      expect(synth().variables).toEqual([]);
    });

    it('THEN the identity is in the environment\'s resource group and location, tagged', () => {
      expect(resource(synth().json, 'azurerm_user_assigned_identity', 'deployer')).toMatchObject({
        name: 'id-acme-dev-deployer',
        resource_group_name: 'rg-dev',
        location: 'eastus',
        tags: { app: 'acme', environment: 'dev', workload: 'deployer', owner: 'team-platform' },
      });
    });

    it('THEN read is Storage Blob Data Reader at the container scope, for the identity\'s service principal', () => {
      // Storage Blob Data Reader: "Read and list Azure Storage containers and blobs"
      // (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage), the meaning of read.
      expect(resource(synth().json, 'azurerm_role_assignment', 'deployer_invoices_read')).toEqual({
        scope: CONTAINER,
        role_definition_name: 'Storage Blob Data Reader',
        principal_id: '${azurerm_user_assigned_identity.deployer.principal_id}',
        principal_type: 'ServicePrincipal',
        description: 'deployer: read on invoices',
      });
    });

    it('THEN the credential pins GitHub\'s issuer, the exact subject and the Entra token exchange audience', () => {
      // https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity
      // (GitHub Actions: issuer https://token.actions.githubusercontent.com, subject repo:ORG/REPO:environment:NAME,
      // audience api://AzureADTokenExchange).
      expect(resource(synth().json, 'azurerm_federated_identity_credential', 'deployer_federation')).toEqual({
        name: 'deployer-github',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:acme/payments:environment:dev',
        audience: ['api://AzureADTokenExchange'],
        parent_id: '${azurerm_user_assigned_identity.deployer.id}',
        resource_group_name: '${azurerm_user_assigned_identity.deployer.resource_group_name}',
      });
    });
  });

  describe('GIVEN an Azure Functions workload that writes blobs', () => {
    const synth = once(() => synthAzure('renderer'));

    it('THEN it has no federated credential: Functions attach the identity', () => {
      expect(addressesOf(synth().json).filter((a) => a.startsWith('azurerm_federated_identity_credential.'))).toEqual([]);
    });

    it('THEN write is a custom role of the blob write and add data actions, assignable in the resource group only', () => {
      // blobs/write "Write to a blob" and blobs/add/action "Returns the result of adding blob content": create and
      // overwrite, no read or delete (https://learn.microsoft.com/azure/role-based-access-control/permissions/storage).
      expect(resource(synth().json, 'azurerm_role_definition', 'role_blob_writer')).toMatchObject({
        name: 'acme-dev blob writer',
        scope: `/subscriptions/${SUBSCRIPTION}`,
        permissions: [{ data_actions: [`${BLOBS}/write`, `${BLOBS}/add/action`] }],
        assignable_scopes: [RESOURCE_GROUP],
      });
    });

    it('THEN its assignment at the container scope waits for the new definition to replicate', () => {
      expect(resource(synth().json, 'azurerm_role_assignment', 'renderer_invoices_write')).toEqual({
        scope: CONTAINER,
        role_definition_id: '${azurerm_role_definition.role_blob_writer.role_definition_resource_id}',
        principal_id: '${azurerm_user_assigned_identity.renderer.principal_id}',
        principal_type: 'ServicePrincipal',
        description: 'renderer: write on invoices',
        depends_on: ['time_sleep.custom_roles_replicated'],
      });
      expect(resource(synth().json, 'time_sleep', 'custom_roles_replicated')).toMatchObject({ create_duration: '600s' });
    });
  });

  describe('GIVEN a Lambda workload that also has an Azure identity', () => {
    const synth = once(() => synthAzure('bridge', new Map([['aws', AWS_PEER]])));

    it('THEN its credential trusts the account\'s outbound issuer (a stack variable) for exactly its role\'s tokens', () => {
      // AWS outbound identity federation tokens carry the role ARN as sub
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound.html); the issuer is per account.
      expect(synth().variables).toEqual(['aws_outbound_issuer']);
      expect(resource(synth().json, 'azurerm_federated_identity_credential', 'bridge_federation')).toMatchObject({
        name: 'bridge-aws',
        issuer: '${var.aws_outbound_issuer}',
        subject: '${aws_iam_role.bridge.arn}',
        audience: ['api://AzureADTokenExchange'],
      });
    });
  });
});
