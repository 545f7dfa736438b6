/**
 * `aws.existingOidcProviders`: an account that already has the IAM OIDC provider of an issuer
 * (IAM holds one per URL per account: CreateOpenIDConnectProvider fails with EntityAlreadyExists,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html) gets
 * none made; the trusts name the given ARN, and the plan reads the provider and fails when it
 * does not list an audience the trusts need.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printedProblems } from '../helpers/printed-problems';
import { ofType, synthStacks } from '../helpers/synth';
import { initStack, itWithTerraform, terraform } from '../helpers/terraform';
import { awsTrustAdmits } from '../helpers/trust';

const GITHUB = 'https://token.actions.githubusercontent.com';
const EKS = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const GITHUB_ARN = 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com';

/** An AWS-only config: two environments of one account, the first listing GitHub's provider as existing. */
const configWith = (existing: string) => `app: ledger
environments:
  prod:
    aws: { accountId: "444444444444", region: eu-west-1,
           existingOidcProviders: { ${existing} } }
    monitoring: { notify: [platform@example.com] }
  qa:
    aws: { accountId: "444444444444", region: eu-west-1 }
    monitoring: { notify: [platform@example.com] }
resources:
  statements: { kind: bucket, aws: { bucket: "acme-ledger-statements-{env}" } }
workloads:
  release:
    description: Deploys from GitHub Actions
    owner: team-ledger
    runsOn: { github: { repository: acme/ledger, environment: "{env}" } }
    access: [{ resource: statements, allow: [write] }]
  reconciler:
    description: Reconciles from EKS
    owner: team-ledger
    runsOn: { kubernetes: { issuer: "${EKS}", namespace: ledger, serviceAccount: reconciler } }
    access: [{ resource: statements, allow: [read] }]
`;
const CONFIG = configWith(`"${GITHUB}": "${GITHUB_ARN}"`);

describe('an existing IAM OIDC provider is reused, never made', () => {
  const stacks = synthStacks(CONFIG);

  it.each(['prod', 'qa'])('%s: no provider for GitHub (the account has it), one for the EKS issuer in its owner only', (env) => {
    const providers = Object.values(ofType(stacks[`ledger-${env}`], 'aws_iam_openid_connect_provider'));
    expect(providers.map((p) => p.url)).toEqual(env === 'prod' ? [EKS] : []);
  });

  it.each(['prod', 'qa'])('%s: the GitHub trust names the given ARN, admits its subject and refuses the neighbour', (env) => {
    const trust = ofType(stacks[`ledger-${env}`], 'aws_iam_role').release.assume_role_policy as string;
    const claims = (sub: string) => ({ 'token.actions.githubusercontent.com:sub': sub, 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' });
    expect(awsTrustAdmits(trust, GITHUB_ARN, claims(`repo:acme/ledger:environment:${env}`))).toBe(true);
    expect(awsTrustAdmits(trust, GITHUB_ARN, claims('repo:acme/ledger-fork:environment:' + env))).toBe(false);
    expect(awsTrustAdmits(trust, GITHUB_ARN, claims(`repo:acme/ledger:environment:${env === 'prod' ? 'qa' : 'prod'}`))).toBe(false);
    expect(awsTrustAdmits(trust, GITHUB_ARN, { ...claims(`repo:acme/ledger:environment:${env}`), 'token.actions.githubusercontent.com:aud': 'other' })).toBe(false);
  });

  // A data source manages nothing: every stack whose roles trust the provider checks it in its own plan.
  it.each(['prod', 'qa'])('%s: the plan reads the existing provider and holds it to the audience the trusts need', (env) => {
    const check = (stacks[`ledger-${env}`].data as Record<string, Record<string, Record<string, unknown>>>).aws_iam_openid_connect_provider;
    expect(Object.values(check).map((d) => d.arn)).toEqual([GITHUB_ARN]);
    const lifecycle = Object.values(check)[0].lifecycle as { postcondition: { condition: string }[] };
    expect(lifecycle.postcondition.map((p) => p.condition)).toEqual(['${contains(self.client_id_list, "sts.amazonaws.com")}']);
  });
});

describe('the ARN of an existing provider must be the one IAM gives the issuer in this account', () => {
  it('loads when account and issuer match', () => {
    expect(printedProblems(CONFIG)).toEqual([]);
  });

  it.each([
    ['another account', `"${GITHUB}": "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com"`, 'the provider is in account "555555555555", not this environment\'s account 444444444444'],
    ['the issuer with a trailing slash', `"${GITHUB}/": "${GITHUB_ARN}"`, 'not this issuer\'s "token.actions.githubusercontent.com/"'],
    ['another issuer', `"${GITHUB}": "arn:aws:iam::444444444444:oidc-provider/${EKS.slice(8)}"`, 'not this issuer\'s "token.actions.githubusercontent.com"'],
    ['not a provider ARN', `"${GITHUB}": "arn:aws:iam::444444444444:role/deployer"`, 'is not valid: expected the provider ARN'],
  ])('refuses %s, naming the path and line', (_, existing, message) => {
    const printed = printedProblems(configWith(existing));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^ {2}line 5: environments\.prod\.aws\.existingOidcProviders\./);
    expect(printed[0]).toContain(message);
  });
});

describe('an existing provider through the real terraform CLI', () => {
  // AWS-only, one environment: the stack the terraform helpers take.
  const stack = synthStacks(CONFIG)['ledger-prod'];
  const DATA = 'data.aws_iam_openid_connect_provider.existing_oidc_token_actions_githubusercontent_com';

  // Each run's plan validates the configuration against the provider's schema first: no separate `terraform validate`.
  itWithTerraform('plans, and its plan fails exactly when the provider lacks the audience', () => {
    const dir = initStack(stack);
    // Mock credentials cannot read the provider from AWS: `terraform test` stands in for that read
    // with the client id list it is given, and plans everything else against the real provider schema.
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(
      path.join(dir, 'tests', 'existing.tftest.hcl'),
      `run "lists_the_audience" {
  command = plan
  override_data {
    target = ${DATA}
    values = { client_id_list = ["sts.amazonaws.com"] }
  }
}
run "lacks_the_audience" {
  command = plan
  override_data {
    target = ${DATA}
    values = { client_id_list = ["api://AzureADTokenExchange"] }
  }
  expect_failures = [${DATA}]
}
`,
    );
    const out = terraform(dir, ['test', '-no-color']);
    expect(out).toMatch(/run "lists_the_audience"\.\.\. pass/);
    expect(out).toMatch(/run "lacks_the_audience"\.\.\. pass/);
    expect(out).toContain('2 passed, 0 failed');
  });
});
