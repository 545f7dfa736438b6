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
