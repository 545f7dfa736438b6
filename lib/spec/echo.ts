/**
 * How config values appear in messages: cut short, so a message stays one readable line
 * whatever the file holds (a value may be a whole mapping, a 45,000-character line, or a
 * secret of a file that was never a config), and with invisible characters made visible.
 */

/** Longest part of a value a message shows, in characters. */
export const MAX_SHOWN = 60;
/** Most names a message lists. */
export const MAX_LISTED = 8;

/** Characters a terminal would not show, or would use to reorder the line (bidi controls). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]|(?! )\p{Zs}/gu;

const visible = (text: string) => text.replace(INVISIBLE, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`);

/** Cuts text to `max` characters (code points), marking the cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A value as a message shows it: a string quoted, invisible characters escaped, cut to
 * MAX_SHOWN characters with its full length said; a mapping or list by its kind only.
 */
export function shown(value: unknown): string {
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? `a list of ${value.length}` : 'a mapping';
  if (typeof value !== 'string') return cut(String(value), MAX_SHOWN);
  const text = visible(JSON.stringify(value));
  return Array.from(text).length <= MAX_SHOWN ? text : `${cut(text, MAX_SHOWN - 1)}" (${Array.from(value).length} characters)`;
}

/** Names as a message lists them: each cut and made visible, at most MAX_LISTED, then how many more. */
export function listed(names: readonly string[]): string {
  if (!names.length) return 'none';
  const first = names.slice(0, MAX_LISTED).map((n) => cut(visible(n), MAX_SHOWN));
  return names.length > MAX_LISTED ? `${first.join(', ')} and ${names.length - MAX_LISTED} more` : first.join(', ');
}

/** A key or name inside a path or message: made visible and cut. */
export function shownName(name: string): string {
  return cut(visible(name), MAX_SHOWN);
}
