/**
 * Every GCP resource of every example and of configs built on every source, held against two
 * checkers: the API rules the provider does not validate (lib/gcp/federation-api-rules.ts, also applied to
 * every stack any test synthesizes), and the validations the provider itself runs at plan,
 * transcribed here from terraform-provider-google v6.50.0 with file and line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@bufbuild/cel';
import { GCP_FEDERATION_API_RULES, checkGcpFederationApiRules } from '../../lib/gcp/federation-api-rules';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import { EXAMPLES_DIR, example, gcpApiViolations, ofType, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

const IAM = 'google/services/iambeta';

/**
 * The IAM member types we emit. Their parent attributes (bucket, secret_id, topic, subscription,
 * crypto_key_id, service_account_id, project) and role and member are all ForceNew, with no
 * ValidateFunc beyond those below (iam_storage_bucket.go:36-38, iam_secret_manager_secret.go:39-45,
 * iam_pubsub_topic.go:39-45, iam_pubsub_subscription.go:34-42, iam_kms_crypto_key.go:34-35,
 * resource_iam_member.go:63-79, v6.50.0): changing one replaces the binding.
 */
const MEMBER_TYPES = [
  'google_service_account_iam_member',
  'google_storage_bucket_iam_member',
  'google_secret_manager_secret_iam_member',
  'google_pubsub_topic_iam_member',
  'google_pubsub_subscription_iam_member',
  'google_kms_crypto_key_iam_member',
  'google_project_iam_member',
];

/** The provider's own plan-time validations of the attributes we emit, as [file:line, resource type, attribute, check]. */
const PROVIDER_VALIDATIONS: readonly [string, string, string, (v: string) => boolean][] = [
  // ValidateWorkloadIdentityPoolId: no "gcp-" prefix, ^[0-9a-z-]+$, 4-32 characters.
  [`${IAM}/resource_iam_workload_identity_pool.go:40-64`, 'google_iam_workload_identity_pool', 'workload_identity_pool_id', (v) => !v.startsWith('gcp-') && /^[0-9a-z-]{4,32}$/.test(v)],
  // ValidateWorkloadIdentityPoolProviderId: the same rules.
  [`${IAM}/resource_iam_workload_identity_pool_provider.go:41-66`, 'google_iam_workload_identity_pool_provider', 'workload_identity_pool_provider_id', (v) => !v.startsWith('gcp-') && /^[0-9a-z-]{4,32}$/.test(v)],
  // account_id: verify.ValidateRFC1035Name(6, 30), google/verify/validation.go:41 and :164-185.
  ['google/services/resourcemanager/resource_google_service_account.go:73', 'google_service_account', 'account_id', (v) => v.length >= 6 && v.length <= 30 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v)],
  // description: validation.StringLenBetween(0, 256).
  ['google/services/resourcemanager/resource_google_service_account.go:90', 'google_service_account', 'description', (v) => v.length <= 256],
  // validateIAMMember: not "deleted:", and "<type>:<value>", on every IAM member type we emit.
  ...MEMBER_TYPES.map((type): [string, string, string, (v: string) => boolean] => ['google/tpgiamresource/resource_iam_member.go:42-58', type, 'member', (v) => !/^deleted/.test(v) && /.+:.+/.test(v)]),
  // crypto_key_id has no ValidateFunc, but ParseKmsCryptoKeyId refuses other forms at apply (the
  // relative link form, with verify.ProjectRegex narrowed to project ids).
  ['google/services/kms/kms_utils.go:181-186', 'google_kms_crypto_key_iam_member', 'crypto_key_id', (v) => /^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[a-zA-Z0-9_-]{1,63}\/cryptoKeys\/[a-zA-Z0-9_-]{1,63}$/.test(v)],
];

/** Violations of the provider's own validations in one stack, and CEL the API could not parse (checked by a real CEL parser). */
function providerViolations(stack: StackJson): string[] {
  const invalid = PROVIDER_VALIDATIONS.flatMap(([where, type, attribute, ok]) =>
    Object.entries(ofType(stack, type))
      .filter(([, r]) => typeof r[attribute] === 'string' && !ok(r[attribute] as string))
      .map(([name, r]) => `${type}.${name}.${attribute} = ${String(r[attribute])} (${where})`),
  );
  const unparsable = Object.entries(ofType(stack, 'google_iam_workload_identity_pool_provider')).flatMap(([name, p]) =>
    [p.attribute_condition, ...Object.values((p.attribute_mapping ?? {}) as Record<string, string>)].filter((e): e is string => typeof e === 'string').filter((e) => {
      try {
        parse(e.replace(/\$\{[^}]+\}/g, 'x'));
        return false;
      } catch {
        return true;
      }
    }).map((e) => `${name}: not CEL: ${e}`),
  );
  return [...invalid, ...unparsable];
}

