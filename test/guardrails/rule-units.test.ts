/**
 * Each guardrail rule on literal Terraform JSON written by hand (cdk-nag style): a compliant and a
 * non-compliant case per rule of the pack, no synth. The end-to-end cases (rules.test.ts) check the same rules
 * on synthesized stacks; these pin what each rule reads, in milliseconds.
 */
import { awsNoBulkExfiltration } from '../../lib/guardrails/rules/aws-no-bulk-exfiltration';
import { awsNoCredentialExposure } from '../../lib/guardrails/rules/aws-no-credential-exposure';
import { awsNoPrivilegeEscalation } from '../../lib/guardrails/rules/aws-no-privilege-escalation';
import { awsNoSelfBlinding } from '../../lib/guardrails/rules/aws-no-self-blinding';
import { awsNoResourceExposure } from '../../lib/guardrails/rules/aws-no-resource-exposure';
import { awsNoWildcardAccount } from '../../lib/guardrails/rules/aws-no-wildcard-account';
import { awsWildcardOnlyConditioned } from '../../lib/guardrails/rules/aws-wildcard-only-conditioned';
import { awsKnownActions } from '../../lib/guardrails/rules/aws-known-actions';
import { awsNoManagedPolicies } from '../../lib/guardrails/rules/aws-no-managed-policies';
import { awsNoWildcards } from '../../lib/guardrails/rules/aws-no-wildcards';
import { awsPermissionsBoundary } from '../../lib/guardrails/rules/aws-permissions-boundary';
import { awsSessionLimit } from '../../lib/guardrails/rules/aws-session-limit';
import { azureNoBroadScope } from '../../lib/guardrails/rules/azure-no-broad-scope';
import { azureNoPrivilegedRoles } from '../../lib/guardrails/rules/azure-no-privileged-roles';
import { federationOwnerKept } from '../../lib/guardrails/rules/federation-owner';
import { federationPinned } from '../../lib/guardrails/rules/federation-pinned';
import { gcpNoBasicRoles } from '../../lib/guardrails/rules/gcp-no-basic-roles';
import { gcpNoPoolWideMember } from '../../lib/guardrails/rules/gcp-no-pool-wide-member';
import { gcpNoProjectGrants } from '../../lib/guardrails/rules/gcp-no-project-grants';
import { gcpNoProjectImpersonation } from '../../lib/guardrails/rules/gcp-no-project-impersonation';
import { gcpPoolProviderCondition } from '../../lib/guardrails/rules/gcp-pool-provider-condition';
import { identityTags } from '../../lib/guardrails/rules/identity-tags';
import { noIdleIdentities } from '../../lib/guardrails/rules/no-idle-identities';
import { noLongLivedCredentials } from '../../lib/guardrails/rules/no-long-lived-credentials';
import { RULES } from '../../lib/guardrails/rules/pack';
import type { Rule } from '../../lib/guardrails/rule';
import type { StackJson } from '../../lib/terraform/stack-json';
import { findings, stackOf } from '../helpers/rule-context';

const BOUNDARY = 'arn:aws:iam::111111111111:policy/boundary';
const TAGS = { app: 'acme', environment: 'dev', workload: 'api', owner: 'team-api' };
const policy = (...Statement: object[]) => ({ aws_iam_role_policy: { p: { role: 'r', policy: JSON.stringify({ Version: '2012-10-17', Statement }) } } });
const role = (config: object) => ({ aws_iam_role: { r: { name: 'acme-dev-api', permissions_boundary: BOUNDARY, tags: TAGS, ...config } } });
/** A GitHub Actions web identity trust (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect). */
const githubTrust = (condition: object) =>
  role({
    assume_role_policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    }),
  });
const GH = 'token.actions.githubusercontent.com';

