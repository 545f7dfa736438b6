/**
 * The GCP escape hatch: a workload's extra role bindings, each on the named resource or on the
 * environment's project (which the guardrails flag). Addresses: `<workload>_extra_<index>`.
 */
import type { Construct } from 'constructs';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import type { GcpEnvironment, GcpExtraBinding } from '../spec/types';
import { bindOnResource } from './bindings';
import { formatWorkloadAddress } from '../terraform/workload-address';

/** The field naming each binding target in a resource's GCP fields. */
const FIELD = { bucket: 'bucket', secret: 'secret', topic: 'topic', subscription: 'subscription' } as const;

/** Makes every extra binding of `workload` for `member`. */
export function bindExtraAccess(scope: Construct, workload: string, bindings: readonly GcpExtraBinding[], gcp: GcpEnvironment, member: string): void {
  bindings.forEach((b, i) => {
    const address = formatWorkloadAddress({ of: 'extra', workload, index: i });
    const name = b.name as string;
    if (b.on === 'project') {
      new ProjectIamMember(scope, address, { project: gcp.projectId, role: b.role, member }).overrideLogicalId(address);
    } else if (b.on === 'cryptoKey') {
      const [location, keyRing, key] = name.split('/').length === 3 ? name.split('/') : ['global', ...name.split('/')];
      const cryptoKeyId = `projects/${gcp.projectId}/locations/${location}/keyRings/${keyRing}/cryptoKeys/${key}`;
      new KmsCryptoKeyIamMember(scope, address, { cryptoKeyId, role: b.role, member }).overrideLogicalId(address);
    } else {
      bindOnResource(scope, address, b.on, { [FIELD[b.on]]: name }, gcp, b.role, member).overrideLogicalId(address);
    }
  });
}
