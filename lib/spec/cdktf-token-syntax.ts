/**
 * Text that cdktf would read as one of its own tokens when it resolves a stack, turning a
 * config value into a reference to whatever that token stands for (another resource's
 * attribute: `"${TfToken[TOKEN.5]}/*"` became the audit bucket's ARN). Every string and
 * number of a config is held against these encodings, copied from cdktf 0.21
 * (node_modules/cdktf/lib/tokens/private/encoding.js):
 *
 * - string, list and map tokens: `${TfToken[KEY]}`, `#{TfToken[KEY]}`, `&{TfToken[KEY]}`
 *   (BEGIN_STRING_TOKEN_MARKER, BEGIN_LIST_TOKEN_MARKER, BEGIN_MAP_TOKEN_MARKER, lines 20-22);
 * - number tokens: doubles whose top 16 bits are 0xfdff (a number) or 0xfbff (a list of
 *   numbers), about -8.1e298 and -1.9e289 (DOUBLE_TOKEN_MARKER_BITS, lines 337-339). cdktf
 *   decodes them wherever they appear as numbers, and also inside any string, as text matched
 *   by NUMBER_TOKEN_REGEX (line 32, used by resolve.js on every string).
 *
 * test/safety/cdktf-token-syntax.test.ts checks these against cdktf's own encoder and resolver.
 */

const MARKERS = ['${TfToken[', '#{TfToken[', '&{TfToken['] as const;
/** cdktf's NUMBER_TOKEN_REGEX: the numbers in a string it decodes as number tokens. */
const NUMBER_TEXT = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
const TOKEN_DOUBLE_MARKERS = new Set([0xfdff, 0xfbff]);

/** Whether `n` is encoded like a cdktf number token (any index: an unknown one crashes the synth). */
export function isTokenNumber(n: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return TOKEN_DOUBLE_MARKERS.has(view.getUint16(0));
}

/** The first fragment of `text` that cdktf would resolve as a token, or undefined. */
export function cdktfTokenIn(text: string): string | undefined {
  const marker = MARKERS.find((m) => text.includes(m));
  if (marker) return marker;
  for (const [number] of text.matchAll(NUMBER_TEXT)) if (isTokenNumber(parseFloat(number))) return number;
  return undefined;
}
