/**
 * AWS identities read back from a synthesized stack: each `aws_iam_role`, its trust policy,
 * and its inline policy turned back into levels through the kinds' AWS grants and targets.
 *
 * Relies on: the role's `workload` tag (else its address); the inline policy's `role`
 * reference, and for the managed policies that hold what the inline policy's size leaves over
 * (lib/aws/role-policies.ts) the attachment's `role` and `policy_arn` references; the statement
 * ids (lib/aws/statement-ids.ts, parsed by its `parseGrantSid`) only to name the config
 * resource, the levels themselves come from the actions and ARNs.
 */
import { AUDIT_DELIVERY_WORKLOAD } from '../aws/audit-trail';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from '../aws/policy-document';
import { parseGrantSid } from '../aws/statement-ids';
import { AWS_TARGETS, grantTable } from '../kinds';
import type { AwsRule } from '../kinds/kind';
import type { GrantAccess, IdentityAccess, TrustAccess } from './access-model';
import { reverseAccessTable } from './reverse-access';
import { IDENTITY_RESOURCES } from '../terraform/identity-resources';
import { readable, referenceIn, refersTo } from '../terraform/reference';
import { resourceAt, resourcesOf, stringField } from '../terraform/stack-json';
import type { ResourceJson, StackJson } from '../terraform/stack-json';
import { formatAddress } from '../terraform/address';

const BY_ACTION = reverseAccessTable(grantTable('aws'), (rules) => rules.flatMap((r) => r.actions));

/** Which AWS target of the kinds an ARN is, and the ARN of the resource it belongs to. */
function arnTarget(arn: string): { target: string; base: string } | undefined {
  for (const [target, { parse }] of Object.entries(AWS_TARGETS)) {
    const base = parse(arn);
    if (base !== undefined) return { target, base };
  }
  return undefined;
}

