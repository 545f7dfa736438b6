/** AWS-only configs of estates near AWS's limits, built as YAML text the way a user writes them. */

/** Bucket names of the estates: realistic length (`acme-data-00042-prod`, 20 characters). */
export const bucketName = (i: number) => `acme-data-${String(i).padStart(5, '0')}-{env}`;

/**
 * `buckets` buckets granted read, write and delete, spread over workloads of `perWorkload`
 * buckets each, in one AWS-only environment `prod`.
 */
export function bucketEstate(buckets: number, perWorkload = buckets): string {
  const resources = Array.from({ length: buckets }, (_, i) => `  b${i}: { kind: bucket, aws: { bucket: "${bucketName(i)}" } }`);
  const workloads: string[] = [];
  for (let w = 0; w * perWorkload < buckets; w++) {
    const access = Array.from({ length: Math.min(perWorkload, buckets - w * perWorkload) }, (_, j) => `      - { resource: b${w * perWorkload + j}, allow: [read, write, delete] }`);
    workloads.push(`  w${w}:\n    description: Estate workload ${w}\n    owner: team-data\n    runsOn: { aws: lambda }\n    access:\n${access.join('\n')}`);
  }
  return [
    'app: estate',
    'environments:',
    '  prod:',
    '    aws: { accountId: "555555555555", region: eu-west-1 }',
    '    monitoring: { notify: [platform@example.com] }',
    'resources:',
    ...resources,
    'workloads:',
    ...workloads,
    '',
  ].join('\n');
}
