/** Generates large configs from the embedded example's environments and resources. */
import { parse } from 'yaml';
import { example } from '../helpers/synth';

/** Copies of a resource whose names end in `k` (a digit suffix is valid in every cloud's names). */
function copyOf(resource: Record<string, unknown>, k: number): Record<string, unknown> {
  const suffixed = (fields: unknown) => Object.fromEntries(Object.entries(fields as Record<string, string>).map(([f, v]) => [f, `${v}${k}`]));
  return Object.fromEntries(Object.entries(resource).map(([key, v]) => [key, key === 'kind' ? v : suffixed(v)]));
}

/** Workloads per copy of a resource: Google allows 1,500 principals per allow policy (lib/gcp/api-limits.ts). */
const PER_RESOURCE = 1000;

/**
 * The embedded example with `workloads` workloads (cycling through every runsOn form), as YAML.
 * Each workload reads a copy of `invoices` and consumes a copy of `invoice-jobs` shared by at
 * most 1,000 workloads, and the projects' service account quota is raised to fit.
 */
export function hugeConfig(workloads: number, descriptionLength = 20): string {
  const base = parse(example('identity.yaml')) as Record<string, Record<string, Record<string, unknown>>>;
  const copies = Math.ceil(workloads / PER_RESOURCE);
  const resources = { ...base.resources };
  for (let k = 0; k < copies; k++) {
    resources[`invoices-${k}`] = copyOf(base.resources.invoices, k);
    resources[`invoice-jobs-${k}`] = copyOf(base.resources['invoice-jobs'], k);
  }
  const environments = Object.fromEntries(
    Object.entries(base.environments).map(([name, env]) => [name, { ...env, gcp: { ...(env.gcp as object), serviceAccountQuota: Math.max(100, workloads) } }]),
  );
  const forms = [
    { aws: 'lambda' },
    { gcp: 'cloud-run' },
    { azure: 'functions' },
    { github: { repository: 'acme/payments', environment: '{env}' } },
  ];
  const out: Record<string, unknown> = {};
  for (let i = 0; i < workloads; i++) {
    out[`w${i}`] = {
      description: `workload ${i} `.padEnd(descriptionLength, 'x'),
      owner: 'team-load',
      runsOn: forms[i % forms.length],
      access: [{ resource: `invoices-${i % copies}`, allow: ['read'] }, { resource: `invoice-jobs-${i % copies}`, allow: ['consume'] }],
    };
  }
  // JSON is YAML, and much faster to write than block YAML.
  return JSON.stringify({ ...base, environments, resources, workloads: out }, null, 1);
}
