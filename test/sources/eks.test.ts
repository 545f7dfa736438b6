import { exchange } from '../helpers/gcp-federation';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { config, workload } from '../helpers/configs';
import { ofType, synthStacks } from '../helpers/synth';
import { EKS_ON_AWS } from '../helpers/aws-only-cases';
import { formatReference } from '../../lib/terraform/reference';
import { Problems } from '../../lib/spec/config-error';
import { FEDERATED_FORMS } from '../../lib/sources/forms';
import { trustStatement } from '../../lib/aws/trust-policy';

describe('runsOn.eks', () => {
  const eks = FEDERATED_FORMS.eks;
  const claims = eks.claims({ cluster: 'main-{env}', namespace: 'pay', serviceAccount: 'api' }, { env: 'prod' } as never);

  it('carries the Kubernetes subject and the pod identity of the expanded cluster', () => {
    expect(claims.subject).toBe('system:serviceaccount:pay:api');
    expect(claims.podIdentity).toEqual({ cluster: 'main-prod', namespace: 'pay', serviceAccount: 'api' });
  });

  it('trusts the EKS pods service on AWS as the EKS user guide shows, pinned to the account', () => {
    const s = trustStatement({ kind: 'eks-pod-identity', cluster: 'main-prod', namespace: 'pay', serviceAccount: 'api' }, '111122223333', undefined, undefined);
    expect(s.Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect(s.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect((s.Condition as Record<string, Record<string, string>>).StringEquals['aws:SourceAccount']).toBe('111122223333');
  });

  it('refuses a workload on GCP or Azure without an issuer', () => {
    const problems = new Problems();
    const check = eks.check as NonNullable<typeof eks.check>;
    check({ cluster: 'c', namespace: 'n', serviceAccount: 's' }, ['workloads', 0, 'runsOn', 'eks'], problems, ['aws', 'gcp']);
    check({ cluster: 'c', namespace: 'n', serviceAccount: 's' }, ['workloads', 1, 'runsOn', 'eks'], problems, ['aws']);
    expect(problems.all.map((p) => p.path)).toEqual([['workloads', 0, 'runsOn', 'eks']]);
  });
});

describe('runsOn.eks synthesized on AWS alone', () => {
  // The real terraform CLI plans this stack in test/terraform.test.ts, with the other AWS-only cases.
  const stack = synthStacks(EKS_ON_AWS)['acme-dev'];
  const trust = JSON.parse(ofType(stack, 'aws_iam_role').pods.assume_role_policy as string);

  // What EKS sends (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html, session tags): the service assumes the role with the pod's tags.
  const decide = async (account: string, namespace: string) => {
    const r = await runSimulation(
      {
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: trust,
        request: {
          action: 'sts:AssumeRole',
          principal: 'pods.eks.amazonaws.com',
          resource: { accountId: '111111111111', resource: 'arn:aws:iam::111111111111:role/acme-dev-pods' },
          contextVariables: {
            'aws:SourceAccount': account,
            'aws:RequestTag/eks-cluster-name': 'main-dev',
            'aws:RequestTag/kubernetes-namespace': namespace,
            'aws:RequestTag/kubernetes-service-account': 'api',
          },
        },
      },
      {},
    );
    return r.resultType === 'error' ? JSON.stringify(r.errors) : r.overallResult;
  };

  it('lets the EKS pods service assume the role for that service account of this account only (IAM policy simulator)', async () => {
    expect(await decide('111111111111', 'pay')).toBe('Allowed');
    expect(await decide('222222222222', 'pay')).toBe('ImplicitlyDenied');
    expect(await decide('111111111111', 'other')).toBe('ImplicitlyDenied');
  });

  it('associates the role with the cluster, namespace and service account, and makes no OIDC provider', () => {
    expect(Object.values(ofType(stack, 'aws_eks_pod_identity_association'))).toEqual([
      expect.objectContaining({ cluster_name: 'main-dev', namespace: 'pay', service_account: 'api', role_arn: formatReference({ type: 'aws_iam_role', name: 'pods', attribute: 'arn' }) }),
    ]);
    expect(ofType(stack, 'aws_iam_openid_connect_provider')).toEqual({});
  });
});

describe('runsOn.eks on Google Cloud and Azure: the cluster issuer', () => {
  const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
  const SUB = 'system:serviceaccount:pay:api';
  const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/acme-dev';
  const stack = synthStacks(
    config(workload('pods', `{ eks: { cluster: main, namespace: pay, serviceAccount: api, issuer: "${ISSUER}" } }`, ['{ resource: bucket, allow: [read] }'], '    clouds: [aws, gcp, azure]\n')),
  )['acme-dev'];

  it('Azure: one credential with the exact issuer, subject and audience', () => {
    expect(Object.values(ofType(stack, 'azurerm_federated_identity_credential')).map(({ issuer, subject, audience }) => ({ issuer, subject, audience }))).toEqual([
      { issuer: ISSUER, subject: SUB, audience: ['api://AzureADTokenExchange'] },
    ]);
  });

  it('Google Cloud: the provider for the issuer admits exactly this service account (CEL evaluation of the exchange)', () => {
    const provider = Object.values(ofType(stack, 'google_iam_workload_identity_pool_provider')).find((p) => (p.oidc as { issuer_uri?: string }).issuer_uri === ISSUER) as Record<string, unknown>;
    const token = (sub: string, namespace: string) => ({
      kind: 'oidc' as const,
      iss: ISSUER,
      aud: `//iam.googleapis.com/${POOL}/providers/${provider.workload_identity_pool_provider_id}`,
      claims: { sub, 'kubernetes.io': { namespace } },
    });
    expect(exchange(provider, POOL, token(SUB, 'pay'))).toMatchObject({ subject: `${provider.workload_identity_pool_provider_id}:${SUB}` });
    expect(exchange(provider, POOL, token('system:serviceaccount:pay:other', 'pay'))).toEqual({ refused: 'condition is false' });
  });

  it('AWS: the pods service, not the issuer', () => {
    const trust = JSON.parse(ofType(stack, 'aws_iam_role').pods.assume_role_policy as string);
    expect(trust.Statement.map((s: { Principal: unknown }) => s.Principal)).toEqual([{ Service: 'pods.eks.amazonaws.com' }]);
  });
});
