import { readAccessModel } from '../../lib/review/read-access-model';
import { reviewMarkdown } from '../../lib/review/markdown';
import { buildReview } from '../../lib/review/review';
import type { ReviewChange } from '../../lib/review/review-change';
import { synthStacks } from '../helpers/synth';

/** A small estate on three clouds, dev and prod; `edit` rewrites its text. */
const BASE = `
app: shop
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    gcp: { projectId: shop-dev, projectNumber: "123456789012", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: 00000000-0000-0000-0000-0000000000aa, resourceGroup: rg-shop-dev, location: eastus }
    monitoring: { notify: [ops@example.com] }
  prod:
    aws: { accountId: "222222222222", region: us-east-1 }
    gcp: { projectId: shop-prod, projectNumber: "210987654321", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000002, tenantId: 00000000-0000-0000-0000-0000000000aa, resourceGroup: rg-shop-prod, location: eastus }
    monitoring: { notify: [ops@example.com] }
resources:
  orders:
    kind: bucket
    aws: { bucket: "acme-orders-{env}" }
    gcp: { bucket: "acme-orders-{env}" }
    azure: { storageAccount: "acmeorders{env}", container: orders }
workloads:
  api:
    description: Order API
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws, gcp]
    access:
      - { resource: orders, allow: [read] }
  ci:
    description: Deploys from CI
    owner: team-platform
    runsOn: { github: { repository: acme/shop, environment: "{env}" } }
    access:
      - { resource: orders, allow: [read] }
`;

const baseModel = readAccessModel(synthStacks(BASE));
const review = (head: string) => buildReview({ base: baseModel, head: readAccessModel(synthStacks(head)) });
const brief = (changes: readonly ReviewChange[]) => changes.map((c) => `${c.risk} ${c.facts.subject} ${c.facts.change} ${c.environment} ${c.workload} ${c.cloud}`).sort();

