/** Template escapes of literals: unescape(escape(s)) is s, and cdktf tokens pass through. */
import fc from 'fast-check';
import { escapeTemplate, unescapeTemplate } from '../../lib/terraform/template-escape';

/** Literals over the characters that matter; `$${` is already an escape, which escapeTemplate keeps. */
const literals = fc.string({ unit: fc.constantFrom('$', '%', '{', '}', 'a', ':'), maxLength: 16 }).filter((s) => !s.includes('$${'));

describe('template escapes', () => {
  it('read back to the literal', () => {
    fc.assert(fc.property(literals, (s) => expect(unescapeTemplate(escapeTemplate(s))).toBe(s)), { numRuns: 3000 });
  });

  it('leave no sequence Terraform would read as an expression or a directive', () => {
    fc.assert(fc.property(literals, (s) => expect(escapeTemplate(s)).not.toMatch(/(?<![$%])[$%]\{|(?<!\$)\$\$\$\{/)), { numRuns: 3000 });
  });

  it('keep cdktf tokens and already escaped sequences', () => {
    expect(escapeTemplate('arn:${TfToken[TOKEN.1]}/${aws:username} %{if}')).toBe('arn:${TfToken[TOKEN.1]}/$${aws:username} %%{if}');
    expect(escapeTemplate('$${kept}')).toBe('$${kept}');
  });
});
