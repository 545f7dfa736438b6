/** References `${type.name.attribute}`: parse(format(x)) is x, parse refuses what format cannot make. */
import fc from 'fast-check';
import { formatReference, parseReference, readable, referenceIn, refersTo, renameReferences } from '../../lib/terraform/reference';

const references = fc.record({
  type: fc.stringMatching(/^[a-z0-9_]{1,30}$/),
  name: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  attribute: fc.stringMatching(/^[a-z0-9_]{1,20}$/),
});
const nearReferences = fc.string({ unit: fc.constantFrom('a', 'Z', '_', '-', '.', '$', '{', '}', ':'), maxLength: 14 });

describe('references', () => {
  it('read back to what they were made of, whole or inside a longer value', () => {
    fc.assert(
      fc.property(references, (r) => {
        expect(parseReference(formatReference(r))).toEqual(r);
        expect(referenceIn(`serviceAccount:${formatReference(r)}/x`)).toEqual(r);
        expect(refersTo(`serviceAccount:${formatReference(r)}`, r)).toBe(true);
      }),
    );
  });

  it('parse only what format makes', () => {
    fc.assert(
      fc.property(nearReferences, (s) => {
        const parsed = parseReference(s);
        if (parsed) expect(formatReference(parsed)).toBe(s);
      }),
      { numRuns: 3000 },
    );
    const refused = ['${a.b}', '${a.b.c.d}', '$${a.b.c}', 'x${a.b.c}', '${a.b.c}x', '${var.x}', '${A.b.c}', '${a.b.C}', 'a.b.c', 42];
    expect(refused.map(parseReference)).toEqual(Array(refused.length).fill(undefined));
    expect(() => formatReference({ type: 'a', name: 'b', attribute: 'C' })).toThrow('no Terraform attribute');
  });

  it('are renamed where they point at a moved resource, and shown to people without ${}', () => {
    const text = '{"role":"${aws_iam_role.old.name}","arn":"${aws_iam_role.old.arn}","other":"${aws_iam_policy.p.arn}","var":"${var.x}"}';
    expect(renameReferences(text, (a) => (a === 'aws_iam_role.old' ? 'aws_iam_role.new' : a))).toBe(
      '{"role":"${aws_iam_role.new.name}","arn":"${aws_iam_role.new.arn}","other":"${aws_iam_policy.p.arn}","var":"${var.x}"}',
    );
    expect(readable('serviceAccount:${google_service_account.run.email} $${aws:username} %%{x}')).toBe('serviceAccount:google_service_account.run.email ${aws:username} %{x}');
    expect(refersTo('${aws_iam_role.a.name}', { type: 'aws_iam_role', name: 'ab' })).toBe(false);
  });
});
