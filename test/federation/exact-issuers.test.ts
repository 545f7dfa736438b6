/**
 * Issuers are compared exactly, on every cloud: the issuer each cloud trusts is, byte for byte,
 * the `iss` claim of the tokens the source really presents. The claims here are the issuers'
 * own published forms, not ours: an AKS cluster's issuer ends with `/`
 * (https://learn.microsoft.com/azure/aks/use-oidc-issuer, `https://<region>.oic.prod-aks.azure.com/<tenant>/<uuid>/`),
 * GitHub's does not (https://docs.github.com/actions/reference/openid-connect-reference), and
 * Entra's v1 tokens carry `https://sts.windows.net/<tenant>/`. Entra refuses a token whose issuer
 * differs from the credential's by one slash (AADSTS70021), IAM keeps `host/path/` and
 * `host/path` as two providers (aws/aws-sam-cli#7432), Google compares `issuer_uri` as given.
 * Each trust is held against the token by an evaluator written apart from the code: IAM's
 * condition keys (test/helpers/trust.ts), Google's exchange with CEL (test/helpers/gcp-federation.ts).
 */
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import { exchange } from '../helpers/gcp-federation';
import { ofType, synthStacks } from '../helpers/synth';
import { awsTrustAdmits } from '../helpers/trust';
import { parseReference } from '../../lib/terraform/reference';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

const TENANT = '00000000-0000-0000-0000-0000000000aa';
const AKS = `https://eastus.oic.prod-aks.azure.com/${TENANT}/3f6a2b1c-0d4e-4f5a-8b9c-1d2e3f4a5b6c/`;
const GITHUB = 'https://token.actions.githubusercontent.com';
const IDP_SLASH = 'https://idp.example.com/realms/acme/';
const IDP = 'https://idp.example.com/realms/acme';
const ENTRA_V1 = `https://sts.windows.net/${TENANT}/`;
const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/acme-dev';
const ALL = '    clouds: [aws, gcp, azure]\n';

