import type { Rule } from '../rule';

/** Resource types that mint a credential that lives until someone revokes it. */
export const LONG_LIVED_CREDENTIAL_TYPES: Readonly<Record<string, string>> = {
  aws_iam_user: 'an IAM user (a principal meant for long-lived keys)',
  aws_iam_access_key: 'an IAM access key',
  aws_iam_user_login_profile: 'an IAM console password',
  aws_iam_service_specific_credential: 'a service-specific credential',
  aws_iam_signing_certificate: 'a signing certificate',
  google_service_account_key: 'a service account key',
  google_apikeys_key: 'an API key',
  azuread_application_password: 'an application password (client secret)',
  azuread_application_certificate: 'an application certificate',
  azuread_service_principal_password: 'a service principal password',
  azuread_service_principal_certificate: 'a service principal certificate',
};

export const noLongLivedCredentials: Rule = {
  id: 'WI-CRED-001',
  level: 'error',
  cloud: 'all',
  statement: 'No long-lived credential is created: no IAM user or access key, no service account key, no application password or certificate.',
  why: 'Long-lived keys leak through laptops, CI logs and repositories and stay valid until revoked; every identity here gets short-lived credentials from its platform or by federation.',
  fix: 'Remove the resource; run the workload on a platform that attaches the identity, or federate its OIDC tokens (runsOn).',
  check: (ctx) =>
    Object.entries(LONG_LIVED_CREDENTIAL_TYPES).flatMap(([type, what]) =>
      ctx.index.ofType(type).map((resource) => ({ resource, message: `creates ${what}` })),
    ),
};