/** Per rule: a compliant stack (no finding) and a non-compliant one with its expected findings. */
const CASES: readonly [Rule, StackJson, StackJson, string[]][] = [
  [awsNoWildcards,
    stackOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' })),
    stackOf(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::acme-files/*' })),
    ['aws_iam_role_policy.p#Action::s3:*', 'aws_iam_role_policy.p#NotAction', 'aws_iam_role_policy.p#Resource::*']],
  // s3:GetObjectz is not in the Service Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
  [awsKnownActions,
    stackOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' })),
    stackOf(policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectz'], Resource: 'arn:aws:s3:::acme-files/*' })),
    ['aws_iam_role_policy.p#Action::s3:GetObjectz']],
  // AWS managed policies live under arn:aws:iam::aws:policy/ (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
  [awsNoManagedPolicies,
    stackOf({ aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: 'arn:aws:iam::111111111111:policy/acme-read' } } }),
    stackOf({ aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, ...role({ managed_policy_arns: ['arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess'] }) }),
    ['aws_iam_role.r#PolicyArn::arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', 'aws_iam_role_policy_attachment.a#PolicyArn::arn:aws:iam::aws:policy/AdministratorAccess']],
  // iam:CreateAccessKey mints a key for any user (Rhino Security Labs' escalation methods, CreateAccessKey); reading one bucket escalates nothing.
  [awsNoPrivilegeEscalation,
    stackOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' })),
    stackOf(policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' })),
    ['aws_iam_role_policy.p#Action::iam:CreateAccessKey']],
  // s3:PutBucketPolicy is "Permissions management" in the Service Authorization Reference (list_amazons3.html): it rewrites who may read the bucket.
  [awsNoResourceExposure,
    stackOf(policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-files/*' })),
    stackOf(policy({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::acme-files' })),
    ['aws_iam_role_policy.p#Action::s3:PutBucketPolicy']],
  // rds-db:connect returns an IAM database token (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html): one named db user passes, every user does not.
  [awsNoCredentialExposure,
    stackOf(policy({ Effect: 'Allow', Action: 'rds-db:connect', Resource: 'arn:aws:rds-db:us-east-1:111111111111:dbuser:db-ABCDEFGHIJKL01234/app' })),
    stackOf(policy({ Effect: 'Allow', Action: 'rds-db:connect', Resource: '*' })),
    ['aws_iam_role_policy.p#Action::rds-db:connect']],
  // Every object of every bucket versus the objects of one.
  [awsNoBulkExfiltration,
    stackOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-files/*' })),
    stackOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' })),
    ['aws_iam_role_policy.p#Action::s3:GetObject']],
  // sts:GetWebIdentityToken accepts only "*" and has the key sts:IdentityTokenAudience (list_awssecuritytokenservice.html).
  [awsWildcardOnlyConditioned,
    stackOf(policy({ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'sts:IdentityTokenAudience': 'api://AzureADTokenExchange' } } })),
    stackOf(policy({ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' })),
    ['aws_iam_role_policy.p#Action::sts:GetWebIdentityToken']],
  // A queue of this account and region versus the same-named queue of every account (ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
  [awsNoWildcardAccount,
    stackOf(policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111111111111:jobs' })),
    stackOf(policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:*:jobs' })),
    ['aws_iam_role_policy.p#Resource::arn:aws:sqs:us-east-1:*:jobs']],
  // The stack's own trail (account 111111111111, us-east-1: helpers/rule-context.ts): stopping it blinds the audit (IAM-CLOUDTRAIL-1); starting it does not.
  [awsNoSelfBlinding,
    stackOf({ aws_cloudtrail: { t: { name: 'acme-dev-audit', s3_bucket_name: 'acme-dev-audit' } }, ...policy({ Effect: 'Allow', Action: 'cloudtrail:StartLogging', Resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/acme-dev-audit' }) }),
    stackOf({ aws_cloudtrail: { t: { name: 'acme-dev-audit', s3_bucket_name: 'acme-dev-audit' } }, ...policy({ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/acme-dev-audit' }) }),
    ['aws_iam_role_policy.p#Action::cloudtrail:StopLogging']],
  [awsPermissionsBoundary, stackOf(role({})), stackOf({ aws_iam_role: { r: { name: 'x', tags: TAGS }, s: { name: 'y', tags: TAGS, permissions_boundary: 'arn:aws:iam::111111111111:policy/other' } } }), ['aws_iam_role.r', 'aws_iam_role.s']],
  // The tags name workload api (session.maxMinutes 60); AWS allows 3600 to 43200 s (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
  [awsSessionLimit, stackOf(role({ max_session_duration: 3600 })), stackOf(role({ max_session_duration: 7200 })), ['aws_iam_role.r']],
  [federationPinned,
    stackOf(githubTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/app:environment:prod' } })),
    stackOf(githubTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } })),
    ['aws_iam_role.r#Condition::sub']],
  [federationOwnerKept,
    stackOf(githubTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } })),
    stackOf(githubTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } })),
    ['aws_iam_role.r#Condition::sub-owner']],
  // Basic roles: https://cloud.google.com/iam/docs/roles-overview#basic.
  [gcpNoBasicRoles,
    stackOf({ google_storage_bucket_iam_member: { m: { bucket: 'b', role: 'roles/storage.objectViewer', member: 'serviceAccount:a@p.iam.gserviceaccount.com' } } }),
    stackOf({ google_storage_bucket_iam_member: { m: { bucket: 'b', role: 'roles/editor', member: 'serviceAccount:a@p.iam.gserviceaccount.com' } } }),
    ['google_storage_bucket_iam_member.m#Role::roles/editor']],
  [gcpNoProjectGrants,
    stackOf({ google_secret_manager_secret_iam_member: { m: { secret_id: 's', role: 'roles/secretmanager.secretAccessor', member: 'serviceAccount:a@p.iam.gserviceaccount.com' } } }),
    stackOf({ google_project_iam_binding: { b: { project: 'p', role: 'roles/secretmanager.secretAccessor', members: ['serviceAccount:a@p.iam.gserviceaccount.com'] } } }),
    ['google_project_iam_binding.b#Role::roles/secretmanager.secretAccessor']],
  [gcpNoProjectImpersonation,
    stackOf({ google_service_account_iam_member: { m: { service_account_id: 'sa', role: 'roles/iam.serviceAccountTokenCreator', member: 'serviceAccount:a@p.iam.gserviceaccount.com' } } }),
    stackOf({ google_project_iam_member: { m: { project: 'p', role: 'roles/iam.serviceAccountTokenCreator', member: 'serviceAccount:a@p.iam.gserviceaccount.com' } } }),
    ['google_project_iam_member.m#Role::roles/iam.serviceAccountTokenCreator']],
  // Principal identifiers: https://cloud.google.com/iam/docs/principal-identifiers.
  [gcpNoPoolWideMember,
    stackOf({ google_service_account_iam_member: { m: { service_account_id: 'sa', role: 'roles/iam.workloadIdentityUser', member: 'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/subject/repo:acme/app:ref:refs/heads/main' } } }),
    stackOf({ google_service_account_iam_member: { m: { service_account_id: 'sa', role: 'roles/iam.workloadIdentityUser', member: 'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/*' } } }),
    ['google_service_account_iam_member.m#Member::principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/*']],
  [gcpPoolProviderCondition,
    stackOf({ google_iam_workload_identity_pool_provider: { p: { attribute_condition: "assertion.sub in ['repo:acme/app:ref:refs/heads/main']" } } }),
    stackOf({ google_iam_workload_identity_pool_provider: { p: { attribute_condition: 'true' }, q: {} } }),
    ['google_iam_workload_identity_pool_provider.p', 'google_iam_workload_identity_pool_provider.q']],
  // Owner's built-in id: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles#owner.
  [azureNoPrivilegedRoles,
    stackOf({ azurerm_role_assignment: { a: { scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', role_definition_name: 'Key Vault Secrets User', principal_id: 'p' } } }),
    stackOf({ azurerm_role_assignment: { a: { scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635', principal_id: 'p' } } }),
    ['azurerm_role_assignment.a#Role::Owner']],
  [azureNoBroadScope,
    stackOf({ azurerm_role_assignment: { a: { scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', role_definition_name: 'Key Vault Secrets User', principal_id: 'p' } } }),
    stackOf({ azurerm_role_assignment: { a: { scope: '/subscriptions/s/resourceGroups/rg', role_definition_name: 'Key Vault Secrets User', principal_id: 'p' } } }),
    ['azurerm_role_assignment.a#Scope::/subscriptions/s/resourceGroups/rg']],
  [noLongLivedCredentials, stackOf(role({})), stackOf({ aws_iam_access_key: { k: { user: 'u' } }, google_service_account_key: { k: { service_account_id: 'sa' } } }), ['aws_iam_access_key.k', 'google_service_account_key.k']],
  // Workload api runs on AWS Lambda and grants nothing (helpers/rule-context.ts): its role is where it runs; a GCP or Azure identity of it has nothing to do.
  [noIdleIdentities,
    stackOf(role({})),
    stackOf({ ...role({}), google_service_account: { sa: { account_id: 'acme-dev-api', description: 'API [app=acme environment=dev workload=api owner=team-api]' } }, azurerm_user_assigned_identity: { id: { name: 'id-acme-dev-api', tags: TAGS } } }),
    ['azurerm_user_assigned_identity.id', 'google_service_account.sa']],
  [identityTags,
    stackOf({ ...role({}), google_service_account: { sa: { account_id: 'acme-dev-api', description: 'API [app=acme environment=dev workload=api owner=team-api]' } } }),
    stackOf({ ...role({ tags: { ...TAGS, environment: 'prod' } }), google_service_account: { sa: { account_id: 'acme-dev-api', description: 'API' } } }),
    ['aws_iam_role.r', 'google_service_account.sa']],
];

describe.each(CASES)('rule %#', (rule, compliant, broken, expected) => {
  it(`${rule.id}: no finding on the compliant stack, exactly the expected ones on the other`, () => {
    expect(findings(rule, compliant)).toEqual([]);
    expect(findings(rule, broken)).toEqual(expected);
  });
});

it('has a case for every rule of the pack', () => {
  expect(CASES.map(([rule]) => rule.id).sort()).toEqual(RULES.map((rule) => rule.id).sort());
});