const camel = (s: string) => s.split(/[^A-Za-z0-9]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The identities of every `aws_iam_role` in the stack. `resourceNames`: config names seen on other clouds. */
export function readAwsIdentities(stack: StackJson, resourceNames: ReadonlySet<string>): IdentityAccess[] {
  const policies = resourcesOf(stack, 'aws_iam_role_policy');
  const attachments = resourcesOf(stack, 'aws_iam_role_policy_attachment');
  // The trail's delivery role serves the environment, not a workload: it is no workload identity.
  const { type, nameField, tagsOf } = IDENTITY_RESOURCES.aws;
  const workloadRoles = resourcesOf(stack, type).filter(([, role]) => tagsOf(role).workload !== AUDIT_DELIVERY_WORKLOAD);
  return workloadRoles.map(([address, role]) => {
    const workload = (tagsOf(role).workload as string | undefined) ?? address;
    const ofRole = (r: ResourceJson) => refersTo(r.role, { type, name: address });
    const documents: [string, PolicyDocument][] = [
      ...policies.filter(([, p]) => ofRole(p)).map(([a, p]): [string, PolicyDocument] => [formatAddress({ type: 'aws_iam_role_policy', name: a }), JSON.parse(stringField(p, 'policy') ?? '{}') as PolicyDocument]),
      ...attachments
        .filter(([, at]) => ofRole(at) && referenceIn(at.policy_arn)?.type === 'aws_iam_policy')
        .map(([, at]): [string, PolicyDocument] => {
          const name = referenceIn(at.policy_arn)?.name as string;
          return [formatAddress({ type: 'aws_iam_policy', name }), JSON.parse(stringField(resourceAt(stack, 'aws_iam_policy', name), 'policy') ?? '{}') as PolicyDocument];
        }),
    ];
    // One document for the levels: a resource's statements may sit in different policies.
    const grants = grantsOf(
      { Version: '2012-10-17', Statement: documents.flatMap(([, d]) => d.Statement ?? []) },
      documents.map(([a]) => a).join(', '),
      resourceNames,
    );
    const profile = resourcesOf(stack, 'aws_iam_instance_profile').find(([, p]) => referenceIn(p.role)?.name === address);
    return {
      workload,
      cloud: 'aws',
      address: formatAddress({ type, name: address }),
      name: stringField(role, nameField) ?? address,
      settings: {
        max_session_duration: stringField(role, 'max_session_duration') ?? '3600',
        permissions_boundary: stringField(role, 'permissions_boundary') ?? 'none',
        ...(profile && { instance_profile: stringField(profile[1], 'name') ?? profile[0] }),
      },
      trusts: trustsOf(stack, JSON.parse(stringField(role, 'assume_role_policy') ?? '{}') as PolicyDocument, formatAddress({ type, name: address })),
      grants,
    };
  });
}

function trustsOf(stack: StackJson, doc: PolicyDocument, address: string): TrustAccess[] {
  return (doc.Statement ?? [])
    .filter((s) => s.Effect === 'Allow')
    .map((s): TrustAccess => {
      const service = list(s.Principal?.Service);
      const conditions = mergedConditions(s.Condition);
      if (service.length) {
        const pins = Object.entries(conditions).map(([k, v]) => `${k}=${v}`);
        return { kind: 'service', issuer: service.join(', '), ...(pins.length && { subject: pins.join(', ') }), address };
      }
      const federated = list(s.Principal?.Federated)[0];
      if (!federated) return { kind: 'other', issuer: readable(JSON.stringify(s.Principal ?? {})), address };
      const issuer = issuerOf(stack, federated);
      const key = issuer.replace(/^https:\/\//, '');
      return {
        kind: 'oidc',
        issuer,
        subject: readable(conditions[`${key}:sub`] ?? '(any)'),
        audience: conditions[`${key}:oaud`] ?? conditions[`${key}:aud`] ?? '(any)',
        address,
      };
    });
}

/** StringEquals and StringLike conditions as one key → value map (a StringLike value keeps its wildcards). */
function mergedConditions(condition: ConditionBlock | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of ['StringEquals', 'StringLike']) {
    for (const [k, v] of Object.entries(condition?.[op] ?? {})) out[k] = list(v as string | string[]).join(' | ');
  }
  return out;
}

/** The issuer URL of a federated principal: an OIDC provider (reference or ARN) or accounts.google.com. */
function issuerOf(stack: StackJson, federated: string): string {
  const ref = referenceIn(federated);
  if (ref?.type === 'aws_iam_openid_connect_provider') {
    return stringField(resourceAt(stack, ref.type, ref.name), 'url') ?? readable(federated);
  }
  const arn = /:oidc-provider\/(.+)$/.exec(federated);
  return `https://${arn ? arn[1] : federated}`;
}

/**
 * Levels from statements: statements are grouped by the resource their ARNs belong to; a level
 * is present when every one of its rules has all its actions on a matching ARN. Actions no level
 * explains stay as a grant without level.
 */
function grantsOf(doc: PolicyDocument, address: string, resourceNames: ReadonlySet<string>): GrantAccess[] {
  const groups = new Map<string, { sid: string; named?: string; statements: PolicyStatement[] }>();
  for (const s of doc.Statement ?? []) {
    if (s.Effect !== 'Allow') continue;
    const arns = list(s.Resource);
    const base = arns.length === 1 ? (arnTarget(arns[0])?.base ?? arns[0]) : arns.join(',');
    // A generated statement names its resource; any other is grouped by its id (less a trailing
    // index, as ids before lib/aws/statement-ids.ts read: `InvoicesRead0`) and ARNs.
    const generated = s.Sid === undefined ? undefined : parseGrantSid(s.Sid);
    const sid = (s.Sid ?? '').replace(/\d+$/, '');
    const key = generated ? `resource ${generated.resource}` : `${sid} ${base}`;
    const group = groups.get(key) ?? { sid, ...(generated && { named: generated.resource }), statements: [] };
    group.statements.push(s);
    groups.set(key, group);
  }
  const grants: GrantAccess[] = [];
  for (const { sid, named, statements } of groups.values()) {
    const present = new Set<string>();
    const arnsOf = new Map<string, string>();
    for (const s of statements) {
      for (const arn of list(s.Resource)) {
        const t = arnTarget(arn);
        if (t) arnsOf.set(t.target, arn);
        for (const action of list(s.Action)) present.add(`${t?.target ?? arn} ${action}`);
      }
    }
    const candidates = new Map<string, { kind: string; level: string; rules: readonly AwsRule[] }>();
    for (const s of statements) for (const a of list(s.Action)) for (const c of BY_ACTION.get(a) ?? []) candidates.set(`${c.kind} ${c.level}`, { kind: c.kind, level: c.level, rules: c.rule });
    const levels = [...candidates.values()].filter((c) => c.rules.every((r) => r.actions.every((a) => present.has(`${r.on} ${a}`))));
    const explained = new Set(levels.flatMap((c) => c.rules.flatMap((r) => r.actions.map((a) => `${r.on} ${a}`))));
    const resource = named ?? resourceName(sid, levels.map((l) => l.level), resourceNames);
    for (const l of levels) {
      grants.push({
        resource,
        kind: l.kind as GrantAccess['kind'],
        level: l.level,
        native: {
          permissions: [...new Set(l.rules.flatMap((r) => r.actions))].sort(),
          targets: [...new Set(l.rules.map((r) => arnsOf.get(r.on) as string))].sort(),
        },
        address,
      });
    }
    const unexplained = [...present].filter((p) => !explained.has(p));
    if (unexplained.length) {
      const targets = [...new Set(statements.flatMap((s) => list(s.Resource)))].sort();
      grants.push({
        resource: levels.length || named ? resource : sid ? kebab(sid) : targets.join(', '),
        native: { permissions: [...new Set(unexplained.map((p) => p.slice(p.indexOf(' ') + 1)))].sort(), targets },
        address,
      });
    }
  }
  return grants;
}

/** The config resource of a statement id: the id without its level words, matched to a known name. */
function resourceName(sid: string, levels: readonly string[], known: ReadonlySet<string>): string {
  let stem = sid;
  const left = levels.map(camel);
  for (let i = left.findIndex((l) => stem.endsWith(l)); i >= 0; i = left.findIndex((l) => stem.endsWith(l))) {
    stem = stem.slice(0, -left[i].length);
    left.splice(i, 1);
  }
  return [...known].find((n) => camel(n) === stem) ?? kebab(stem);
}