describe('reviewing a pair of configs', () => {
  it('says so in one line when nothing changed', () => {
    const r = review(BASE);
    expect(r.changes).toEqual([]);
    expect(reviewMarkdown(r).trim().split('\n')).toHaveLength(1);
    expect(reviewMarkdown(r)).toMatch(/no identity, trust or grant changes/);
  });

  it('shows an added level per environment and cloud, in neutral and native terms, high in prod', () => {
    const r = review(BASE.replace('runsOn: { aws: lambda }\n    clouds: [aws, gcp]\n    access:\n      - { resource: orders, allow: [read] }', 'runsOn: { aws: lambda }\n    clouds: [aws, gcp]\n    access:\n      - { resource: orders, allow: [read, write] }'));
    expect(brief(r.changes)).toEqual(['high grant added prod api aws', 'high grant added prod api gcp', 'medium grant added dev api aws', 'medium grant added dev api gcp']);
    const prodAws = r.changes.find((c) => c.environment === 'prod' && c.cloud === 'aws');
    expect(prodAws).toMatchObject({ resource: 'orders', summary: 'api gains write on orders in prod', rule: 'production-write' });
    expect(prodAws?.native).toEqual(['AWS: s3:AbortMultipartUpload, s3:PutObject on arn:aws:s3:::acme-orders-prod/*']);
    expect(r.changes.find((c) => c.environment === 'prod' && c.cloud === 'gcp')?.native).toEqual(['GCP: roles/storage.objectCreator on bucket acme-orders-prod']);
    // One Markdown row per change across clouds.
    expect(reviewMarkdown(r)).toMatch(/\| 🔴 high \| api gains write on orders in prod <sub>`production-write`<\/sub> \| AWS, GCP \|/);
  });

  it('flags a removed workload high on every cloud it had', () => {
    const r = review(BASE.slice(0, BASE.indexOf('  ci:')));
    expect(brief(r.changes)).toEqual(
      ['dev', 'prod'].flatMap((e) => ['aws', 'azure', 'gcp'].map((c) => `high identity removed ${e} ci ${c}`)).sort(),
    );
    expect(r.changes[0].summary).toMatch(/^ci loses its identity in (dev|prod) \(it had read on orders\)$/);
  });

  it('flags a changed subject high on every cloud that trusts it', () => {
    const r = review(BASE.replace('repository: acme/shop,', 'repository: acme/shop-infra,'));
    expect(brief(r.changes)).toEqual(['dev', 'prod'].flatMap((e) => ['aws', 'azure', 'gcp'].map((c) => `high trust changed ${e} ci ${c}`)).sort());
    expect(r.changes.every((c) => c.rule === 'trust-subject-changed')).toBe(true);
    expect(r.changes[0].summary).toContain('changes subject from repo:acme/shop:environment:');
    expect(r.changes[0].summary).toContain('to repo:acme/shop-infra:environment:');
  });

  it('flags a new federation source high and the dropped runtime trust low', () => {
    const r = review(BASE.replace('runsOn: { aws: lambda }', 'runsOn: { kubernetes: { issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC", namespace: shop, serviceAccount: api } }'));
    const trusts = r.changes.filter((c) => c.facts.subject === 'trust' && c.environment === 'prod');
    expect(brief(trusts)).toEqual(['high trust added prod api aws', 'high trust added prod api gcp', 'low trust removed prod api aws', 'low trust removed prod api gcp']);
    expect(trusts.find((c) => c.facts.change === 'added')?.summary).toBe(
      'api in prod becomes assumable by https://oidc.eks.us-east-1.amazonaws.com/id/ABC subject system:serviceaccount:shop:api',
    );
    expect(trusts.find((c) => c.facts.change === 'removed' && c.cloud === 'aws')?.summary).toMatch(/no longer assumable by service lambda\.amazonaws\.com/);
  });

  it('rates a new runtime principal medium, and sees that the GCP trust of the role did not change', () => {
    const r = review(BASE.replace('runsOn: { aws: lambda }', 'runsOn: { aws: ecs-task }'));
    expect(brief(r.changes.filter((c) => c.environment === 'prod'))).toEqual(['low trust removed prod api aws', 'medium trust added prod api aws']);
    expect(r.changes.find((c) => c.facts.change === 'added' && c.environment === 'prod')?.summary).toBe('api in prod becomes assumable by service ecs-tasks.amazonaws.com (aws:SourceAccount=222222222222)');
  });

  it('reports a renamed resource as a rename, low, not as a grant lost and gained', () => {
    const r = review(BASE.replace('  orders:\n    kind: bucket', '  order-archive:\n    kind: bucket').replace(/resource: orders/g, 'resource: order-archive'));
    expect(new Set(r.changes.map((c) => `${c.risk} ${c.facts.change}`))).toEqual(new Set(['low renamed']));
    expect(r.changes).toHaveLength(10); // dev and prod: api on 2 clouds, ci on 3
    const gcp = r.changes.find((c) => c.cloud === 'gcp' && c.workload === 'api' && c.environment === 'prod');
    expect(gcp?.summary).toBe("api's read on orders is now named order-archive in prod (same native grant)");
    expect(gcp?.native).toContain('GCP: google_storage_bucket_iam_member.api_orders_read → google_storage_bucket_iam_member.api_order-archive_read (destroyed and recreated)');
  });

  it('flags a replaced identity (an attribute that forces a new one) high', () => {
    const r = review(BASE.replace('resourceGroup: rg-shop-prod', 'resourceGroup: rg-shop-prod2'));
    const identity = r.changes.filter((c) => c.facts.subject === 'identity');
    expect(brief(identity)).toEqual(['high identity changed prod ci azure']);
    expect(identity[0].rule).toBe('identity-replaced');
  });

  it('names production on the command line when names do not tell', () => {
    const head = readAccessModel(synthStacks(BASE.replace('allow: [read] }\n  ci:', 'allow: [read, delete] }\n  ci:')));
    const r = buildReview({ base: baseModel, head, production: ['dev'] });
    expect(brief(r.changes)).toEqual(['high grant added dev api aws', 'high grant added dev api gcp', 'medium grant added prod api aws', 'medium grant added prod api gcp']);
  });
});

describe('state safety in the review', () => {
  it('flags a protected identity deleted without retirement (high) and a replaced one', () => {
    const protectedRole = { name: 'shop-prod-api', assume_role_policy: '{}', lifecycle: { prevent_destroy: true }, tags: { workload: 'api', environment: 'prod' } };
    const base = { 'shop-prod': { resource: { aws_iam_role: { api: protectedRole, worker: { name: 'shop-prod-worker', assume_role_policy: '{}', tags: { workload: 'worker', environment: 'prod' } } } } } };
    const head = { 'shop-prod': { resource: { aws_iam_role: { worker: { name: 'shop-prod-worker-2', assume_role_policy: '{}', tags: { workload: 'worker', environment: 'prod' } } } } } };
    const review = buildReview({ base: { stacks: [] }, head: { stacks: [] }, stacks: { base, head } });
    expect(review.changes.map((c) => `${c.risk} ${c.rule} ${c.native.join()}`)).toEqual([
      'high state-safety-error aws_iam_role.api',
      'medium state-safety-warning aws_iam_role.worker',
    ]);
  });
});
