/**
 * The difference between two access models as review changes: identities added, removed or
 * changed; trusts added, removed or changed (subject, audience); grants added, removed,
 * retargeted or renamed, each per level and with its native terms.
 */
import type { AccessModel, GrantAccess, IdentityAccess, StackAccess, TrustAccess } from './access-model';
import type { ReviewChange, RiskFacts } from './review-change';
import { riskOf } from './risk-rules';

/** Which environments are production. */
export type ProductionTest = (environment: string) => boolean;

/** How the clouds are named in reviews. */
export const CLOUD_LABEL = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' } as const;

interface Located {
  readonly stack: StackAccess;
  readonly identity: IdentityAccess;
}

const identityKey = (stack: string, i: IdentityAccess) => `${stack} ${i.workload} ${i.cloud}`;
const grantKey = (g: GrantAccess) => `${g.resource} ${g.level ?? g.native.permissions.join(',')}`;
const nativeKey = (g: GrantAccess) => `${g.level} ${g.native.permissions.join(',')} ${g.native.targets.join(',')}`;
const trustKey = (t: TrustAccess) => `${t.kind} ${t.issuer}`;

/** Native terms of a grant, one line. */
export function nativeGrant(cloud: IdentityAccess['cloud'], g: GrantAccess): string {
  return `${CLOUD_LABEL[cloud]}: ${g.native.permissions.join(', ')} on ${g.native.targets.join(', ')}`;
}

/** Who a trust admits, in words (without the audience, which differs per cloud). */
export function trustText(t: TrustAccess): string {
  switch (t.kind) {
    case 'service':
      return `service ${t.issuer}${t.subject ? ` (${t.subject})` : ''}`;
    case 'attached':
      return `attached by ${t.issuer}`;
    case 'aws-role':
      return `${t.subject} of ${t.issuer}`;
    default:
      return `${t.issuer} subject ${t.subject ?? '(any)'}`;
  }
}

/** A trust's native terms: the resource that makes it, and its audience. */
function trustNative(cloud: IdentityAccess['cloud'], t: TrustAccess, fallback: string): string {
  return `${CLOUD_LABEL[cloud]}: ${t.address ?? fallback}${t.audience ? ` audience ${t.audience}` : ''}`;
}

function index(model: AccessModel): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const stack of model.stacks) for (const identity of stack.identities) out.set(identityKey(stack.stack, identity), { stack, identity });
  return out;
}

/** Every change from `base` to `head`, in head order (removals after). */
export function diffAccessModels(base: AccessModel, head: AccessModel, isProduction: ProductionTest): ReviewChange[] {
  const before = index(base);
  const after = index(head);
  const changes: ReviewChange[] = [];
  const emit: Emit = (at, facts, rest) => {
    const full: RiskFacts = { ...facts, production: isProduction(at.stack.environment) };
    const rule = riskOf(full);
    changes.push({
      facts: full,
      stack: at.stack.stack,
      environment: at.stack.environment,
      workload: at.identity.workload,
      cloud: at.identity.cloud,
      identity: at.identity.name,
      ...rest,
      risk: rule.risk,
      rule: rule.id,
    });
  };
  const where = (at: Located) => `in ${at.stack.environment}`;

  for (const [key, now] of after) {
    const was = before.get(key);
    const w = now.identity.workload;
    if (!was) {
      emit(now, { subject: 'identity', change: 'added' }, { summary: `${w} gets a new identity ${where(now)}`, native: [`${CLOUD_LABEL[now.identity.cloud]}: ${now.identity.address} ${now.identity.name}`] });
    } else {
      diffIdentity(was, now, emit, where);
    }
    diffTrusts(was?.identity.trusts ?? [], now.identity.trusts, now, emit, where);
    diffGrants(was?.identity.grants ?? [], now.identity.grants, now, emit, where);
  }
  for (const [key, was] of before) {
    if (after.has(key)) continue;
    const grants = was.identity.grants.map((g) => (g.level ? `${g.level} on ${g.resource}` : g.native.permissions.join(', ')));
    emit(
      was,
      { subject: 'identity', change: 'removed' },
      {
        summary: `${was.identity.workload} loses its identity ${where(was)}${grants.length ? ` (it had ${grants.join('; ')})` : ''}`,
        native: [`${CLOUD_LABEL[was.identity.cloud]}: ${was.identity.address} ${was.identity.name} is destroyed`],
      },
    );
  }
  return changes;
}

/** Records one change of an identity, its risk decided by the rules. */
type Emit = (at: Located, facts: Omit<RiskFacts, 'production'>, rest: Pick<ReviewChange, 'summary' | 'native'> & Partial<ReviewChange>) => void;
type Where = (at: Located) => string;

