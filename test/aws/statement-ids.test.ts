/**
 * Generated statement ids are injective and within IAM's Sid characters, and the review reads
 * them back: property tests over every resource name the schema accepts, and the collision the
 * old ids had (`k` with [encrypt, decrypt] and `k-encrypt` with [decrypt] were both `KEncryptDecrypt`).
 */
import fc from 'fast-check';
import { AWS_TARGETS, KINDS, targetNames } from '../../lib/kinds';
import { decodeResourceName, encodeResourceName, grantSid, parseGrantSid } from '../../lib/aws/statement-ids';
import { readAwsIdentities } from '../../lib/review/read-aws';
import { synthStacks } from '../helpers/synth';

/** The schema's pattern for resource names (lib/config/identity.schema.json). */
const RESOURCE_NAME = /^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/;
const names = fc.stringMatching(RESOURCE_NAME);
const levels = fc.subarray([...new Set(Object.values(KINDS).flatMap((k) => Object.keys(k.levels)))], { minLength: 1 });
const targets = fc.constantFrom(...targetNames(AWS_TARGETS));

describe('statement ids of generated grants', () => {
  it('encode every resource name reversibly, in [A-Za-z0-9]', () => {
    fc.assert(
      fc.property(names, (n) => {
        const e = encodeResourceName(n);
        expect(e).toMatch(/^[A-Za-z0-9]+$/);
        expect(decodeResourceName(e)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('never give two different grants the same id, and parse back to what they name', () => {
    fc.assert(
      fc.property(names, levels, targets, names, levels, targets, (n1, l1, t1, n2, l2, t2) => {
        const [a, b] = [grantSid(n1, l1, t1), grantSid(n2, l2, t2)];
        expect(a).toMatch(/^[A-Za-z0-9]+$/);
        expect(parseGrantSid(a)).toEqual({ resource: n1, levels: l1, target: t1 });
        if (n1 !== n2 || t1 !== t2 || l1.join() !== l2.join()) expect(a).not.toBe(b);
      }),
      { numRuns: 3000 },
    );
  });

  it('parse only what grantSid makes', () => {
    const words = fc.constantFrom('Read', 'Write', 'Decrypt', 'Bucket', 'Objects', 'Key', 'Of', 'Z', 'Zz', 'A', 'a', '1', 'Ofx');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 6 }), (parts) => {
        const sid = parts.join('');
        const parsed = parseGrantSid(sid);
        if (parsed) expect(grantSid(parsed.resource, parsed.levels, parsed.target)).toBe(sid);
      }),
      { numRuns: 5000 },
    );
  });

  it('tell apart hyphens before letters, z, digits and hyphens', () => {
    const tricky = ['k', 'k-encrypt', 'kencrypt', 'a-1', 'a1', 'a--b', 'a-b', 'ab', 'a-z', 'az', 'a-zz', 'a-z-z', 'z-9', 'z9'];
    const ids = tricky.map((n) => grantSid(n, ['decrypt'], 'key'));
    expect(new Set(ids).size).toBe(tricky.length);
    // The documented readable form (README, Access levels).
    expect(grantSid('invoice-jobs', ['consume'], 'queue')).toBe('ConsumeQueueOfInvoiceJobs');
  });

  it('keep `k` [encrypt, decrypt] and `k-encrypt` [decrypt] apart in the policy and in the review', () => {
    const stacks = synthStacks(`app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }
resources:
  k:         { kind: key, aws: { keyId: 1234abcd-12ab-34cd-56ef-1234567890ab } }
  k-encrypt: { kind: key, aws: { keyId: 0000abcd-12ab-34cd-56ef-1234567890ab } }
workloads:
  app:
    description: Uses two keys
    owner: team-app
    runsOn: { aws: lambda }
    access:
      - { resource: k, allow: [encrypt, decrypt] }
      - { resource: k-encrypt, allow: [decrypt] }
`);
    const stack = stacks['acme-dev'];
    const policy = JSON.parse(stack.resource?.aws_iam_role_policy?.app.policy as string) as { Statement: { Sid: string }[] };
    const sids = policy.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    const [identity] = readAwsIdentities(stack, new Set());
    expect(identity.grants.map((g) => `${g.resource} ${g.level}`).sort()).toEqual(['k decrypt', 'k encrypt', 'k-encrypt decrypt']);
  });
});
