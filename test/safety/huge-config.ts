/** Generates large configs from the embedded example's environments and resources. */
import { parse } from 'yaml';
import { example } from '../helpers/synth';

/** The embedded example with `workloads` workloads (cycling through every runsOn form), as YAML. */
export function hugeConfig(workloads: number, descriptionLength = 20): string {
  const base = parse(example('identity.yaml')) as Record<string, unknown>;
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
      access: [{ resource: 'invoices', allow: ['read'] }, { resource: 'invoice-jobs', allow: ['consume'] }],
    };
  }
  // JSON is YAML, and much faster to write than block YAML.
  return JSON.stringify({ ...base, workloads: out }, null, 1);
}
