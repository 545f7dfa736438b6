/** One secret: Secrets Manager secret, Secret Manager secret, Key Vault secret. */
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { arnService, regionalBase } from './aws-arns';
import { KEY_VAULT_AUDIT, KEY_VAULT_NAME, KEY_VAULT_OBJECT_NAME, keyVaultId, RESOURCE_GROUP } from './azure-parents';
import { defineKind } from './kind';
import { nameRule } from './name-rule';

export const secret = defineKind({
  description: 'one secret (Secrets Manager secret, Secret Manager secret, Key Vault secret)',
  levels: { read: { means: 'read the current value of that one secret', mutates: false } },
  aws: {
    naming: {
      required: { name: nameRule(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'Secrets Manager secret name (1-512 letters, digits, / _ + = . @ -)', 'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html') },
    },
    targets: {
      // Secrets Manager appends a hyphen and six random characters to every secret's ARN.
      secret: { arn: (f, aws) => `${regionalBase('secretsmanager', aws)}secret:${f.name}-??????`, parse: (arn) => (arnService(arn) === 'secretsmanager' ? arn : undefined) },
    },
    grants: {
      read: [{ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], on: 'secret' }],
    },
  },
  gcp: {
    naming: {
      required: {
        secret: nameRule(
          /^[A-Za-z0-9_-]{1,255}$/,
          'Secret Manager secret id name (1-255 letters, digits, _ -)',
          'https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create (secretId; the provider checks none: resource_secret_manager_secret.go:174-179)',
        ),
      },
    },
    targets: {
      secret: {
        member: SecretManagerSecretIamMember,
        props: (f, gcp) => ({ project: gcp.projectId, secretId: f.secret }),
        attribute: 'secret_id',
        noun: 'secret',
        policy: (f, gcp) => `projects/${gcp.projectId}/secrets/${f.secret}`,
        fieldsOf: (name) => ({ secret: name }),
      },
    },
    grants: {
      read: { role: 'roles/secretmanager.secretAccessor', on: 'secret' },
    },
    audit: {
      service: 'secretmanager.googleapis.com',
      resourceTypes: ['audited_resource'],
      logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
      source: 'https://cloud.google.com/secret-manager/docs/audit-logging (service name only); type observed in public gcloud logging queries',
      evidence: 'observed',
    },
  },
  azure: {
    naming: { required: { vault: KEY_VAULT_NAME, secret: KEY_VAULT_OBJECT_NAME }, optional: RESOURCE_GROUP },
    targets: {
      secret: { scope: (f, a) => `${keyVaultId(f, a)}/secrets/${f.secret}`, matches: /\/secrets\/[^/]+$/, vault: (f) => f.vault },
    },
    grants: {
      read: { role: 'Key Vault Secrets User', at: 'secret' },
    },
    audit: KEY_VAULT_AUDIT,
  },
});