/** Sources without grants ask for a GCP identity, so that each federates into GCP (a runtime one keeps its own cloud too). */
const ON_GCP = '    clouds: [gcp]\n';

const everySource = [
  workload('fn', '{ aws: lambda }', [], ON_GCP),
  workload('run', '{ gcp: cloud-run }', [
    '{ resource: bucket, allow: [read, write, delete] }',
    '{ resource: secret, allow: [read] }',
    '{ resource: queue, allow: [send, consume] }',
    '{ resource: topic, allow: [publish] }',
    '{ resource: key, allow: [encrypt, decrypt, sign] }',
  ]),
  workload('func', '{ azure: functions }', [], ON_GCP),
  workload('pod', '{ kubernetes: { issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF", namespace: payments, serviceAccount: worker } }', [], ON_GCP),
  workload('ci', '{ github: { repository: acme/app, environment: "{env}" } }', [], ON_GCP),
  workload('tfc', '{ terraformCloud: { organization: acme, project: platform, workspace: "app-{env}", runPhase: apply } }', [], ON_GCP),
  workload('idp', '{ oidc: { issuer: "https://idp.example.com", subject: "spiffe://acme/app", audience: acme-app } }', [], ON_GCP),
].join('');

const DATA_DIR = path.join(__dirname, '..', 'data');
const yamlFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));

const CONFIGS: Record<string, string> = {
  ...Object.fromEntries(yamlFiles(EXAMPLES_DIR).map((f) => [`examples/${f}`, example(f)])),
  ...Object.fromEntries(yamlFiles(DATA_DIR).map((f) => [`test/data/${f}`, fs.readFileSync(path.join(DATA_DIR, f), 'utf8')])),
  'every source': config(everySource),
  'an app named gcp': config(everySource).replace('app: acme', 'app: gcp'),
  'a sharded environment': config(everySource, threeCloudEnvironment('dev', '\n    shards: 2')),
};

describe('GCP resources against the API and the provider', () => {
  it.each(Object.keys(CONFIGS))('%s: every stack keeps every rule', (name) => {
    const spec = parseSpec(CONFIGS[name], `${name}.yaml`);
    const stacks = synthStacks(spec);
    for (const stack of Object.values(stacks)) {
      expect(gcpApiViolations(stack, spec)).toEqual([]);
      expect(providerViolations(stack)).toEqual([]);
    }
  });

  it('binds on every kind of resource in the configs checked', () => {
    const stack = synthStacks(CONFIGS['every source'])['acme-dev'];
    for (const type of MEMBER_TYPES.filter((t) => t !== 'google_project_iam_member')) expect(Object.keys(ofType(stack, type)).length).toBeGreaterThan(0);
  });

  it('gives an app named gcp a pool id Google accepts', () => {
    const stack = synthStacks(config(everySource).replace('app: acme', 'app: gcp'))['gcp-dev'];
    expect(Object.values(ofType(stack, 'google_iam_workload_identity_pool')).map((p) => p.workload_identity_pool_id)).toEqual(['wi-gcp-dev']);
  });

  it('finds what each rule forbids (the rules can fail)', () => {
    const long = 'x'.repeat(300);
    const bad = checkGcpFederationApiRules({
      google_iam_workload_identity_pool: { p: { display_name: long, description: long } },
      google_iam_workload_identity_pool_provider: {
        o: {
          display_name: long,
          description: long,
          attribute_condition: long.repeat(14),
          oidc: { issuer_uri: 'https://x', allowed_audiences: Array.from({ length: 11 }, (_, i) => `a${i}`) },
          attribute_mapping: { 'attribute.Bad-Key': 'assertion.x' },
        },
        m: { oidc: { issuer_uri: 'https://x', allowed_audiences: [long] }, attribute_mapping: { 'google.subject': long.repeat(7) } },
      },
      google_service_account: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`sa${i}`, { project: 'p', display_name: i ? 'ok' : long }])),
      google_storage_bucket_iam_member: {
        ...Object.fromEntries(Array.from({ length: 1501 }, (_, i) => [`b${i}`, { bucket: 'b', role: 'roles/storage.objectViewer', member: `serviceAccount:sa${i}@p.iam.gserviceaccount.com` }])),
        long: { bucket: 'c', role: 'r', member: `principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/${'s'.repeat(128)}` },
      },
    });
    expect([...new Set(bad.map((v) => v.rule))].sort()).toEqual(
      [...GCP_FEDERATION_API_RULES.map((r) => r.id), 'service-accounts-per-project', 'principals-per-allow-policy'].sort(),
    );
    expect(checkGcpFederationApiRules({ google_service_account: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`sa${i}`, { project: 'p' }])) }, { serviceAccounts: { p: 200 } })).toEqual([]);
  });
});
