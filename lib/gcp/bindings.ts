/**
 * IAM bindings on the resource itself, one resource type per binding target (the bucket, the
 * secret, the topic, the subscription, the crypto key: see the GCP targets of `lib/kinds`),
 * under the rule's IAM condition when it has one. Never the project.
 */
import type { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import type { Fields, GcpCondition, GcpPlace, GcpTarget } from '../kinds/kind';

/** Binds `role` for `member` on the target resource named by `fields`, under `condition` when given. */
export function bindOnResource(
  scope: Construct,
  id: string,
  target: GcpTarget,
  fields: Fields,
  gcp: GcpPlace,
  role: string,
  member: string,
  condition?: GcpCondition,
): TerraformResource {
  const config = { ...target.props(fields, gcp), role, member, ...(condition && { condition }) };
  return new target.member(scope, id, config as never);
}
