/**
 * Google Cloud identities read back from a synthesized stack: each `google_service_account`,
 * the IAM bindings whose member is it (levels recovered from the role through the kinds' GCP grants,
 * custom roles by their permissions), and its federation: the `roles/iam.workloadIdentityUser`
 * member together with the pool provider whose attribute condition admits that subject.
 *
 * Relies on: the `workload=` label in the description (else the address); member references to
 * the service account; binding addresses `<workload>_<resource>_<level>` for the config resource
 * name and to choose between two levels sharing a role (queue send and topic publish).
 */
import { WORKLOAD_IDENTITY_USER } from '../gcp/identity';
import { GCP_TARGETS, grantTable } from '../kinds';
import type { GcpRule } from '../kinds/kind';
import type { GrantAccess, IdentityAccess, TrustAccess } from './access-model';
import { permissionSetKey, pickCandidate, resourceFromAddress, reverseAccessTable } from './reverse-access';
import { formatAddress } from '../terraform/address';
import { IDENTITY_RESOURCES } from '../terraform/identity-resources';
import { readable, referenceIn, refersTo } from '../terraform/reference';
import { resourceAt, resourcesOf, stringField } from '../terraform/stack-json';
import type { ResourceJson, StackJson } from '../terraform/stack-json';

const BY_ROLE = reverseAccessTable(grantTable('gcp'), (rule: GcpRule) => ['role' in rule ? rule.role : permissionSetKey(rule.custom.permissions)]);

/** The IAM member resource types of the kinds' GCP targets: what each binds on, and the attribute naming it. */
const BINDING_TYPES = Object.entries(GCP_TARGETS).map(([on, t]) => [t.member.tfResourceType, { on, field: t.attribute }] as const);

/** The identities of every `google_service_account` in the stack. */
export function readGcpIdentities(stack: StackJson): IdentityAccess[] {
  const { type, nameField, tagsOf } = IDENTITY_RESOURCES.gcp;
  return resourcesOf(stack, type).map(([address, sa]) => {
    const workload = (tagsOf(sa).workload as string | undefined) ?? address;
    return {
      workload,
      cloud: 'gcp',
      address: formatAddress({ type, name: address }),
      name: stringField(sa, nameField) ?? address,
      settings: { project: stringField(sa, 'project') ?? '' },
      trusts: trustsOf(stack, address),
      grants: grantsOf(stack, address, workload),
    };
  });
}

function grantsOf(stack: StackJson, sa: string, workload: string): GrantAccess[] {
  const grants: GrantAccess[] = [];
  for (const [type, { on, field }] of BINDING_TYPES) {
    for (const [name, binding] of resourcesOf(stack, type)) {
      if (!refersTo(binding.member, { type: IDENTITY_RESOURCES.gcp.type, name: sa })) continue;
      const role = roleOf(stack, binding);
      const picked = pickCandidate(BY_ROLE.get(role.key), (r) => r.on, on, name);
      const target = `${on} ${stringField(binding, field)}`;
      grants.push({
        resource: resourceFromAddress(name, workload, picked?.level, target),
        ...(picked && { kind: picked.kind, level: picked.level }),
        native: { permissions: role.shown, targets: [target] },
        address: formatAddress({ type, name }),
      });
    }
  }
  return grants;
}

/** A binding's role: a predefined role, or a custom role of the stack known by its permissions. */
function roleOf(stack: StackJson, binding: ResourceJson): { key: string; shown: string[] } {
  const role = stringField(binding, 'role') ?? '';
  const ref = referenceIn(role);
  const custom = ref?.type === 'google_project_iam_custom_role' ? resourceAt(stack, ref.type, ref.name) : undefined;
  if (!custom) return { key: role, shown: [readable(role)] };
  const permissions = (custom.permissions ?? []) as string[];
  return {
    key: permissionSetKey(permissions),
    shown: [`projects/${stringField(custom, 'project')}/roles/${stringField(custom, 'role_id')}`, ...[...permissions].sort()],
  };
}

/** Condition values of a provider: `assertion.sub in ["a", "b"]` (CEL string literals are JSON strings). */
function admitted(provider: ResourceJson): string[] {
  const m = /\bin\s+(\[.*\])\s*$/.exec(stringField(provider, 'attribute_condition') ?? '');
  try {
    return m ? (JSON.parse(m[1]) as string[]) : [];
  } catch {
    return [];
  }
}

function trustsOf(stack: StackJson, sa: string): TrustAccess[] {
  const providers = resourcesOf(stack, 'google_iam_workload_identity_pool_provider');
  const trusts: TrustAccess[] = [];
  for (const [name, m] of resourcesOf(stack, 'google_service_account_iam_member')) {
    if (!refersTo(m.service_account_id, { type: IDENTITY_RESOURCES.gcp.type, name: sa }) || stringField(m, 'role') !== WORKLOAD_IDENTITY_USER) continue;
    const member = stringField(m, 'member') ?? '';
    const address = formatAddress({ type: 'google_service_account_iam_member', name });
    const principal = /\/subject\/(.+)$/.exec(member)?.[1];
    // Today's subjects are `<provider id>:<value>` (lib/gcp/workload-identity-pool.ts); a base
    // synthesized before that names the bare subject, or an AWS role as a principal set.
    const prefixed = principal === undefined ? undefined : /^([0-9a-z-]+):(.+)$/.exec(principal);
    const byId = prefixed ? providers.filter(([, p]) => p.workload_identity_pool_provider_id === prefixed[1] && admitted(p).includes(prefixed[2])) : [];
    const awsRole = byId.length ? undefined : /\/attribute\.aws_role\/(.+)$/.exec(member)?.[1];
    const value = byId.length ? (prefixed as RegExpExecArray)[2] : (principal ?? awsRole);
    const admitting = byId.length ? byId : value === undefined ? [] : providers.filter(([, p]) => (awsRole ? p.aws : p.oidc) && admitted(p).includes(value));
    const subject = admitting.some(([, p]) => p.oidc) ? value : undefined;
    if (!admitting.length) {
      trusts.push({ kind: 'other', issuer: '(no pool provider admits it)', subject: readable(member), address });
      continue;
    }
    for (const [providerName, p] of admitting) {
      const oidc = (p.oidc ?? {}) as Record<string, unknown>;
      const aws = p.aws as Record<string, string> | undefined;
      const audiences = oidc.allowed_audiences as string[] | undefined;
      trusts.push(
        subject
          ? {
              kind: 'oidc',
              issuer: String(oidc.issuer_uri),
              subject: readable(subject),
              audience: audiences?.length ? audiences.join(' | ') : `(default: pool provider ${providerName})`,
              address,
            }
          : { kind: 'aws-role', issuer: `AWS account ${aws?.account_id}`, subject: `role ${readable(value as string)}`, address },
      );
    }
  }
  return trusts.length ? trusts : [{ kind: 'attached', issuer: 'a Google Cloud runtime' }];
}
