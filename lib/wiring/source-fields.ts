/**
 * The runsOn fields a snippet names (the Kubernetes namespace, the GitHub environment, the
 * Terraform Cloud workspace), read back from the exact subject lib/federation/sources.ts builds
 * from them. Each form's separators are characters its platform refuses in the fields they
 * follow: a Kubernetes namespace is a DNS label, a GitHub repository name and a git ref hold no
 * `:`, Terraform Cloud organization, project and workspace names hold no `:`.
 */
import type { OidcSource } from '../spec/types';

export interface GithubFields {
  readonly repository: string;
  readonly environment?: string;
  readonly ref?: string;
}

export interface KubernetesFields {
  readonly namespace: string;
  readonly serviceAccount: string;
}

export interface TerraformCloudFields {
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  readonly runPhase: 'plan' | 'apply';
}

/** The fields of a GitHub Actions source (`repo:<repository>:environment:<e>` or `…:ref:<r>`). */
export function githubFields(source: OidcSource): GithubFields {
  const m = /^repo:(.*?):(environment|ref):(.*)$/s.exec(source.subject);
  if (!m) throw new Error(`not a GitHub Actions subject: ${source.subject}`);
  return { repository: m[1], [m[2]]: m[3] };
}

/** The fields of a Kubernetes source (`system:serviceaccount:<namespace>:<name>`). */
export function kubernetesFields(source: OidcSource): KubernetesFields {
  const m = /^system:serviceaccount:([^:]*):(.*)$/s.exec(source.subject);
  if (!m) throw new Error(`not a Kubernetes service account subject: ${source.subject}`);
  return { namespace: m[1], serviceAccount: m[2] };
}

/** The fields of a Terraform Cloud source (`organization:<o>:project:<p>:workspace:<w>:run_phase:<phase>`). */
export function terraformCloudFields(source: OidcSource): TerraformCloudFields {
  const m = /^organization:(.*?):project:(.*?):workspace:(.*):run_phase:(plan|apply)$/s.exec(source.subject);
  if (!m) throw new Error(`not a Terraform Cloud subject: ${source.subject}`);
  return { hostname: new URL(source.issuer).host, organization: m[1], project: m[2], workspace: m[3], runPhase: m[4] as 'plan' | 'apply' };
}