function diffIdentity(was: Located, now: Located, emit: Emit, where: Where): void {
  const a = was.identity;
  const b = now.identity;
  const old: Record<string, string> = { name: a.name, ...a.settings };
  const cur: Record<string, string> = { name: b.name, ...b.settings };
  const changed = [...new Set([...Object.keys(old), ...Object.keys(cur)])].filter((k) => old[k] !== cur[k]);
  if (!changed.length) return;
  emit(
    now,
    { subject: 'identity', change: 'changed', attributes: changed, boundaryRemoved: changed.includes('permissions_boundary') && cur.permissions_boundary === 'none' },
    {
      summary: `${b.workload}'s identity changes ${changed.join(', ')} ${where(now)}`,
      native: changed.map((k) => `${CLOUD_LABEL[b.cloud]}: ${b.address} ${k}: ${old[k] ?? '(unset)'} → ${cur[k] ?? '(unset)'}`),
    },
  );
}

function diffTrusts(was: readonly TrustAccess[], now: readonly TrustAccess[], at: Located, emit: Emit, where: Where): void {
  const w = at.identity.workload;
  const groups = new Map<string, { was: TrustAccess[]; now: TrustAccess[] }>();
  for (const [side, list] of [['was', was], ['now', now]] as const) {
    for (const t of list) {
      const g = groups.get(trustKey(t)) ?? { was: [], now: [] };
      g[side].push(t);
      groups.set(trustKey(t), g);
    }
  }
  for (const g of groups.values()) {
    if (g.was.length === 1 && g.now.length === 1) {
      const [a, b] = [g.was[0], g.now[0]];
      const attributes = (['subject', 'audience'] as const).filter((k) => a[k] !== b[k]);
      if (attributes.length) {
        emit(at, { subject: 'trust', change: 'changed', trustKind: b.kind, attributes }, {
          source: trustText(b),
          summary: `${w} ${where(at)}: the trust in ${b.issuer} changes ${attributes.map((k) => `${k} from ${a[k] ?? '(none)'} to ${b[k] ?? '(none)'}`).join(', ')}`,
          native: attributes.map((k) => `${CLOUD_LABEL[at.identity.cloud]}: ${b.address ?? at.identity.address} ${k}: ${a[k] ?? '(none)'} → ${b[k] ?? '(none)'}`),
        });
      }
      continue;
    }
    const subjects = (l: TrustAccess[]) => new Set(l.map((t) => `${t.subject} ${t.audience}`));
    const [had, has] = [subjects(g.was), subjects(g.now)];
    for (const t of g.now.filter((t) => !had.has(`${t.subject} ${t.audience}`))) {
      emit(at, { subject: 'trust', change: 'added', trustKind: t.kind }, { source: trustText(t), summary: `${w} ${where(at)} becomes assumable by ${trustText(t)}`, native: [trustNative(at.identity.cloud, t, at.identity.address)] });
    }
    for (const t of g.was.filter((t) => !has.has(`${t.subject} ${t.audience}`))) {
      emit(at, { subject: 'trust', change: 'removed', trustKind: t.kind }, { source: trustText(t), summary: `${w} ${where(at)} is no longer assumable by ${trustText(t)}`, native: [trustNative(at.identity.cloud, t, at.identity.address)] });
    }
  }
}

function diffGrants(was: readonly GrantAccess[], now: readonly GrantAccess[], at: Located, emit: Emit, where: Where): void {
  const w = at.identity.workload;
  const cloud = at.identity.cloud;
  const old = new Map(was.map((g) => [grantKey(g), g]));
  const cur = new Map(now.map((g) => [grantKey(g), g]));
  const added = now.filter((g) => !old.has(grantKey(g)));
  const removed = was.filter((g) => !cur.has(grantKey(g)));
  const what = (g: GrantAccess) => (g.level ? `${g.level} on ${g.resource}` : `${g.native.permissions.join(', ')} (outside the access vocabulary)`);
  const grantFacts = (g: GrantAccess, change: RiskFacts['change']) => ({ subject: 'grant' as const, change, ...(g.level && { level: g.level }) });

  for (const g of now) {
    const a = old.get(grantKey(g));
    if (a && nativeKey(a) !== nativeKey(g)) {
      emit(at, grantFacts(g, 'changed'), { resource: g.resource, summary: `${w}'s ${what(g)} ${where(at)} now points elsewhere`, native: [`${nativeGrant(cloud, a)} (before)`, `${nativeGrant(cloud, g)} (after)`] });
    }
  }
  for (const g of added) {
    const renamedFrom = removed.find((r) => nativeKey(r) === nativeKey(g));
    if (renamedFrom) {
      removed.splice(removed.indexOf(renamedFrom), 1);
      emit(at, grantFacts(g, 'renamed'), {
        resource: g.resource,
        summary: `${w}'s ${g.level ?? 'grant'} on ${renamedFrom.resource} is now named ${g.resource} ${where(at)} (same native grant)`,
        native: [nativeGrant(cloud, g), ...(renamedFrom.address !== g.address ? [`${CLOUD_LABEL[cloud]}: ${renamedFrom.address} → ${g.address} (destroyed and recreated)`] : [])],
      });
      continue;
    }
    emit(at, grantFacts(g, 'added'), { resource: g.resource, summary: `${w} gains ${what(g)} ${where(at)}`, native: [nativeGrant(cloud, g)] });
  }
  for (const g of removed) {
    emit(at, grantFacts(g, 'removed'), { resource: g.resource, summary: `${w} loses ${what(g)} ${where(at)}`, native: [nativeGrant(cloud, g)] });
  }
}
