/** GCP grants land on the resource itself, with the role the level maps to, for the service account. */
import { gcpRule } from '../../lib/kinds';
import { EVERY_LEVEL, EVERY_LEVEL_CONFIG, workloadFor } from '../helpers/every-level';
import { synthStacks } from '../helpers/synth';
import { resourcesByAddress } from '../../lib/terraform/stack-json';
import { formatReference, parseReference } from '../../lib/terraform/reference';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

/** Where each kind's binding must be, written from the fixture's resources. */
const EXPECTED: Record<string, Record<string, { type: string; on: Record<string, string> }>> = {
  bucket: { any: { type: 'google_storage_bucket_iam_member', on: { bucket: 'acme-files' } } },
  secret: { any: { type: 'google_secret_manager_secret_iam_member', on: { project: 'acme-dev', secret_id: 'app-secret' } } },
  queue: {
    send: { type: 'google_pubsub_topic_iam_member', on: { project: 'acme-dev', topic: 'jobs' } },
    consume: { type: 'google_pubsub_subscription_iam_member', on: { project: 'acme-dev', subscription: 'jobs-worker' } },
  },
  topic: { any: { type: 'google_pubsub_topic_iam_member', on: { project: 'acme-dev', topic: 'events' } } },
  key: { any: { type: 'google_kms_crypto_key_iam_member', on: { crypto_key_id: 'projects/acme-dev/locations/global/keyRings/ring/cryptoKeys/signing' } } },
};

describe('GCP bindings', () => {
  const all = resourcesByAddress(synthStacks(EVERY_LEVEL_CONFIG)['acme-dev']);

  it.each(EVERY_LEVEL.map(([k, l]) => [`${k}/${l}`, k, l]))('%s is bound on the resource, never the project', (_id, kind, level) => {
    const name = workloadFor(kind, level);
    const expected = EXPECTED[kind][level] ?? EXPECTED[kind].any;
    const address = `${expected.type}.${name}_${kind}_${level}`;
    const binding = all.get(address);
    expect(binding).toMatchObject({ ...expected.on, member: `serviceAccount:${formatReference({ type: IDENTITY_RESOURCES.gcp.type, name, attribute: 'email' })}` });
    const rule = gcpRule(kind, level);
    if ('role' in rule) expect(binding?.role).toBe(rule.role);
    else expect(parseReference(binding?.role)).toMatchObject({ type: 'google_project_iam_custom_role', name: expect.stringMatching(/^acme_dev_\w+$/), attribute: 'name' });
    const bindingsOfWorkload = [...all.keys()].filter((a) => a.startsWith('google_') && a.includes(`.${name}_${kind}_`));
    expect(bindingsOfWorkload).toEqual([address]);
  });

  it('makes no project-level binding', () => {
    expect([...all.keys()].filter((a) => /^google_project_iam_(member|binding|policy)\./.test(a))).toEqual([]);
  });

  it('makes a custom role once per project, with exactly its permissions', () => {
    const roles = [...all].filter(([a]) => a.startsWith('google_project_iam_custom_role.'));
    expect(roles.map(([, r]) => [r.role_id, r.permissions])).toEqual([['acme_dev_objectDeleter', ['storage.objects.delete']]]);
  });
});
