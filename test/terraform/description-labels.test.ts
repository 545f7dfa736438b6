/** GCP description labels `<text> [k=v ...]`: parse(format(x)) is x, parse refuses what format cannot make. */
import fc from 'fast-check';
import { formatLabelledDescription, parseDescriptionLabels } from '../../lib/terraform/description-labels';

const keys = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
/** Values as tags hold them, owners included (lib/spec/schema.ts: `[A-Za-z0-9 ._@/-]`, spaces too). */
const values = fc.stringMatching(/^[A-Za-z0-9 ._@/-]{0,20}$/);
const labels = fc.dictionary(keys, values, { maxKeys: 5 });
const texts = fc.string({ maxLength: 300 });
const nearLabels = fc.string({ unit: fc.constantFrom('a', 'b', '=', ' ', '[', ']', 'x', '-'), maxLength: 16 });

describe('description labels', () => {
  it('read back from the end of any description, whatever its text', () => {
    fc.assert(
      fc.property(texts, labels, (text, l) => {
        const description = formatLabelledDescription(text, l, 255 + JSON.stringify(l).length);
        expect(parseDescriptionLabels(description)).toEqual(l);
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the labels whole and the description within its length', () => {
    const description = formatLabelledDescription('x'.repeat(300), { app: 'acme', owner: 'platform team' }, 255);
    expect(description).toHaveLength(255);
    expect(description.endsWith(' [app=acme owner=platform team]')).toBe(true);
    expect(parseDescriptionLabels(description)).toEqual({ app: 'acme', owner: 'platform team' });
  });

  it('parse only what format makes', () => {
    fc.assert(
      fc.property(nearLabels, (s) => {
        const description = `text [${s}]`;
        const parsed = parseDescriptionLabels(description);
        // The text before the list is free: what parses is the list format writes at the end.
        if (parsed) expect(description.endsWith(formatLabelledDescription('', parsed, 1000).slice(1))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    const refused = ['no labels', '[a=b] then text', '[=b]', '[a=b a=c]', '[A=b]', '[ab]', 42];
    expect(refused.map(parseDescriptionLabels)).toEqual(Array(refused.length).fill(undefined));
    expect(() => formatLabelledDescription('t', { owner: 'a=b' }, 255)).toThrow('cannot carry the label');
  });
});