/** Each workload, the token it presents (issuer and subject), and the issuer that must not stand for it. */
const TOKENS: Record<string, { iss: string; sub: string; aud: { aws: string; azure: string }; not: string }> = {
  aks: { iss: AKS, sub: 'system:serviceaccount:shop:worker', aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' }, not: AKS.slice(0, -1) },
  ci: { iss: GITHUB, sub: 'repo:acme/app:environment:dev', aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' }, not: `${GITHUB}/` },
  'idp-slash': { iss: IDP_SLASH, sub: 'svc-a', aud: { aws: 'acme', azure: 'acme' }, not: IDP },
  idp: { iss: IDP, sub: 'svc-b', aud: { aws: 'acme', azure: 'acme' }, not: IDP_SLASH },
};

const WORKLOADS = [
  workload('aks', `{ kubernetes: { issuer: "${AKS}", namespace: shop, serviceAccount: worker } }`, [], ALL),
  workload('ci', '{ github: { repository: acme/app, environment: "{env}" } }', [], ALL),
  workload('idp-slash', `{ oidc: { issuer: "${IDP_SLASH}", subject: svc-a, audience: acme } }`, [], ALL),
  workload('idp', `{ oidc: { issuer: "${IDP}", subject: svc-b, audience: acme } }`, [], ALL),
  workload('func', '{ azure: functions }', [], ALL),
].join('');

const ENV = threeCloudEnvironment().replace('location: eastus }', `location: eastus, tokenIssuer: "${ENTRA_V1}" }`);

describe('issuers are kept exactly as the tokens carry them, on every cloud', () => {
  const stack = synthStacks(config(WORKLOADS, ENV))['acme-dev'];
  const roles = ofType(stack, 'aws_iam_role');
  const awsProviders = ofType(stack, 'aws_iam_openid_connect_provider');
  const poolProviders = Object.values(ofType(stack, 'google_iam_workload_identity_pool_provider'));
  const members = ofType(stack, 'google_service_account_iam_member');
  const credentials = ofType(stack, 'azurerm_federated_identity_credential');

  /** The url of the IAM OIDC provider a trust names, through its reference. */
  const providerUrl = (federated: string) => {
    const ref = parseReference(federated);
    return ref?.type === 'aws_iam_openid_connect_provider' && ref.attribute === 'arn' ? awsProviders[ref.name]?.url : undefined;
  };

  it.each(Object.keys(TOKENS))('%s: AWS trusts a provider whose url is the token issuer, and its condition keys are the ones IAM derives from it', (name) => {
    const { iss, sub, aud, not } = TOKENS[name];
    const trust = roles[name].assume_role_policy as string;
    const federated = JSON.parse(trust).Statement[0].Principal.Federated as string;
    expect(providerUrl(federated)).toBe(iss);
    // IAM names a provider's condition keys after its URL less the scheme (the provider ARN's resource part).
    const key = (issuer: string) => issuer.replace(/^https:\/\//, '');
    expect(awsTrustAdmits(trust, federated, { [`${key(iss)}:sub`]: sub, [`${key(iss)}:aud`]: aud.aws })).toBe(true);
    expect(awsTrustAdmits(trust, federated, { [`${key(not)}:sub`]: sub, [`${key(not)}:aud`]: aud.aws })).toBe(false);
  });

  it.each(Object.keys(TOKENS))('%s: Google exchanges the token of its issuer, and refuses the issuer one slash away', (name) => {
    const { iss, sub, not } = TOKENS[name];
    const [, providerId] = /\/subject\/([0-9a-z-]+):/.exec(members[`${name}_federation`].member as string) ?? [];
    const provider = poolProviders.find((p) => p.workload_identity_pool_provider_id === providerId) as Record<string, unknown>;
    expect((provider.oidc as { issuer_uri: string }).issuer_uri).toBe(iss);
    const aud = (provider.oidc as { allowed_audiences?: string[] }).allowed_audiences?.[0] ?? `//iam.googleapis.com/${POOL}/providers/${providerId}`;
    expect(exchange(provider, POOL, { kind: 'oidc', iss, aud, claims: { sub } })).toMatchObject({ subject: `${providerId}:${sub}` });
    expect(exchange(provider, POOL, { kind: 'oidc', iss: not, aud, claims: { sub } })).toEqual({ refused: `issuer ${not} is not ${iss}` });
  });

  it.each(Object.keys(TOKENS))('%s: the Azure federated credential names the token issuer byte for byte', (name) => {
    const { iss, sub, aud } = TOKENS[name];
    expect(credentials[`${name}_federation`]).toMatchObject({ issuer: iss, subject: sub, audience: [aud.azure] });
  });

  it("trusts an Azure identity's v1 tokens under their issuer, trailing slash kept, on AWS and Google", () => {
    const trust = roles.func.assume_role_policy as string;
    const federated = JSON.parse(trust).Statement[0].Principal.Federated as string;
    expect(providerUrl(federated)).toBe(ENTRA_V1);
    expect(Object.keys(JSON.parse(trust).Statement[0].Condition.StringEquals)).toEqual([`sts.windows.net/${TENANT}/:aud`, `sts.windows.net/${TENANT}/:sub`]);
    expect(poolProviders.map((p) => (p.oidc as { issuer_uri?: string } | undefined)?.issuer_uri)).toContain(ENTRA_V1);
  });

  it('makes one IAM provider and one pool provider per exact issuer: a trailing slash is another issuer', () => {
    const issuers = [AKS, GITHUB, IDP_SLASH, IDP, ENTRA_V1].sort();
    expect(Object.values(awsProviders).map((p) => p.url).sort()).toEqual(issuers);
    expect(poolProviders.map((p) => (p.oidc as { issuer_uri: string }).issuer_uri).sort()).toEqual(issuers);
    expect(new Set(Object.keys(awsProviders)).size).toBe(issuers.length);
  });
});

describe('issuers that differ only where an address slug cannot tell (`.` against `/`)', () => {
  const DOTTED = 'https://idp.example.com/realms.acme';
  const WORKLOADS2 = [
    workload('idp', `{ oidc: { issuer: "${IDP}", subject: svc-b, audience: acme } }`, [], '    clouds: [aws]\n'),
    workload('dotted', `{ oidc: { issuer: "${DOTTED}", subject: svc-c, audience: acme } }`, [], '    clouds: [aws]\n'),
  ].join('');

  it('get one IAM provider each, under addresses of their own, and each trust names its own', () => {
    const stack = synthStacks(config(WORKLOADS2, ENV))['acme-dev'];
    const providers = ofType(stack, 'aws_iam_openid_connect_provider');
    expect(Object.values(providers).map((p) => p.url).sort()).toEqual([DOTTED, IDP].sort());
    const trusted = (role: string) => {
      const trust = JSON.parse(String(ofType(stack, IDENTITY_RESOURCES.aws.type)[role].assume_role_policy)) as { Statement: { Principal: { Federated: string } }[] };
      const ref = parseReference(trust.Statement[0].Principal.Federated);
      return ref?.type === 'aws_iam_openid_connect_provider' && ref.attribute === 'arn' ? providers[ref.name]?.url : undefined;
    };
    expect([trusted('idp'), trusted('dotted')]).toEqual([IDP, DOTTED]);
  });
});
