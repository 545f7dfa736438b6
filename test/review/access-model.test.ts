import * as fs from 'node:fs';
import * as path from 'node:path';
import { levelsOf } from '../../lib/kinds';
import { parseSpec } from '../../lib/config/load';
import type { Spec } from '../../lib/spec/types';
import { readAccessModel } from '../../lib/review/read-access-model';
import { example, synthStacks } from '../helpers/synth';

/** GIVEN an example config, WHEN its stacks are synthesized and read back, THEN the model is the config. */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe.each([
  ['examples/identity.yaml', example('identity.yaml')],
  ['examples/aws-only.yaml', example('aws-only.yaml')],
  ['fixtures/azure-and-oidc.yaml', fixture('azure-and-oidc.yaml')],
])('the access model of %s', (file, text) => {
  const spec: Spec = parseSpec(text, file);
  const model = readAccessModel(synthStacks(spec));

  it('has one identity per environment, workload and cloud, named by environment', () => {
    const expected = spec.environments.flatMap((e) => e.workloads.flatMap((w) => w.clouds.map((c) => `${e.name} ${w.name} ${c}`))).sort();
    const actual = model.stacks.flatMap((s) => s.identities.map((i) => `${s.environment} ${i.workload} ${i.cloud}`)).sort();
    expect(actual).toEqual(expected);
  });

  it('recovers every grant as (resource, level), and nothing else', () => {
    for (const env of spec.environments) {
      const stack = model.stacks.find((s) => s.environment === env.name);
      for (const w of env.workloads) {
        for (const cloud of w.clouds) {
          const identity = stack?.identities.find((i) => i.workload === w.name && i.cloud === cloud);
          const expected = w.grants.filter((g) => g.resource.clouds[cloud]).flatMap((g) => g.levels.map((l) => `${g.resource.name}:${l}`)).sort();
          const recovered = (identity?.grants ?? []).filter((g) => g.level).map((g) => `${g.resource}:${g.level}`).sort();
          expect({ workload: w.name, cloud, grants: recovered }).toEqual({ workload: w.name, cloud, grants: expected });
          for (const g of identity?.grants ?? []) {
            if (g.level) expect(levelsOf(g.kind as never)).toContain(g.level);
            else expect(g.native.permissions).toEqual(['sts:GetWebIdentityToken']); // AWS outbound federation to Azure only
            expect(g.native.permissions.length).toBeGreaterThan(0);
            expect(g.native.targets.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('reads each trust back: exact issuer and subject for OIDC sources, the runtime otherwise', () => {
    for (const env of spec.environments) {
      const stack = model.stacks.find((s) => s.environment === env.name);
      for (const w of env.workloads) {
        for (const cloud of w.clouds) {
          const trusts = stack?.identities.find((i) => i.workload === w.name && i.cloud === cloud)?.trusts ?? [];
          expect(trusts).toHaveLength(1);
          const [t] = trusts;
          if (w.source.type === 'oidc') {
            expect(t).toMatchObject({ kind: 'oidc', issuer: w.source.issuer, subject: w.source.subject });
          } else if (w.source.cloud === cloud) {
            expect(t.kind).toBe(cloud === 'aws' ? 'service' : 'attached');
          } else {
            // Cross-cloud: federated, with the workload's home identity as subject.
            expect(['oidc', 'aws-role']).toContain(t.kind);
            expect(t.subject).toMatch(w.source.cloud === 'aws' ? /payments-\w+-invoice-renderer|invoice-renderer\.arn/ : /\.(unique_id|principal_id)$/);
          }
        }
      }
    }
  });
});

describe('native terms on the embedded example', () => {
  const prod = readAccessModel(synthStacks(example('identity.yaml'))).stacks.find((s) => s.environment === 'prod');
  const renderer = (cloud: string) => prod?.identities.find((i) => i.workload === 'invoice-renderer' && i.cloud === cloud);

  it('shows write on invoices as the actions, role and custom role each cloud really grants', () => {
    const write = (cloud: string) => renderer(cloud)?.grants.find((g) => g.resource === 'invoices' && g.level === 'write')?.native;
    expect(write('aws')).toEqual({ permissions: ['s3:AbortMultipartUpload', 's3:PutObject'], targets: ['arn:aws:s3:::acme-invoices-prod/*'] });
    expect(write('gcp')).toEqual({ permissions: ['roles/storage.objectCreator'], targets: ['bucket acme-invoices-prod'] });
    expect(write('azure')?.permissions[0]).toBe('payments-prod blob writer (custom)');
    expect(write('azure')?.targets[0]).toMatch(/storageAccounts\/acmeinvoicesprod\/blobServices\/default\/containers\/invoices$/);
  });

  it('reads the GCP federation of the AWS-hosted workload through the pool provider condition', () => {
    expect(renderer('gcp')?.trusts).toEqual([
      expect.objectContaining({ kind: 'aws-role', issuer: 'AWS account 222222222222', subject: 'role payments-prod-invoice-renderer' }),
    ]);
  });
});
