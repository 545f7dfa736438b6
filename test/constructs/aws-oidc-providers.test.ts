/**
 * AwsOidcProviders, the IAM OIDC providers one environment's stack shares among its roles, alone in
 * a bare stack: asked for issuers by hand (as AwsWorkloadIdentity asks), planned from a small spec.
 * Expected values come from IAM's documentation: one provider per issuer URL in an account, its
 * ARN `arn:aws:iam::ACCOUNT:oidc-provider/URL-less-https://`, its client id list the audiences it
 * admits (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html).
 *
 * Conventions stated: when environments share an account, the first in config order that needs an
 * issuer owns its provider, with every environment's audiences (lib/aws/oidc-providers.ts); the
 * address is `oidc_<issuer less https://, . and / as _>`, an existing provider's data source
 * `existing_oidc_<same>`.
 */
import { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsOidcProviders, planOidcProviders } from '../../lib/aws/oidc-providers';
import { addressesOf, synthUnit, unitInput, unitStack } from '../helpers/construct-unit';

const GITHUB = 'https://token.actions.githubusercontent.com';
const EXISTING = 'arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com';
const CONFIG = `
app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }
  prod:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }
  stage:
    aws: { accountId: "333333333333", region: us-east-1, existingOidcProviders: { "${GITHUB}": "${EXISTING}" } }
    monitoring: { notify: [secops@example.com] }
resources: {}
workloads:
  deployer:
    description: Deploys from CI
    owner: team-platform
    runsOn: { github: { repository: acme/payments, environment: "{env}" } }
    clouds: [aws]
    access: []
  auditor:
    description: Reads from CI with its own audience
    owner: team-platform
    runsOn: { oidc: { issuer: "${GITHUB}", subject: "repo:acme/audit:ref:refs/heads/main", audience: "https://github.com/acme" } }
    environments: [prod]
    clouds: [aws]
    access: []
`;

/** A token as the stack writes it. */
const resolved = (scope: IConstruct, value: string) => Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()) }) as unknown;

/** The environment's providers construct in a bare stack, planned from the whole spec. */
function providersOf(envName: string) {
  const { spec, env } = unitInput(CONFIG, envName, 'deployer');
  const aws = env.aws!;
  const stack = unitStack();
  new AwsProvider(stack, 'provider', { region: aws.region });
  const providers = new AwsOidcProviders(stack, 'aws-oidc-providers', env.name, aws.accountId, aws.existingOidcProviders ?? {}, planOidcProviders(spec));
  return { stack, providers };
}

describe('AwsOidcProviders', () => {
  it('GIVEN the first environment of an account that trusts GitHub THEN it owns one provider for every audience of the account', () => {
    const { stack, providers } = providersOf('dev');
    const ref = '${aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com.arn}';
    // Two roles trusting one issuer share its provider; the ARN is a reference, resolved as the stack writes it.
    expect(resolved(stack, providers.arnFor(GITHUB, 'sts.amazonaws.com'))).toBe(ref);
    expect(resolved(stack, providers.arnFor(GITHUB, 'sts.amazonaws.com'))).toBe(ref);
    const json = synthUnit(stack);
    expect(addressesOf(json)).toEqual(['aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com']);
    // prod's auditor asks for its own audience in the same account: the one provider admits both.
    expect(json.resource?.aws_iam_openid_connect_provider?.oidc_token_actions_githubusercontent_com).toEqual({
      url: GITHUB,
      client_id_list: ['https://github.com/acme', 'sts.amazonaws.com'],
      tags: { 'managed-by': 'workload-identity' },
    });
  });

  it('GIVEN a later environment of the same account THEN it names the owner\'s provider by its ARN and makes nothing', () => {
    const { stack, providers } = providersOf('prod');
    expect(providers.arnFor(GITHUB, 'https://github.com/acme')).toBe('arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com');
    expect(addressesOf(synthUnit(stack))).toEqual([]);
  });

  it('GIVEN an issuer the account already has THEN it uses that ARN and checks at plan that the provider admits the audience', () => {
    const { stack, providers } = providersOf('stage');
    expect(providers.arnFor(GITHUB, 'sts.amazonaws.com')).toBe(EXISTING);
    const json = synthUnit(stack);
    expect(addressesOf(json)).toEqual(['data.aws_iam_openid_connect_provider.existing_oidc_token_actions_githubusercontent_com']);
    const existing = json.data?.aws_iam_openid_connect_provider?.existing_oidc_token_actions_githubusercontent_com as Record<string, unknown>;
    expect(existing.arn).toBe(EXISTING);
    // client_id_list is what the provider admits: a postcondition per audience fails the plan when one is missing.
    expect(existing.lifecycle).toEqual({
      postcondition: [{ condition: '${contains(self.client_id_list, "sts.amazonaws.com")}', error_message: expect.stringContaining('"sts.amazonaws.com"') }],
    });
  });

  it('GIVEN an issuer no workload of the account trusts THEN it refuses to name a provider', () => {
    const { providers } = providersOf('dev');
    expect(() => providers.arnFor('https://issuer.example.com', 'sts.amazonaws.com')).toThrow(/no OIDC provider planned/);
  });
});
